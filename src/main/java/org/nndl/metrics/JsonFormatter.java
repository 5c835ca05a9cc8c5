package org.nndl.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A JSON array with one object per row (Jackson, which Spark ships): numbers as JSON numbers,
 * null as null; column names must be distinct. NaN and infinities, which JSON cannot express as numbers, become strings.
 */
final class JsonFormatter implements RowsFormatter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void write(StructType schema, List<Row> rows, PrintStream out) {
    String[] names = schema.fieldNames();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new MetricsError("column '" + name + "' appears twice in the result, which a JSON"
            + " object cannot hold: give the columns distinct names with AS");
      }
    }
    ArrayNode array = MAPPER.createArrayNode();
    for (Row row : rows) {
      ObjectNode object = array.addObject();
      for (int c = 0; c < names.length; c++) put(object, names[c], row.get(c));
    }
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise query rows as JSON", e);
    }
  }

  private static void put(ObjectNode object, String name, Object value) {
    if (value == null) {
      object.putNull(name);
    } else if (value instanceof Float f) {
      if (Float.isFinite(f)) object.put(name, f); else object.put(name, f.toString());
    } else if (value instanceof Double d) {
      if (Double.isFinite(d)) object.put(name, d); else object.put(name, d.toString());
    } else if (value instanceof BigDecimal d) {
      object.put(name, d);
    } else if (value instanceof Number n) {
      object.put(name, n.longValue());
    } else if (value instanceof Boolean b) {
      object.put(name, b);
    } else {
      object.put(name, String.valueOf(value));
    }
  }
}
