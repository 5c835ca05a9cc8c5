package org.nndl.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nndl.error.UserError;

/**
 * A trained network as network2.py's save() writes it, so Nielsen's load() reads ours and we read
 * his: {"sizes": [...], "weights": [W_1 as rows, ...], "biases": [b_1 as a column, ...],
 * "cost": "CrossEntropyCost"}. We add "activation" (the hidden layers') and "output" (the output
 * layer's), which network2.py ignores (sigmoid if absent; the output as the hidden layers if absent).
 */
public final class ModelJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A network spec with its parameters. */
  public record Model(NetworkSpec spec, double[] params) {}

  private ModelJson() {}

  public static ObjectNode toJson(NetworkSpec spec, double[] p) {
    Layout layout = spec.layout();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode sizes = root.putArray("sizes");
    for (int s : layout.sizes()) sizes.add(s);
    ArrayNode weights = root.putArray("weights");
    ArrayNode biases = root.putArray("biases");
    for (int l = 1; l < layout.layers(); l++) {
      ArrayNode w = weights.addArray();
      ArrayNode b = biases.addArray();
      for (int j = 0; j < layout.size(l); j++) {
        ArrayNode row = w.addArray();
        for (int k = 0; k < layout.size(l - 1); k++) row.add(p[layout.weight(l, j, k)]);
        b.addArray().add(p[layout.biases(l) + j]);
      }
    }
    root.put("cost", spec.cost().network2Name());
    root.put("activation", spec.activation().id());
    root.put("output", spec.output().id());
    return root;
  }

  /** The file's bytes, as {@link #save} writes them. */
  public static byte[] bytes(NetworkSpec spec, double[] params) {
    try {
      return JSON.writeValueAsBytes(toJson(spec, params));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a model from its bytes; {@code name} says where they came from in a message. */
  public static Model parse(byte[] json, String name) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UserError("cannot read model " + name + ": " + firstLine(e.getMessage())
          + " (expected network2.py's JSON: sizes, weights, biases, cost)");
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new UserError(oneLine("model " + name + " is not a network2.py model: " + e.getMessage()));
    }
  }

  /** Writes atomically: a temporary file beside the target, then a rename. */
  public static void save(Path file, NetworkSpec spec, double[] params) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), toJson(spec, params));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a model; a malformed file gets a UserError naming what is wrong. */
  public static Model load(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserError("cannot read model " + file + ": " + firstLine(e.getMessage())
          + " (expected network2.py's JSON: sizes, weights, biases, cost)");
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new UserError(oneLine("model " + file + " is not a network2.py model: " + e.getMessage()));
    }
  }

  /** A model from network2.py's JSON text; malformed text gets a UserError naming what is wrong. */
  public static Model parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new UserError("not JSON: " + firstLine(e.getMessage()) + " (expected network2.py's JSON: sizes, weights, biases, cost)");
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new UserError(oneLine("not a network2.py model: " + e.getMessage()));
    }
  }

  static Model fromJson(JsonNode root) {
    if (root == null || !root.isObject()) throw new UserError("the top level is not a JSON object");
    for (String key : new String[] {"sizes", "weights", "biases", "cost"}) {
      if (!root.has(key)) throw new UserError("the key '" + key + "' is missing");
    }
    JsonNode s = root.get("sizes");
    if (!s.isArray()) throw new UserError("'sizes' is not a list of layer sizes");
    int[] sizes = new int[s.size()];
    for (int i = 0; i < sizes.length; i++) {
      JsonNode n = s.get(i);
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw new UserError("layer size " + i + " is not a whole number: " + n);
      }
      sizes[i] = n.asInt();
    }
    Activation act = root.has("activation") ? Activation.parse(root.get("activation").asText()) : Activation.SIGMOID;
    Output out = root.has("output") ? Output.parse(root.get("output").asText()) : Output.of(act);
    NetworkSpec spec = new NetworkSpec(new Layout(sizes), act, out, Cost.parse(root.get("cost").asText()));
    Layout layout = spec.layout();
    JsonNode weights = root.get("weights"), biases = root.get("biases");
    checkShape(weights, biases, layout); // the arrays really hold what sizes claims before p is made
    double[] p = new double[layout.parameterCount()];
    for (int l = 1; l < layout.layers(); l++) {
      JsonNode w = weights.get(l - 1), b = biases.get(l - 1);
      for (int j = 0; j < layout.size(l); j++) {
        for (int k = 0; k < layout.size(l - 1); k++) p[layout.weight(l, j, k)] = number(w.get(j).get(k));
        p[layout.biases(l) + j] = number(b.get(j).get(0));
      }
    }
    return new Model(spec, p);
  }

  /** Fails unless weights and biases are nested lists of exactly the shapes the layout's sizes give. */
  private static void checkShape(JsonNode weights, JsonNode biases, Layout layout) {
    if (!weights.isArray() || !biases.isArray()
        || weights.size() != layout.layers() - 1 || biases.size() != layout.layers() - 1) {
      throw new UserError("it has " + (weights.isArray() ? weights.size() : 0) + " weight matrices and "
          + (biases.isArray() ? biases.size() : 0) + " bias vectors for " + layout.layers() + " layers");
    }
    for (int l = 1; l < layout.layers(); l++) {
      JsonNode w = weights.get(l - 1), b = biases.get(l - 1);
      if (!w.isArray() || !b.isArray() || w.size() != layout.size(l) || b.size() != layout.size(l)) {
        throw new UserError("layer " + l + " does not have " + layout.size(l) + " rows");
      }
      for (int j = 0; j < layout.size(l); j++) {
        if (!w.get(j).isArray() || w.get(j).size() != layout.size(l - 1)) {
          throw new UserError("row " + j + " of layer " + l + " does not have " + layout.size(l - 1) + " weights");
        }
        if (!b.get(j).isArray() || b.get(j).size() != 1) {
          throw new UserError("bias " + j + " of layer " + l + " is not a one-element list");
        }
      }
    }
  }

  private static double number(JsonNode n) {
    if (n == null || !n.isNumber()) throw new UserError("a parameter is not a number: " + n);
    return n.asDouble();
  }

  /** Line breaks in text taken from the file (a name, a number) folded into spaces. */
  private static String oneLine(String s) { return s.replaceAll("\\s*\\R\\s*", " "); }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
