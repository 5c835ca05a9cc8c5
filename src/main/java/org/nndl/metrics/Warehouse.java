package org.nndl.metrics;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.nndl.data.KerberosCredentials;

/**
 * A folder on any Hadoop file system (a local path, {@code file://}, {@code hdfs://}, ...)
 * holding every run: {@code ROOT/runs/RUN_ID/} for a run's own files and
 * {@code ROOT/tables/metrics/}, {@code ROOT/tables/runs/} for the Parquet tables, each
 * partitioned by {@code run_id=RUN_ID}. A run id is claimed atomically, so two runs can never
 * share an id (and hence never write the same partition): on a local disk by creating the run's
 * folder, elsewhere by creating {@code RUN_ID/.claimed} with overwrite off, which HDFS refuses to
 * all but one creator.
 */
public final class Warehouse {
  /** Letters, digits and {@code ._-}; starts with a letter or digit so it is never hidden. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  /** Draws of a generated id before giving up: ten collisions in a row mean something else is wrong. */
  private static final int MAX_DRAWS = 10;
  private static final String CLAIM = ".claimed";
  /** A run's folder: its owner writes, others read (docs/clusters.md#a-teams-warehouse). */
  static final FsPermission RUN_MODE = new FsPermission((short) 0755);

  private final Path root;
  private final FileSystem fs;
  private final Configuration conf;

  /** A local folder (tests, and --warehouse without a scheme). */
  public Warehouse(java.nio.file.Path root) { this(root.toAbsolutePath().normalize().toString(), new Configuration()); }

