package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.metrics.Query;
import org.nndl.metrics.Warehouse;
import org.nndl.net.Network2;

/** evaluate against the reference network run sample by sample, and the row it stores. */
class EvaluateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** What the reference says about the first n images of a set: the confusion matrix and the mean cost. */
  private record Truth(long[][] confusion, long correct, double cost) {}

  private static Truth reference(Network2 net, Dataset set) {
    long[][] m = new long[10][10];
    long correct = 0;
    double cost = 0;
    for (int i = 0; i < set.size(); i++) {
      double[] a = net.output(Network2.input(set, i));
      int best = 0;
      for (int j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
      m[set.label(i)][best]++;
      if (best == set.label(i)) correct++;
      cost += Network2Files.BOOK.cost().fn(a, 0, a.length, set.label(i));
    }
    return new Truth(m, correct, cost / set.size());
  }

  @Test
  void accuracyCostAndConfusionEqualTheReferenceAndTheRowIsStored() throws Exception {
    Network2 ref = Network2Files.trained(dir);
    Path model = dir.resolve("network2.json");
    Network2Files.write(model, Network2Files.BOOK, ref.params());
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome o = CliTest.run("evaluate", "--model", model.toString(), "--limit", "300", "--partitions", "3",
        "--warehouse", wh, "--format", "json");
    assertEquals(0, o.code(), o.err());
    Truth truth = reference(ref, DataSource.load("sample", dir, 1, 300).test());
    assertTrue(truth.correct() > 150 && truth.correct() < 300, "a model with something right and something wrong");

    JsonNode printed = JSON.readTree(o.out()).get(0);
    assertEquals(300, printed.get("n").asLong());
    assertEquals(truth.correct(), printed.get("correct").asLong());
    assertEquals(truth.correct() / 300.0, printed.get("accuracy").asDouble(), 0.0);
    assertEquals(truth.cost(), printed.get("cost").asDouble(), 1e-12);
    assertEquals(JSON.writeValueAsString(truth.confusion()), printed.get("confusion").toString());

    Row r = Query.run(SparkTestSession.get(), new Warehouse(Path.of(wh)), "SELECT evaluation_id, model, data, split, n,"
        + " correct, accuracy, cost, cost_function, sizes, to_json(confusion) FROM evaluations").collectAsList().get(0);
    assertEquals(printed.get("evaluation_id").asText(), r.getString(0));
    assertEquals(model.toAbsolutePath().toString(), r.getString(1));
    assertEquals(List.of("sample", "test", 300L, truth.correct()), List.of(r.get(2), r.get(3), r.get(4), r.get(5)));
    assertEquals(truth.correct() / 300.0, r.getDouble(6), 0.0);
    assertEquals(printed.get("cost").asDouble(), r.getDouble(7), 0.0);
    assertEquals(List.of("CrossEntropyCost", "784,20,10"), List.of(r.get(8), r.get(9)));
    assertEquals(JSON.writeValueAsString(truth.confusion()), r.getString(10));
  }

  /** The table for people: accuracy, then one line per true digit (counts, total) and the column totals. */
  @Test
  void theTableShowsTheMatrixWithTotals() throws Exception {
    Network2 ref = Network2Files.trained(dir);
    Path model = dir.resolve("model.json");
    org.nndl.net.ModelJson.save(model, Network2Files.BOOK, ref.params());  // our own format loads too
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome o = CliTest.run("evaluate", "--model", model.toString(), "--split", "train", "--limit", "200",
        "--warehouse", wh);
    assertEquals(0, o.code(), o.err());
    Truth truth = reference(ref, DataSource.load("sample", dir, 200, 1).train());
    assertTrue(o.out().contains(String.format(Locale.ROOT, "accuracy %.2f%% (%d of 200 right)",
        truth.correct() / 2.0, truth.correct())), o.out());
    List<String> lines = o.out().lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("true ")).findFirst().orElseThrow());
    long[] columns = new long[10];
    for (int t = 0; t < 10; t++) {
      String[] cells = lines.get(header + 2 + t).trim().split(" +");
      assertEquals(String.valueOf(t), cells[0]);
      long total = 0;
      for (int p = 0; p < 10; p++) {
        assertEquals(truth.confusion()[t][p], Long.parseLong(cells[p + 1]), "true " + t + ", predicted " + p);
        total += truth.confusion()[t][p];
        columns[p] += truth.confusion()[t][p];
      }
      assertEquals(total, Long.parseLong(cells[11]));
    }
    String[] totals = lines.get(header + 12).trim().split(" +");
    assertEquals("total", totals[0]);
    for (int p = 0; p < 10; p++) assertEquals(columns[p], Long.parseLong(totals[p + 1]));
    assertEquals("200", totals[11]);
    assertTrue(o.err().contains("stored in " + Path.of(wh, "tables", "evaluations")), o.err());
  }
}
