package org.nndl.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.Query;
import org.nndl.metrics.Warehouse;

/**
 * Reads runs' curves from a warehouse through {@link Query}, i.e. through the same views
 * {@code ./submit query} uses, so a picture and a query can never disagree.
 */
public final class CurveLoader {
  /** Metric columns of the metrics table; every other column is a hyperparameter. */
  private static final Set<String> METRICS = Set.of("run_id", "epoch", "train_seconds",
      "test_accuracy", "test_cost", "train_accuracy", "train_cost", "validation_accuracy",
      "validation_cost", "epoch_eta");
  /** Hyperparameter column order (as the trainer writes them); unknown columns follow, sorted. */
  private static final List<String> ORDER = List.of("sizes", "activation", "output", "cost", "init",
      "epochs", "batch_size", "eta", "lambda", "regularization", "dropout", "momentum", "validation", "early_stop",
      "eta_schedule", "patience", "expand", "seed", "sync_every", "n_train");
  private static final String LIST_RUNS = "./submit query \"SELECT run_id FROM runs\"";

  private final SparkSession spark;
  private final Warehouse warehouse;

  public CurveLoader(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /**
   * The curves of the given runs, in the given order.
   *
   * @throws MetricsError if a run id is malformed or unknown, or a run has no finished epoch
   */
  public List<RunCurve> byIds(List<String> runIds) {
    if (runIds.isEmpty()) throw new MetricsError("no run to plot: pass --runs ID[,ID...] or --where CONDITION");
    List<String> ids = List.copyOf(new LinkedHashSet<>(runIds));
    ids.forEach(warehouse::runDir);  // validates each id (ids can then be quoted safely in SQL)
    Map<String, List<Row>> rows = metricsRows(ids);
    List<RunCurve> curves = new ArrayList<>();
    for (String id : ids) {
      List<Row> own = rows.get(id);
      if (own == null) throw missing(id);
      curves.add(toCurve(id, own));
    }
    return curves;
  }

  /**
   * The curves of every run whose row in the {@code runs} table matches a SQL condition,
   * ordered by run id.
   *
   * @throws MetricsError if the condition is invalid, matches nothing, or a matched run has no
   *     finished epoch
   */
  public List<RunCurve> where(String condition) {
    requireView("runs");
    List<String> ids = collect(Query.run(spark, warehouse,
        "SELECT run_id FROM runs WHERE (" + condition + ") ORDER BY run_id"))
        .stream().map(r -> r.getString(0)).distinct().collect(Collectors.toList());
    if (ids.isEmpty()) {
      throw new MetricsError("no run in warehouse " + warehouse + " matches --where \"" + condition
          + "\": see every run's settings with ./submit query \"SELECT * FROM runs\"");
    }
    return byIds(ids);
  }

  private Map<String, List<Row>> metricsRows(List<String> ids) {
    Map<String, List<Row>> byRun = new LinkedHashMap<>();
    if (!hasView("metrics")) return byRun;
    String in = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    for (Row row : collect(Query.run(spark, warehouse,
        "SELECT * FROM metrics WHERE run_id IN (" + in + ") ORDER BY run_id, epoch"))) {
      byRun.computeIfAbsent(row.getString(row.fieldIndex("run_id")), k -> new ArrayList<>()).add(row);
    }
    return byRun;
  }

  /** Why a requested run has no rows: unknown, or known but without a finished epoch. */
  private MetricsError missing(String id) {
    boolean known = warehouse.isDirectory(warehouse.runDir(id))
        || (hasView("runs") && !collect(Query.run(spark, warehouse,
            "SELECT 1 FROM runs WHERE run_id = '" + id + "' LIMIT 1")).isEmpty());
    if (!known) {
      return new MetricsError("no run '" + id + "' in warehouse " + warehouse
          + ": list runs with " + LIST_RUNS);
    }
    return new MetricsError("run '" + id + "' in warehouse " + warehouse
        + " has no finished epoch in the metrics table: plot it once an epoch has ended"
        + " (if its training failed, train again)");
  }

  private static RunCurve toCurve(String id, List<Row> rows) {
    Row first = rows.get(0);
    List<EpochPoint> points = new ArrayList<>();
    for (Row r : rows) {
      points.add(new EpochPoint(r.getInt(r.fieldIndex("epoch")),
          number(r, "test_accuracy"), number(r, "test_cost"),
          optional(r, "train_accuracy"), optional(r, "train_cost"),
          optional(r, "validation_accuracy")));
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String f : first.schema().fieldNames()) columns.put(f, first.get(first.fieldIndex(f)));
    return new RunCurve(id, settings(columns), points);
  }

  /**
   * The hyperparameters among a metrics row's columns, as a picture shows them: the trainer's
   * order first, then the others sorted; null (absent) settings left out.
   */
  static LinkedHashMap<String, Object> settings(Map<String, Object> columns) {
    List<String> names = new ArrayList<>();
    for (String k : ORDER) if (columns.containsKey(k)) names.add(k);
    List<String> others = new ArrayList<>();
    for (String f : columns.keySet()) {
      if (!METRICS.contains(f) && !ORDER.contains(f)) others.add(f);
    }
    others.sort(null);
    names.addAll(others);
    LinkedHashMap<String, Object> s = new LinkedHashMap<>();
    for (String n : names) {
      Object v = columns.get(n);
      if (v != null) s.put(n, v);
    }
    return s;
  }

  private static double number(Row r, String column) {
    Double v = optional(r, column);
    if (v == null) {
      throw new MetricsError("metrics row of run '" + r.getString(r.fieldIndex("run_id"))
          + "' epoch " + r.get(r.fieldIndex("epoch")) + " has no " + column
          + ": the table was written by another program; rewrite or delete that run");
    }
    return v;
  }

  private static Double optional(Row r, String column) {
    if (!has(r, column)) return null;
    Object v = r.get(r.fieldIndex(column));
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static boolean has(Row r, String column) {
    return List.of(r.schema().fieldNames()).contains(column);
  }

  /** Whether that table has data (a query on it would fail otherwise); a warehouse without tables is refused. */
  private boolean hasView(String view) { return Query.hasTableOfAny(warehouse, view); }

  private void requireView(String view) {
    if (!hasView(view)) {
      throw new MetricsError("warehouse " + warehouse + " has no " + view
          + " table yet: run ./submit train first (or pass --warehouse)");
    }
  }

  private static List<Row> collect(Dataset<Row> rows) {
    try {
      return rows.collectAsList();
    } catch (Exception e) {
      throw Query.failure(e);
    }
  }
}
