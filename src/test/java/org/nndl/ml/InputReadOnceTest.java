package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Instrumentation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.Frames;

/** fit reads its input once, as Spark's estimators persist theirs, and logs what Spark's estimators log. */
class InputReadOnceTest {
  private static final int ROWS = 120;

  private static SparkSession spark() { return SparkTestSession.get(); }

  /** ROWS rows of 3 features over 3 partitions, every fifth marked for validation, each row counted when it is computed. */
  private static Dataset<Row> countedFrame(LongAccumulator reads) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) rows.add(RowFactory.create((double) (i % 3), Vectors.dense(i % 7, i % 3, 1), i % 5 == 0));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    return spark().createDataFrame(sc.parallelize(rows, 3).map(r -> {
      reads.add(1);
      return r;
    }), Frames.schema().add("held", DataTypes.BooleanType));
  }

  @Test void everyRowIsComputedOnceAndTheFrameIsUnpersistedAfter() {
    LongAccumulator reads = spark().sparkContext().longAccumulator("rows read");
    Dataset<Row> frame = countedFrame(reads);
    new NetworkClassifier().setValidationFraction(0).setHiddenLayers(4).setMaxIter(2).setValidationIndicatorCol("held").fit(frame);
    assertEquals(ROWS, reads.value(), "each row computed once for the fit's passes (checks, training rows, validation rows)");
    assertEquals(StorageLevel.NONE(), frame.storageLevel());
  }

  @Test void aFrameTheCallerPersistedStaysPersisted() {
    LongAccumulator reads = spark().sparkContext().longAccumulator("rows read");
    Dataset<Row> frame = countedFrame(reads).persist(StorageLevel.MEMORY_ONLY());
    try {
      new NetworkClassifier().setValidationFraction(0).setHiddenLayers(4).setMaxIter(1).fit(frame);
      assertEquals(StorageLevel.MEMORY_ONLY(), frame.storageLevel());
    } finally {
      frame.unpersist();
    }
  }

  @Test void instrumentationLogsTheStageParamsAndSizesAsSparksEstimators() {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    AbstractAppender capture = new AbstractAppender("instrumentation-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override public void append(LogEvent e) { lines.add(e.getMessage().getFormattedMessage()); }
    };
    capture.start();
    String name = Instrumentation.class.getName();
    LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
    logger.addAppender(capture, Level.INFO, null);
    config.addLogger(name, logger);
    ctx.updateLoggers();
    try {
      NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(4).setMaxIter(1).setStepSize(0.75);
      clf.fit(countedFrame(spark().sparkContext().longAccumulator()));
      String log = String.join("\n", lines);
      assertTrue(log.contains("Stage class: NetworkClassifier"), log);
      assertTrue(log.contains("Stage uid: " + clf.uid()), log);
      assertTrue(log.contains("\"stepSize\":0.75"), log);
      assertTrue(log.contains("\"numFeatures\":3"), log);
      assertTrue(log.contains("\"numClasses\":3"), log);
      assertTrue(log.contains("\"numExamples\":" + ROWS), log);
    } finally {
      config.removeLogger(name);
      ctx.updateLoggers();
      capture.stop();
    }
  }
}
