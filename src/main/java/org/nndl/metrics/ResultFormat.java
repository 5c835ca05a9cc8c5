package org.nndl.metrics;

import java.util.Locale;

/** How query results are printed: aligned text for people, CSV or JSON for programs. */
public enum ResultFormat {
  TABLE(new TableFormatter()),
  CSV(new CsvFormatter()),
  JSON(new JsonFormatter());

  private final RowsFormatter formatter;

  ResultFormat(RowsFormatter formatter) { this.formatter = formatter; }

  RowsFormatter formatter() { return formatter; }

  /** Parses {@code table}, {@code csv} or {@code json} (any case). */
  public static ResultFormat parse(String name) {
    for (ResultFormat f : values()) {
      if (f.name().equalsIgnoreCase(name == null ? "" : name.strip())) return f;
    }
    throw new MetricsError("unknown output format '" + name + "': use table, csv or json");
  }

  @Override
  public String toString() { return name().toLowerCase(Locale.ROOT); }
}
