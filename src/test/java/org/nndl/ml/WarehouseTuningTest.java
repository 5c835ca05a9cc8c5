package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;

/** A warehouse given as a Hadoop URI, and one runId over the many fits of a tuning: a run each, its params in its runs row. */
class WarehouseTuningTest {
  @TempDir Path dir;

  private static Dataset<Row> digits() { return Frames.of(SparkTestSession.get(), DataSource.load(DataSource.SAMPLE, null, 120, 1).train(), 2); }

  /** run_id -> eta of the warehouse's runs table. */
  private static Map<String, Double> etas(String warehouse) {
    Map<String, Double> m = new TreeMap<>();
    for (Row r : SparkTestSession.get().read().parquet(warehouse + "/tables/runs").select("run_id", "eta").collectAsList()) {
      m.put(r.getString(0), r.getDouble(1));
    }
    return m;
  }

  @Test void aCrossValidatorWithAWarehouseUriAndARunIdGivesEachFitItsRun() {
    String uri = dir.resolve("wh").toUri().toString();  // file:/...: a Hadoop URI, not a plain path
    assertTrue(uri.startsWith("file:/"), uri);
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(5).setMaxIter(1).setRegParam(0.1).setInputScale(255)
        .setWarehouse(uri).setRunId("cv");
    ParamMap[] grid = new ParamGridBuilder().addGrid(clf.stepSize(), new double[] {0.25, 1.0}).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator()).setNumFolds(2).setSeed(1).fit(digits());
    // 2 folds x 2 grid points, then the best point on every row: five fits, five runs
    Map<String, Double> runs = etas(uri);
    assertEquals(List.of("cv", "cv-2", "cv-3", "cv-4", "cv-5"), List.copyOf(runs.keySet()));
    assertEquals(List.of(0.25, 0.25, 1.0, 1.0), runs.entrySet().stream().filter(e -> !e.getKey().equals("cv-5"))
        .map(Map.Entry::getValue).sorted().toList(), "each fold's fit of each grid point, its eta in its runs row");
    NetworkClassificationModel best = (NetworkClassificationModel) cv.bestModel();
    assertEquals("cv-5", best.summary().runId());
    assertEquals(best.getStepSize(), runs.get("cv-5"), "the final fit's runs row has the best point's eta");
    assertTrue(Files.isRegularFile(dir.resolve("wh/runs/cv-5/model.json")));
  }

  @Test void aSavedEstimatorWithARunIdFitsAgain() throws Exception {
    String wh = dir.resolve("wh2").toString();
    String saved = dir.resolve("clf").toString();
    new NetworkClassifier().setValidationFraction(0).setHiddenLayers(5).setMaxIter(1).setInputScale(255).setWarehouse(wh).setRunId("again")
        .write().save(saved);
    assertEquals("again", NetworkClassifier.load(saved).fit(digits()).summary().runId());
    assertEquals("again-2", NetworkClassifier.load(saved).fit(digits()).summary().runId());
    assertEquals(List.of("again", "again-2"), List.copyOf(etas(wh).keySet()));
  }
}