  /**
   * @param location a local path (relative to the working folder) or a Hadoop URI
   * @param conf     the Hadoop configuration that knows the file systems (HADOOP_CONF_DIR's)
   */
  public Warehouse(String location, Configuration conf) {
    this.conf = conf;
    try {
      Path p = new Path(location);
      if (p.toUri().getScheme() == null) {  // a plain path is local, whatever fs.defaultFS says
        // Built from the text: java.nio's toUri() would end an existing folder with '/'.
        p = new Path("file", null, java.nio.file.Path.of(location).toAbsolutePath().normalize().toString());
      }
      FileSystem any = p.getFileSystem(conf);
      // Locally without Hadoop's .crc files beside each model and picture.
      this.fs = any instanceof LocalFileSystem local ? local.getRawFileSystem() : any;
      this.root = fs.makeQualified(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new MetricsError("cannot open warehouse " + location + ": " + e.getMessage()
          + "; pass a local folder or a Hadoop URI such as hdfs://namenode:8020/warehouse", e);
    }
    KerberosCredentials.require(root.toUri());
  }

  /** The root as the user gave it: a plain path for a local warehouse, else the URI. */
  public String root() { return show(root); }

  /** The root, fully qualified. */
  public Path rootPath() { return root; }

  /** True for a warehouse on the local disk of whichever machine opens it. */
  public boolean isLocal() { return "file".equals(root.toUri().getScheme()); }

  public FileSystem fs() { return fs; }

  /** A file of this warehouse as messages show it: a plain path when local, else its URI. */
  public String show(Path p) { return isLocal() ? p.toUri().getPath() : p.toString(); }

  public Configuration conf() { return conf; }

  /** The directory of a run's own files (model.json etc.); exists once the id is claimed. */
  public Path runDir(String runId) { return new Path(new Path(root, "runs"), checkRunId(runId)); }

  /** Root of the per-epoch metrics table (see {@link MetricsTable}). */
  public Path metricsTable() { return new Path(new Path(root, "tables"), "metrics"); }

  /** Root of the one-row-per-run settings table (see {@link RunsTable}). */
  public Path runsTable() { return new Path(new Path(root, "tables"), "runs"); }

  /** Root of the evaluations table (see {@link EvaluationsTable}). */
  public Path evaluationsTable() { return new Path(new Path(root, "tables"), "evaluations"); }

  /** The Hive-style partition directory a run writes into under a table root. */
  static Path partition(Path table, String runId) {
    return new Path(table, "run_id=" + checkRunId(runId));
  }

  /** A readable, practically unique id: local time plus a random suffix. */
  public static String newRunId() {
    return STAMP.format(LocalDateTime.now())
        + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * Reserves {@code runId} for the caller.
   *
   * @return the run directory
   * @throws MetricsError if the id is malformed or already used in this warehouse
   */
  public Path claimRun(String runId) {
    Path dir = tryClaim(runId);
    if (dir == null) throw taken(runId);
    return dir;
  }

  /**
   * Reserves {@code base} or, when it is taken, the first free of {@code base-2}, {@code base-3},
   * ...: each fit of an estimator given one run id (the fits of a CrossValidator, a param grid, a
   * saved estimator fitted again) gets a run of its own.
   *
   * @return the id claimed
   * @throws MetricsError if base is malformed, or a derived id grows past the id's 64 characters
   */
  public String claimFirstFree(String base) {
    for (int k = 1; ; k++) {
      String id = k == 1 ? checkRunId(base) : base + "-" + k;
      if (tryClaim(id) != null) return id;
    }
  }

  /**
   * Reserves a generated id ({@link #newRunId}). Two runs started in the same second draw the
   * same id with probability 1/65536; the one that loses the atomic claim draws again instead of
   * failing, which a user-given id must not do (it is refused by {@link #claimRun}).
   *
   * @return the id claimed
   */
  public String claimNewRun() { return claimNewRun(Warehouse::newRunId); }

  String claimNewRun(Supplier<String> ids) {
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      String id = ids.get();
      if (tryClaim(id) != null) return id;
    }
    throw new MetricsError("no free run id in warehouse " + root() + " after " + MAX_DRAWS
        + " draws: pass --run-id");
  }

  /**
   * Claims the id atomically; null if it is already taken. The run's folder is its user's, mode
   * 755, in {@code runs/}, which everyone may add to ({@link SharedFolder}).
   */
  private Path tryClaim(String runId) {
    Path dir = runDir(runId);
    try {
      SharedFolder.ensure(fs, dir.getParent());
      // Another user's run: HDFS would refuse the claim file as a permission error, not as taken.
      if (!isLocal() && fs.exists(dir)) return null;
      if (!(isLocal() ? createLocalDirectory(dir) : createNew(new Path(dir, CLAIM)))) return null;
      setRunMode(dir);
    } catch (IOException e) {
      throw new MetricsError("cannot create run directory " + dir + ": " + e
          + "; check that --warehouse " + root() + " is a writable directory", e);
    }
    if (exists(partition(metricsTable(), runId)) || exists(partition(runsTable(), runId))) {
      // Left behind by a run whose own directory was deleted: do not mix rows into it.
      try {
        fs.delete(dir, true);
      } catch (IOException ignored) {
        // the id stays claimed, which is also safe
      }
      return null;
    }
    return dir;
  }

  /** {@link #RUN_MODE}, whatever the umask; locally through java.nio (Hadoop's would fork a chmod). */
  private void setRunMode(Path dir) throws IOException {
    if (isLocal()) Files.setPosixFilePermissions(java.nio.file.Path.of(dir.toUri()), PosixFilePermissions.fromString("rwxr-xr-x"));
    else fs.setPermission(dir, RUN_MODE);
  }

  /**
   * Hadoop's local file system checks and creates in two steps; java.nio's createDirectory is
   * one atomic step, so two runs can never both win the same id on a local disk.
   */
  private static boolean createLocalDirectory(Path dir) throws IOException {
    java.nio.file.Path local = java.nio.file.Path.of(dir.toUri());
    try {
      try {
        Files.createDirectories(local.getParent());
        Files.createDirectory(local);
      } catch (NoSuchFileException emptiedMeanwhile) {  // runs/ removed by a concurrent forget(): once more
        Files.createDirectories(local.getParent());
        Files.createDirectory(local);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Creates an empty file unless it exists; atomic on HDFS (the NameNode refuses a second creator). */
  private boolean createNew(Path file) throws IOException {
    try {
      fs.create(file, false).close();
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Removes every trace of a run that failed before it finished: its folder and its rows in both
   * tables, so that a failed start never leaves a half-written run behind. Best effort.
   */
  public void forget(String runId) {
    for (Path p : new Path[] {partition(metricsTable(), runId), partition(runsTable(), runId), runDir(runId)}) {
      try {
        fs.delete(p, true);
      } catch (IOException ignored) {
        // what cannot be removed is reported by the next claim of the same id
      }
    }
    removeIfEmpty(runDir(runId).getParent());  // runs/ too when this was its only run: a fresh warehouse stays empty
  }

  /**
   * Removes a folder only if it is empty, in one step: java.nio's rmdir locally (Hadoop's local
   * delete lists and then deletes, so it could take a folder a concurrent claim just made),
   * a non-recursive delete elsewhere (the NameNode refuses a non-empty folder).
   */
  private void removeIfEmpty(Path dir) {
    try {
      if (isLocal()) Files.deleteIfExists(java.nio.file.Path.of(dir.toUri()));
      else fs.delete(dir, false);
    } catch (IOException othersOrBusy) {
      // other runs' folders are there (or it cannot be removed): it stays
    }
  }

  /** Fails unless {@code runId} was claimed, so tables are only written for owned ids. */
  void requireClaimed(String runId) {
    if (!isDirectory(runDir(runId))) {
      throw new IllegalStateException("run id '" + runId + "' was not claimed in " + root()
          + ": call Warehouse.claimRun first");
    }
  }

  public boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw unreadable(p, e);
    }
  }

  public boolean isDirectory(Path p) {
    try {
      return fs.getFileStatus(p).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw unreadable(p, e);
    }
  }

  public byte[] read(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  public String readString(Path file) throws IOException { return new String(read(file), StandardCharsets.UTF_8); }

  /**
   * Writes a whole file under a hidden temporary name beside it, then renames it into place
   * (replacing an older one): a reader sees the old file or the new one, never half of one.
   */
  public void writeAtomically(Path file, byte[] bytes) {
    if (isLocal()) {
      writeLocally(java.nio.file.Path.of(file.toUri()), bytes);
      return;
    }
    Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      FileContext.getFileContext(fs.getUri(), conf).rename(tmp, file, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      try {
        fs.delete(tmp, false);
      } catch (IOException ignored) {
        // a stray hidden file is harmless
      }
      throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage()
          + "): check that the warehouse " + root() + " is writable", e);
    }
  }

  private void writeLocally(java.nio.file.Path file, byte[] bytes) {
    java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a stray hidden file is harmless
      }
      throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage()
          + "): check that the warehouse " + root() + " is writable", e);
    }
  }

  private MetricsError unreadable(Path p, IOException e) {
    return new MetricsError("cannot read " + p + ": " + e.getMessage() + "; check --warehouse " + root(), e);
  }

  private MetricsError taken(String runId) {
    String owner = ownerOrNull(runDir(runId));
    return new MetricsError("run id '" + runId + "' already exists in warehouse " + root()
        + (owner == null || owner.equals(user()) ? "" : " (a run of " + owner + ")")
        + ": choose another --run-id or a different --warehouse");
  }

  /**
   * The user this process writes as, by the name the warehouse's file system records as owner:
   * the operating system's user locally, the Hadoop user elsewhere (the Kerberos principal's short
   * name on a Kerberized HDFS).
   */
  public String user() {
    if (isLocal()) return System.getProperty("user.name");
    try {
      return UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find the Hadoop user of this process: " + e.getMessage(), e);
    }
  }

  /** The owner of a file or folder of this warehouse. */
  public String owner(Path p) {
    try {
      if (isLocal()) return Files.getOwner(java.nio.file.Path.of(p.toUri())).getName();
      return fs.getFileStatus(p).getOwner();
    } catch (IOException e) {
      throw unreadable(p, e);
    }
  }

  private String ownerOrNull(Path p) {
    try {
      return owner(p);
    } catch (MetricsError gone) {
      return null;
    }
  }

  /**
   * @param action what is asked of run {@code runId}, after "only OWNER can" (e.g. "resume it")
   * @throws MetricsError unless this process's user owns the run ({@link RunOwner})
   */
  public void requireOwner(String runId, String action) { RunOwner.require(runId, owner(runDir(runId)), user(), action); }

  static String checkRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new MetricsError("bad run id '" + runId + "': use 1 to 64 letters, digits, '.', '_'"
          + " or '-', starting with a letter or digit");
    }
    return runId;
  }

  @Override
  public String toString() { return root(); }
}
