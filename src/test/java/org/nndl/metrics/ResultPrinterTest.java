package org.nndl.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;

class ResultPrinterTest {
  private static final String[] NAMES = {"name", "n", "big", "x", "ok"};
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("name", DataTypes.StringType, true),
      DataTypes.createStructField("n", DataTypes.IntegerType, true),
      DataTypes.createStructField("big", DataTypes.LongType, true),
      DataTypes.createStructField("x", DataTypes.DoubleType, true),
      DataTypes.createStructField("ok", DataTypes.BooleanType, true)));
  private static final Object[][] VALUES = {
      {"plain", 1, 10L, 0.95, true},
      {"comma, \"quoted\"\nnext line", -2, null, 1.0e-7, false},
      {"", null, 3L, null, null},
      {" padded ", 0, Long.MAX_VALUE, 123456789.123, true},
      {null, 7, -1L, 1.0 / 3, false}};

  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> rows() {
    return spark.createDataFrame(
        Arrays.stream(VALUES).map(v -> RowFactory.create(v)).toList(), SCHEMA);
  }

  private String print(ResultFormat format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ResultPrinter.print(rows(), format, new PrintStream(bytes, true, UTF_8));
    return bytes.toString(UTF_8);
  }

  /** Every type a query of the tables can give, with nulls: the same rows as Spark's collectAsList. */
  @Test
  void collectGivesTheRowsSparksCollectGives() {
    Dataset<Row> rows = spark.sql("SELECT * FROM VALUES "
        + "('a', 1, 2L, 0.5D, true, CAST(1.25 AS DECIMAL(10,3)), TIMESTAMP'2026-12-01 10:11:12', DATE'2026-12-01', "
        + "  array(1.0D, 2.0D), map('k', 3), named_struct('p', 'q', 'r', 4), CAST(X'0102' AS BINARY)), "
        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) "
        + "AS t(s, i, l, d, b, dec, ts, dt, arr, m, st, bin)");
    List<Row> ours = ResultPrinter.collect(rows), sparks = rows.collectAsList();
    assertEquals(sparks.size(), ours.size());
    for (int r = 0; r < sparks.size(); r++) {
      for (int c = 0; c < rows.schema().size(); c++) {
        Object a = sparks.get(r).get(c), b = ours.get(r).get(c);
        if (a instanceof byte[] x) assertArrayEquals(x, (byte[]) b);
        else assertEquals(a, b, rows.schema().fields()[c].name());
        // arrays come as another Seq (immutable, not mutable ArraySeq): equal, and printed alike (Cells)
        if (a != null && !(a instanceof scala.collection.Iterable)) assertEquals(a.getClass(), b.getClass(), rows.schema().fields()[c].name());
      }
    }
  }

  @Test
  void csvParsesBackToTheRows() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setEmptyValue("");  // "" is the empty string, an empty field is null
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.getFormat().setLineSeparator("\n");
    List<String[]> parsed = new CsvParser(settings).parseAll(new StringReader(print(ResultFormat.CSV)));

    assertArrayEquals(NAMES, parsed.get(0));
    assertEquals(VALUES.length + 1, parsed.size());
    for (int r = 0; r < VALUES.length; r++) {
      String[] line = parsed.get(r + 1);
      Object[] want = VALUES[r];
      assertEquals(want[0], line[0]);
      assertEquals(want[1], line[1] == null ? null : Integer.valueOf(line[1]));
      assertEquals(want[2], line[2] == null ? null : Long.valueOf(line[2]));
      assertEquals(want[3], line[3] == null ? null : Double.valueOf(line[3]));
      assertEquals(want[4], line[4] == null ? null : Boolean.valueOf(line[4]));
    }
  }

  @Test
  void jsonParsesBackToTheRows() throws Exception {
    JsonNode array = new ObjectMapper().readTree(print(ResultFormat.JSON));
    assertTrue(array.isArray());
    assertEquals(VALUES.length, array.size());
    for (int r = 0; r < VALUES.length; r++) {
      JsonNode object = array.get(r);
      assertEquals(List.of(NAMES), iterate(object.fieldNames()));
      Object[] want = VALUES[r];
      for (int c = 0; c < NAMES.length; c++) {
        JsonNode node = object.get(NAMES[c]);
        if (want[c] == null) {
          assertTrue(node.isNull(), NAMES[c]);
        } else if (want[c] instanceof String s) {
          assertEquals(s, node.textValue());
        } else if (want[c] instanceof Boolean b) {
          assertEquals(b, node.booleanValue());
        } else if (want[c] instanceof Double d) {
          assertTrue(node.isNumber());
          assertEquals(d, node.doubleValue());
        } else {
          assertTrue(node.isIntegralNumber());
          assertEquals(((Number) want[c]).longValue(), node.longValue());
        }
      }
    }
  }

  @Test
  void jsonRefusesDuplicateColumnNames() {
    var rows = spark.sql("select 1 as a, 2 as a");
    var out = new PrintStream(new ByteArrayOutputStream());
    MetricsError e = org.junit.jupiter.api.Assertions.assertThrows(MetricsError.class,
        () -> ResultPrinter.print(rows, ResultFormat.JSON, out));
    assertTrue(e.getMessage().startsWith("column 'a' appears twice"), e.getMessage());
  }

  @Test
  void tableLinesAreAlignedAndNumbersCompact() {
    String[] lines = print(ResultFormat.TABLE).split("\n");
    assertEquals(VALUES.length + 2, lines.length);
    for (String line : lines) assertEquals(lines[0].length(), line.length(), line);
    assertTrue(lines[0].startsWith("name"), lines[0]);
    assertTrue(lines[1].matches("[- ]+"), lines[1]);
    // Right-aligned numbers: the last digit of x sits at the column's right edge.
    int xEnd = lines[1].indexOf("  ", lines[1].indexOf("  ", lines[1].indexOf("  ", 
        lines[1].indexOf("  ") + 2) + 2) + 2);
    assertEquals("0.95", lines[2].substring(0, xEnd).strip().replaceAll(".*\\s", ""));
    assertTrue(lines[5].contains(" 123457000 "), lines[5]);
    assertTrue(lines[6].contains(" 0.333333 "), lines[6]);
    assertTrue(lines[3].contains(" 1E-7 "), lines[3]);
  }

  @Test
  void compactDoubles() {
    assertEquals("0", Cells.compact(0.0));
    assertEquals("0.1", Cells.compact(0.1));
    assertEquals("-2.5", Cells.compact(-2.5));
    assertEquals("0.966667", Cells.compact(0.9666666666));
    assertEquals("NaN", Cells.compact(Double.NaN));
    assertEquals("1.23457E+12", Cells.compact(1234567890123.0));
  }

  private static List<String> iterate(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Array columns as Spark returns them (Scala sequences) and as rows made in Java hold them (lists). */
  @Test
  void nestedArraysPrintAsNestedLists() throws Exception {
    Dataset<Row> fromSpark = spark.sql("SELECT array(array(1L, 2L), array(3L, null)) AS m, array(0.5D) AS v");
    StructType schema = fromSpark.schema();
    List<Row> fromJava = List.of(RowFactory.create(List.of(List.of(1L, 2L), Arrays.asList(3L, null)), List.of(0.5)));
    for (boolean spark : new boolean[] {true, false}) {
      ByteArrayOutputStream csv = new ByteArrayOutputStream(), json = new ByteArrayOutputStream(), table = new ByteArrayOutputStream();
      for (Object[] f : new Object[][] {{ResultFormat.CSV, csv}, {ResultFormat.JSON, json}, {ResultFormat.TABLE, table}}) {
        PrintStream out = new PrintStream((ByteArrayOutputStream) f[1], true, UTF_8);
        if (spark) ResultPrinter.print(fromSpark, (ResultFormat) f[0], out);
        else ResultPrinter.print(schema, fromJava, (ResultFormat) f[0], out);
      }
      assertEquals("m,v\n\"[[1,2],[3,null]]\",[0.5]\n", csv.toString(UTF_8));
      JsonNode parsed = new ObjectMapper().readTree(json.toString(UTF_8));
      assertEquals("[{\"m\":[[1,2],[3,null]],\"v\":[0.5]}]", parsed.toString());
      assertTrue(table.toString(UTF_8).lines().skip(2).findFirst().orElseThrow().startsWith("[[1,2],[3,null]]  [0.5]"),
          table.toString(UTF_8));
    }
  }
}
