package org.nndl.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * null as null, arrays as JSON arrays; column names must be distinct. NaN and infinities, which JSON cannot express as numbers, become strings.
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
      for (int c = 0; c < names.length; c++) object.set(names[c], node(row.get(c)));
    }
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise query rows as JSON", e);
    }
  }

  private static JsonNode node(Object value) {
    JsonNodeFactory f = MAPPER.getNodeFactory();
    List<?> elements = Cells.elements(value);
    if (elements != null) {
      ArrayNode array = f.arrayNode();
      for (Object e : elements) array.add(node(e));
      return array;
    }
    if (value == null) return f.nullNode();
    if (value instanceof Float v) return Float.isFinite(v) ? f.numberNode(v) : f.textNode(v.toString());
    if (value instanceof Double v) return Double.isFinite(v) ? f.numberNode(v) : f.textNode(v.toString());
    if (value instanceof BigDecimal v) return f.numberNode(v);
    if (value instanceof Number v) return f.numberNode(v.longValue());
    if (value instanceof Boolean v) return f.booleanNode(v);
    return f.textNode(String.valueOf(value));
  }
}
