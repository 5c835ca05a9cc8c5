package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.cluster.TestDfs;

/**
 * A warehouse two users share: on HDFS (an in-JVM NameNode, the users alice and bob as Hadoop
 * remote users) what the file system records (owners, modes) and the refusals; locally, the
 * runs table's user against the owner the file system gives the run's folder.
 */
class TeamWarehouseTest {
  private static final String ROOT = "/team-" + System.nanoTime();
  @TempDir Path dir;

  private static <T> T as(String user, PrivilegedExceptionAction<T> action) throws Exception {
    return UserGroupInformation.createRemoteUser(user).doAs(action);
  }

  private static Warehouse open() { return new Warehouse(TestDfs.uri(ROOT), new Configuration()); }

  @Test
  void aRunIsItsUsersAndRunsIsSharedWithTheStickyBit() throws Exception {
    as("alice", () -> open().claimRun("a1"));
    FileStatus runs = TestDfs.fs().getFileStatus(new org.apache.hadoop.fs.Path(ROOT + "/runs"));
    FileStatus run = TestDfs.fs().getFileStatus(new org.apache.hadoop.fs.Path(ROOT + "/runs/a1"));
    assertEquals("alice", run.getOwner());
    assertEquals((short) 0755, run.getPermission().toShort());
    assertEquals((short) 01777, runs.getPermission().toShort());
    assertEquals("bob", as("bob", () -> open().user()));
    assertEquals("alice", as("bob", () -> open().owner(open().runDir("a1"))));
  }

  @Test
  void anotherUsersIdIsTakenAndNamesItsOwner() throws Exception {
    as("alice", () -> open().claimRun("a2"));
    MetricsError e = assertThrows(MetricsError.class, () -> as("bob", () -> open().claimRun("a2")));
    assertEquals("run id 'a2' already exists in warehouse " + TestDfs.uri(ROOT) + " (a run of alice): choose"
        + " another --run-id or a different --warehouse", e.getMessage());
    // bob's own run next to it
    as("bob", () -> open().claimRun("b2"));
    assertEquals("bob", TestDfs.fs().getFileStatus(new org.apache.hadoop.fs.Path(ROOT + "/runs/b2")).getOwner());
  }

  @Test
  void onlyTheOwnerPassesTheOwnersCheck() throws Exception {
    as("alice", () -> open().claimRun("a3"));
    assertDoesNotThrow(() -> as("alice", () -> {
      open().requireOwner("a3", "resume it");
      return null;
    }));
    MetricsError e = assertThrows(MetricsError.class, () -> as("bob", () -> {
      open().requireOwner("a3", "resume it");
      return null;
    }));
    assertTrue(e.getMessage().startsWith("run 'a3' belongs to alice, not to you (bob): only alice can resume it;"), e.getMessage());
  }

  @Test
  void theRunsTableRecordsTheUserTheFileSystemGivesTheRunsFolder() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = new Warehouse(dir.resolve("wh"));
    w.claimRun("r1");
    LinkedHashMap<String, Object> settings = new LinkedHashMap<>();
    settings.put("eta", 0.5);
    new RunsTable(w).write(spark, "r1", settings);
    List<Row> rows = Query.run(spark, w, "SELECT user FROM runs WHERE run_id = 'r1'").collectAsList();
    String owner = Files.getOwner(dir.resolve("wh/runs/r1")).getName();
    assertEquals(List.of(owner), rows.stream().map(r -> r.getString(0)).toList());
    // the table's folders: shared, sticky
    assertEquals(01777, mode(dir.resolve("wh/tables")));
    assertEquals(01777, mode(dir.resolve("wh/tables/runs")));
    assertEquals(0755, mode(dir.resolve("wh/runs/r1")));
  }

  private static int mode(Path p) throws Exception { return (Integer) Files.getAttribute(p, "unix:mode") & 07777; }
}
