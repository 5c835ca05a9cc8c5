package org.nndl.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Titles and legend labels from run settings, kept apart from drawing so they can be tested
 * as text. A title names a configuration the way Nielsen writes it
 * ({@code 784,30,10 sigmoid cross-entropy eta=0.5 lambda=5.0 m=10}); an overlay's legend names
 * only the settings that differ between its runs, since the rest are in the title.
 */
public final class Labels {
  /** Settings shown bare (their values are self-explanatory), in this order. */
  private static final List<String> BARE = List.of("sizes", "activation", "cost");
  /** Settings shown as name=value, in this order, with the short names of network2.py. */
  private static final Map<String, String> NAMED = named();
  /** Values that are the default and would only clutter a title. */
  private static final Map<String, String> QUIET = Map.ofEntries(Map.entry("init", "default"),
      Map.entry("sync_every", "exact"), Map.entry("regularization", "l2"), Map.entry("dropout", "0.0"),
      Map.entry("momentum", "0.0"), Map.entry("validation", "0"), Map.entry("early_stop", "0"),
      Map.entry("eta_schedule", "none"), Map.entry("expand", "false"));

  private Labels() {}

  private static Map<String, String> named() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("output", "out");
    m.put("init", "init");
    m.put("eta", "eta");
    m.put("lambda", "lambda");
    m.put("batch_size", "m");
    m.put("sync_every", "sync");
    m.put("regularization", "reg");
    m.put("dropout", "dropout");
    m.put("momentum", "mu");
    m.put("validation", "validation");
    m.put("early_stop", "early_stop");
    m.put("eta_schedule", "eta_schedule");
    m.put("expand", "expand");
    return m;
  }

  /** The title of one run: its configuration. */
  public static String title(Map<String, Object> settings) {
    return describe(settings, titleKeys(settings.keySet()), false);
  }

  /** The title of an overlay: the settings every run shares (possibly empty). */
  public static String commonTitle(List<Map<String, Object>> runs) {
    if (runs.isEmpty()) return "";
    Set<String> differing = new LinkedHashSet<>(differing(runs));
    List<String> keys = new ArrayList<>(titleKeys(runs.get(0).keySet()));
    keys.removeAll(differing);
    return describe(runs.get(0), keys, false);
  }

  /**
   * One legend label per run: the settings that differ between the runs, as name=value in
   * column order (e.g. {@code lambda=0.0} and {@code lambda=0.1}). When the labels would not
   * tell runs apart (identical settings), the run ids are used instead.
   */
  public static List<String> legend(List<String> runIds, List<Map<String, Object>> runs) {
    List<String> keys = differing(runs);
    List<String> labels = new ArrayList<>();
    for (Map<String, Object> run : runs) labels.add(describe(run, keys, true));
    if (keys.isEmpty() || new LinkedHashSet<>(labels).size() < labels.size()) {
      return List.copyOf(runIds);
    }
    return labels;
  }

  /** Setting names whose values are not the same in every run, in first-seen column order. */
  static List<String> differing(List<Map<String, Object>> runs) {
    Set<String> all = new LinkedHashSet<>();
    for (Map<String, Object> run : runs) all.addAll(run.keySet());
    List<String> out = new ArrayList<>();
    for (String key : all) {
      Object first = runs.get(0).get(key);
      if (runs.stream().anyMatch(r -> !Objects.equals(r.get(key), first))) out.add(key);
    }
    return out;
  }

  /** The keys a title shows: the bare ones, then the named ones (not epochs, seed, n_train). */
  private static List<String> titleKeys(Set<String> present) {
    List<String> keys = new ArrayList<>();
    for (String k : BARE) if (present.contains(k)) keys.add(k);
    for (String k : NAMED.keySet()) if (present.contains(k)) keys.add(k);
    return keys;
  }

  private static String describe(Map<String, Object> settings, List<String> keys, boolean named) {
    StringBuilder b = new StringBuilder();
    for (String key : keys) {
      Object value = settings.get(key);
      if (!named && (value == null || value.toString().equals(QUIET.get(key)))) continue;
      if (b.length() > 0) b.append(' ');
      if (named || !BARE.contains(key)) b.append(NAMED.getOrDefault(key, key)).append('=');
      b.append(value);
    }
    return b.toString();
  }
}
