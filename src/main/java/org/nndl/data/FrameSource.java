package org.nndl.data;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A data spec read with one of Spark's readers: {@code libsvm:PATH}, {@code csv:PATH} or
 * {@code parquet:PATH}, PATH a local path or any Hadoop URI. The executors read the files.
 */
public record FrameSource(String format, String path) {
  private static final String[] FORMATS = {"libsvm", "csv", "parquet"};

  /** The source a spec names, or null when it is not one of these forms (an IDX spec). */
  public static FrameSource parse(String spec) {
    if (spec == null) return null;
    for (String f : FORMATS) {
      if (spec.startsWith(f + ":")) {
        String path = spec.substring(f.length() + 1);
        if (path.isBlank()) throw new DataError(spec + ": give the path after '" + f + ":'");
        return new FrameSource(f, path);
      }
    }
    return null;
  }

  public static boolean isFrame(String spec) { return parse(spec) != null; }

  /**
   * The rows. LIBSVM vectors get numFeatures values (else Spark would size each file by its own
   * largest index); a CSV's first line is its header when it holds a non-number.
   */
  public org.apache.spark.sql.Dataset<Row> read(SparkSession spark, int numFeatures) {
    try {
      DataFrameReader r = spark.read();
      return switch (format) {
        case "libsvm" -> r.format("libsvm").option("numFeatures", numFeatures).load(path);
        case "csv" -> r.option("header", hasHeader(spark)).option("inferSchema", true).csv(path);
        default -> r.parquet(path);
      };
    } catch (RuntimeException e) {
      if (e instanceof DataError) throw e;
      throw new DataError("cannot read " + format + ":" + path + ": " + e.getMessage() + " (check the path and the format)", e);
    }
  }

  private boolean hasHeader(SparkSession spark) {
    org.apache.spark.sql.Dataset<String> lines = spark.read().textFile(path);
    String first = lines.isEmpty() ? "" : lines.first();
    for (String cell : first.split(",")) {
      try {
        Double.parseDouble(cell.trim());
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  @Override public String toString() { return format + ":" + path; }
}
