package org.nndl.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.nndl.metrics.SharedWarehouse;
import org.nndl.metrics.Warehouse;
import picocli.CommandLine.Option;

/** {@code --warehouse}, shared by every command that reads or writes runs. */
final class WarehouseOption {
  @Option(names = "--warehouse", paramLabel = "PATH|URI",
      description = "folder of the metrics, runs and evaluations tables and of each run's files: a local path, or"
          + " any Hadoop file system's URI (hdfs://..., required on YARN and multi-machine clusters)"
          + " (default: ${DEFAULT-VALUE})")
  String path;

  /** The warehouse, refused at once when it is local and the master may use other machines. */
  Warehouse open() {
    SparkConf spark = new SparkConf();
    Warehouse wh = new Warehouse(path, hadoopConf(spark));
    SharedWarehouse.check(wh, spark.get("spark.master", "local[*]"));
    return wh;
  }

  /** HADOOP_CONF_DIR's settings (on the class path) plus any --conf spark.hadoop.KEY=VALUE, as Spark applies them. */
  private static Configuration hadoopConf(SparkConf spark) {
    Configuration conf = new Configuration();
    for (scala.Tuple2<String, String> kv : spark.getAllWithPrefix("spark.hadoop.")) conf.set(kv._1(), kv._2());
    return conf;
  }
}
