package org.nndl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.nndl.error.UserError;
import org.nndl.train.Schedule;
import org.nndl.train.TrainState;

/**
 * A run's state after a finished epoch, as bytes: a header line {@code nndl-checkpoint 1 LENGTH
 * CRC32} and a JSON body with the run's options (command-line names and values, enough to rebuild
 * its settings), the {@link TrainState} (parameters and momentum's velocity as base64 of their
 * exact IEEE bits, the schedule's state). The length and checksum make a truncated or damaged file
 * fail loudly instead of resuming from wrong numbers.
 */
public record Checkpoint(String runId, Map<String, String> options, TrainState state) {
  private static final String MAGIC = "nndl-checkpoint 1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public byte[] encode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", runId);
    root.put("epoch", state.epochsDone());
    ObjectNode opts = root.putObject("options");
    options.forEach(opts::put);
    Schedule.State s = state.schedule();
    ObjectNode sched = root.putObject("schedule");
    sched.put("eta", s.eta()).put("best", s.best()).put("since_best", s.sinceBest())
        .put("since_change", s.sinceChange()).put("halvings", s.halvings());
    root.put("params", bits(state.params()));
    if (state.optimizer() != null) root.put("optimizer", bits(state.optimizer()));
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] head = (MAGIC + " " + body.length + " " + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(head.length + body.length).put(head).put(body).array();
  }

  /** Reads bytes made by {@link #encode}; anything else gets a UserError saying what is wrong (name: for messages). */
  public static Checkpoint decode(byte[] bytes, String name) {
    int nl = 0;
    while (nl < bytes.length && nl < 64 && bytes[nl] != '\n') nl++;
    String[] head = new String(bytes, 0, Math.min(nl, bytes.length), StandardCharsets.US_ASCII).split(" ");
    if (nl >= bytes.length || head.length != 4 || !(head[0] + " " + head[1]).equals(MAGIC)) {
      throw bad(name, "it does not start with the '" + MAGIC + "' header");
    }
    long length;
    try {
      length = Long.parseLong(head[2]);
    } catch (NumberFormatException e) {
      throw bad(name, "its header has no valid length");
    }
    int bodyStart = nl + 1;
    if (length != bytes.length - bodyStart) {
      throw bad(name, "it holds " + (bytes.length - bodyStart) + " bytes after the header, not " + length + " (truncated?)");
    }
    byte[] body = Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    if (!String.valueOf(crc(body)).equals(head[3])) throw bad(name, "its checksum does not match (damaged?)");
    try {
      return fromJson(JSON.readTree(body));
    } catch (IOException | RuntimeException e) {
      throw bad(name, "its content is malformed (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
  }

  private static Checkpoint fromJson(JsonNode root) {
    Map<String, String> options = new LinkedHashMap<>();
    root.get("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    JsonNode s = root.get("schedule");
    Schedule.State sched = new Schedule.State(s.get("eta").asDouble(), s.get("best").asDouble(),
        s.get("since_best").asInt(), s.get("since_change").asInt(), s.get("halvings").asInt());
    double[] params = doubles(root.get("params").asText());
    double[] optimizer = root.has("optimizer") ? doubles(root.get("optimizer").asText()) : null;
    return new Checkpoint(root.get("run_id").asText(), options,
        new TrainState(root.get("epoch").asInt(), params, optimizer, sched));
  }

  private static String bits(double[] a) {
    ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(a);
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static double[] doubles(String base64) {
    byte[] raw = Base64.getDecoder().decode(base64);
    if (raw.length % 8 != 0) throw new UserError("a parameter array is not a whole number of doubles");
    double[] a = new double[raw.length / 8];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(a);
    return a;
  }

  private static long crc(byte[] body) {
    CRC32 c = new CRC32();
    c.update(body);
    return c.getValue();
  }

  private static UserError bad(String name, String why) {
    return new UserError("checkpoint " + name + " cannot be used: " + why
        + "; delete it to resume from the one before, or start a new run");
  }
}
