package org.nndl.security;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark application with its UI on and ACLs enabled, for {@link UiAclTest} (its own JVM: one
 * SparkContext per JVM). Users (set by {@link HeaderUser}): viewer may view, operator may view and
 * modify, killer may only modify, admin may do all. It runs two jobs that never end by themselves, prints
 * {@code ui URL APP_ID} once both run, then one line {@code job N ended: REASON} per job that
 * ends, and stops when its standard input closes.
 */
public final class UiAclApp {
  private UiAclApp() {}

  public static void main(String[] args) throws Exception {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("ui-acl-test")
        .set("spark.ui.enabled", "true").set("spark.ui.port", "0").set("spark.ui.showConsoleProgress", "false")
        .set("spark.acls.enable", "true").set("spark.ui.view.acls", "viewer,operator")
        .set("spark.modify.acls", "operator,killer").set("spark.admin.acls", "admin")
        .set("spark.ui.filters", HeaderUser.class.getName());
    JavaSparkContext sc = new JavaSparkContext(conf);
    for (int job = 0; job < 2; job++) {
      int id = job;
      Thread t = new Thread(() -> {
        try {
          sc.parallelize(List.of(id), 1).foreach(x -> Thread.sleep(Long.MAX_VALUE));
        } catch (Exception e) {
          System.out.println("job " + id + " ended: " + e.getMessage().lines().findFirst().orElse(""));
        }
      });
      t.setDaemon(true);
      t.start();
      while (sc.statusTracker().getActiveJobIds().length <= job) Thread.onSpinWait();
    }
    System.out.println("ui " + sc.sc().uiWebUrl().get() + " " + sc.sc().applicationId());
    while (System.in.read() >= 0) { /* until the test closes our input */ }
    System.exit(0);
  }
}
