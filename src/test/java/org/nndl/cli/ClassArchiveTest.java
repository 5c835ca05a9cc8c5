package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-archive rules (src/main/sh/class-archive.sh), run by bash on files in a
 * temporary folder; archive_dump and archive_usable are replaced by a write and a check of a
 * file's text.
 */
class ClassArchiveTest {
  private static final Path SCRIPT = Path.of("src/main/sh/class-archive.sh").toAbsolutePath();
  /** A pid no process has (above Linux's pid_max limit). */
  private static final String DEAD = "4194305";
  @TempDir Path dir;

  /**
   * Runs class_archive DIR train KEY, with a builder that only records its arguments in
   * DIR/../started, and returns the flags it chose, one per line.
   */
  private String flags(String key) throws Exception {
    return bash("class_archive_start_build() { echo \"$1 $2\" > '" + started() + "'; }; class_archive '" + dir
        + "' train " + key + "; printf '%s\\n' \"${CLASS_ARCHIVE_FLAGS[@]}\"");
  }

  /** Runs class_archive_build for the list of run PID, with a dump that writes TEXT. */
  private void build(String pid, String text) throws Exception {
    bash(STUBS.formatted(text) + "class_archive_build '" + dir.resolve("train-1.jsa") + "' " + pid);
  }

  /** A dump that writes its text, and a test JVM that maps only a dump reading "good". */
  private static final String STUBS = "archive_dump() { echo %s > \"$2\"; }; "
      + "archive_usable() { [ \"$(cat \"$1\")\" = good ]; }; ";

  private Path started() { return dir.resolveSibling(dir.getFileName() + ".started"); }

  private static String bash(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", ". '" + SCRIPT + "'; " + script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** The class list of run PID, marked as a successful run's when ok. */
  private void list(String pid, boolean ok) throws IOException {
    Path list = dir.resolve("train-1.jsa." + pid + ".classlist");
    Files.writeString(list, "java/lang/Object id: 0\n");
    if (ok) Files.writeString(dir.resolve(list.getFileName() + ".ok"), "");
  }

  @Test
  void withoutAnArchiveTheRunListsItsClassesAndTheBuilderWaitsForIt() throws Exception {
    String f = flags("1");
    List<String> lists = f.lines().filter(l -> l.startsWith("-XX:DumpLoadedClassList=" + dir.resolve("train-1.jsa.")))
        .toList();
    assertEquals(1, lists.size(), f);
    String pid = lists.get(0).replaceAll(".*[.]([0-9]+)[.]classlist$", "$1");
    assertEquals(pid, Files.readString(dir.resolve("train-1.jsa.lock")).strip(), "the lock names the listing run");
    assertEquals(dir.resolve("train-1.jsa") + " " + pid, Files.readString(started()).strip());
  }

  @Test
  void aSuccessfulRunsListBecomesTheArchiveThatLaterRunsMap() throws Exception {
    list(DEAD, true);
    Files.writeString(dir.resolve("train-1.jsa.lock"), DEAD);
    build(DEAD, "good");
    assertEquals(List.of("train-1.jsa"), names());
    String f = flags("1");
    assertEquals(1, f.lines().filter(l -> l.equals("-XX:SharedArchiveFile=" + dir.resolve("train-1.jsa"))).count(), f);
    assertFalse(Files.exists(started()), "no builder once the archive exists");
  }

  @Test
  void anUnmarkedListOrAnUnusableDumpLeavesNoArchive() throws Exception {
    list(DEAD, false);
    build(DEAD, "good");
    assertEquals(List.of(), names());
    list(DEAD, true);
    build(DEAD, "truncated");
    assertEquals(List.of(), names());
  }

  @Test
  void theBuilderRunsDetachedWithTheCallersVariables() throws Exception {
    list(DEAD, true);
    bash(STUBS.formatted("\"$word\"") + "word=good; CLASS_ARCHIVE_VARS=word; "
        + "class_archive_start_build '" + dir.resolve("train-1.jsa") + "' " + DEAD + "; wait $!");
    assertEquals(List.of("train-1.jsa"), names());
  }

  @Test
  void aRunOrBuilderAtWorkIsLeftAlone() throws Exception {
    String live = String.valueOf(ProcessHandle.current().pid());
    list(live, true);
    Files.writeString(dir.resolve("train-1.jsa.lock"), live);
    assertEquals(List.of(), flags("1").lines().filter(l -> l.startsWith("-XX:")).toList());
    assertEquals(List.of("train-1.jsa." + live + ".classlist", "train-1.jsa." + live + ".classlist.ok",
        "train-1.jsa.lock"), names());
    assertFalse(Files.exists(started()));
  }

  @Test
  void aDeadHoldersLockAndListAreTakenOver() throws Exception {
    list(DEAD, true);
    Files.writeString(dir.resolve("train-1.jsa.lock"), DEAD);
    String f = flags("1");
    assertEquals(1, f.lines().filter(l -> l.startsWith("-XX:DumpLoadedClassList=")).count(), f);
    assertEquals(List.of("train-1.jsa.lock"), names(), "nothing of the dead run is left");
    assertNotEquals(DEAD, Files.readString(dir.resolve("train-1.jsa.lock")).strip());
    assertTrue(Files.exists(started()));
  }

  @Test
  void anArchiveOfAnotherKeyIsRemoved() throws Exception {
    Files.writeString(dir.resolve("train-0.jsa"), "good");
    Files.writeString(dir.resolve("query-0.jsa"), "good");
    Files.writeString(dir.resolve("train-0.jsa." + DEAD + ".classlist"), "");
    flags("1");
    assertEquals(List.of("query-0.jsa", "train-1.jsa.lock"), names());
  }

  @Test
  void theKeyChangesWithTheJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "v1");
    String before = bash("archive_key '" + jar + "'");
    assertEquals(before, bash("archive_key '" + jar + "'"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
    assertNotEquals(before, bash("archive_key '" + jar + "'"));
    assertNotEquals(bash("archive_key '" + jar + "'"), bash("ARCHIVE_KEY_EXTRA=other-java archive_key '" + jar + "'"));
  }

  private List<String> names() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
