package org.nndl.metrics;

/**
 * Who may change a run in a shared warehouse: only the user who started it (its folder's owner).
 * Everyone who can read the warehouse may query a run, plot it into a file of their own and
 * evaluate its model; resuming it, or writing its report and pictures into its folder, is its
 * owner's alone. The file modes enforce the same (docs/clusters.md#a-teams-warehouse); this says
 * so in one line before anything starts, instead of a permission error halfway.
 */
public final class RunOwner {
  private RunOwner() {}

  /**
   * @param action what the user asked, as it reads after "only OWNER can", e.g. "resume it"
   * @throws MetricsError unless {@code user} is {@code owner}
   */
  public static void require(String runId, String owner, String user, String action) {
    if (owner.equals(user)) return;
    throw new MetricsError("run '" + runId + "' belongs to " + owner + ", not to you (" + user + "): only " + owner
        + " can " + action + "; you can query it, plot it with --out FILE and evaluate its model.json, or start a"
        + " run of your own");
  }
}
