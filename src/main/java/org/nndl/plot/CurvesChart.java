package org.nndl.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws runs as Nielsen's notebook figure: accuracy (percent) over epochs on the left, cost over
 * epochs on the right, one image. Colours are fixed so pictures of different runs compare at a
 * glance: for one run test = {@link #TEST} (blue), train = {@link #TRAIN} (red), validation =
 * {@link #VALIDATION} (green); for an overlay each run gets {@link #PALETTE}[i] and the series
 * differ by stroke: test solid, train dashed, validation dotted.
 */
public final class CurvesChart {
  public static final Color TEST = new Color(0x1f, 0x4e, 0xd8);
  public static final Color TRAIN = new Color(0xd6, 0x27, 0x28);
  public static final Color VALIDATION = new Color(0x2c, 0xa0, 0x2c);
  /** Run colours of an overlay, in run order (repeating after the last). */
  public static final List<Color> PALETTE = List.of(TEST, TRAIN, VALIDATION,
      new Color(0xff, 0x7f, 0x0e), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
      new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf), new Color(0x7f, 0x7f, 0x7f),
      new Color(0xbc, 0xbd, 0x22));
  public static final int WIDTH = 1200;
  public static final int HEIGHT = 500;
  private static final int TITLE_HEIGHT = 50;
  private static final float LINE = 2.5f;

  /** The image and where each panel's curves were drawn (its data area), for tests. */
  public record Rendered(BufferedImage image, Rectangle2D accuracyArea, Rectangle2D costArea) {}

  private enum Kind { TEST, TRAIN, VALIDATION }

  private CurvesChart() {}

  /** Renders one run or an overlay of several (at least one). */
  public static Rendered render(List<RunCurve> runs) {
    if (runs.isEmpty()) throw new IllegalArgumentException("no run to draw");
    System.setProperty("java.awt.headless", "true");
    boolean single = runs.size() == 1;
    List<Map<String, Object>> settings = new ArrayList<>();
    runs.forEach(r -> settings.add(r.settings()));
    List<String> names = single ? List.of("")
        : Labels.legend(runs.stream().map(RunCurve::runId).toList(), settings);
    String title = single ? Labels.title(settings.get(0)) : Labels.commonTitle(settings);
    String subtitle = single ? "run " + runs.get(0).runId() : runs.size() + " runs";

    JFreeChart accuracy = panel("Accuracy (%)", "accuracy (%)");
    JFreeChart cost = panel("Cost", "cost");
    for (int i = 0; i < runs.size(); i++) {
      RunCurve run = runs.get(i);
      Color runColour = PALETTE.get(i % PALETTE.size());
      add(accuracy, run, names.get(i), Kind.TEST, single, runColour, p -> 100 * p.testAccuracy());
      if (run.hasTrain()) add(accuracy, run, names.get(i), Kind.TRAIN, single, runColour,
          p -> p.trainAccuracy() == null ? null : 100 * p.trainAccuracy());
      if (run.hasValidation()) add(accuracy, run, names.get(i), Kind.VALIDATION, single, runColour,
          p -> p.validationAccuracy() == null ? null : 100 * p.validationAccuracy());
      add(cost, run, names.get(i), Kind.TEST, single, runColour, EpochPoint::testCost);
      if (run.hasTrainCost()) add(cost, run, names.get(i), Kind.TRAIN, single, runColour, EpochPoint::trainCost);
    }
    return draw(title.isEmpty() ? subtitle : title, title.isEmpty() ? "" : subtitle, accuracy, cost);
  }

  private static JFreeChart panel(String title, String yLabel) {
    NumberAxis x = new NumberAxis("epoch");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }

  private static void add(JFreeChart chart, RunCurve run, String runLabel, Kind kind,
      boolean single, Color runColour, Function<EpochPoint, Double> value) {
    String name = kind.name().toLowerCase();
    XYSeries series = new XYSeries(single ? name : runLabel + " " + name, false, true);
    for (EpochPoint p : run.points()) {
      Double v = value.apply(p);
      if (v != null) series.add(p.epoch(), v);
    }
    XYPlot plot = chart.getXYPlot();
    XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
    data.addSeries(series);
    int i = data.getSeriesCount() - 1;
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
    Color colour = !single ? runColour
        : kind == Kind.TEST ? TEST : kind == Kind.TRAIN ? TRAIN : VALIDATION;
    r.setSeriesPaint(i, colour);
    r.setSeriesStroke(i, single ? solid() : stroke(kind));
    // a run of one epoch has no line to draw: show its point
    r.setSeriesShapesVisible(i, series.getItemCount() == 1);
  }

  private static Stroke solid() { return new BasicStroke(LINE); }

  private static Stroke stroke(Kind kind) {
    return switch (kind) {
      case TEST -> solid();
      case TRAIN -> new BasicStroke(LINE, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
          new float[] {10f, 6f}, 0f);
      case VALIDATION -> new BasicStroke(LINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
          new float[] {1f, 6f}, 0f);
    };
  }

  private static void centred(Graphics2D g, String text, Font font, int baseline) {
    g.setFont(font);
    g.setColor(Color.BLACK);
    g.drawString(text, (WIDTH - g.getFontMetrics().stringWidth(text)) / 2, baseline);
  }

  private static Rendered draw(String title, String subtitle, JFreeChart left, JFreeChart right) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      centred(g, title, new Font("SansSerif", Font.BOLD, 18), 24);
      centred(g, subtitle, new Font("SansSerif", Font.PLAIN, 12), 43);
      int half = WIDTH / 2;
      ChartRenderingInfo li = new ChartRenderingInfo();
      ChartRenderingInfo ri = new ChartRenderingInfo();
      left.draw(g, new Rectangle2D.Double(0, TITLE_HEIGHT, half, HEIGHT - TITLE_HEIGHT), li);
      right.draw(g, new Rectangle2D.Double(half, TITLE_HEIGHT, WIDTH - half, HEIGHT - TITLE_HEIGHT), ri);
      return new Rendered(image, li.getPlotInfo().getDataArea(), ri.getPlotInfo().getDataArea());
    } finally {
      g.dispose();
    }
  }
}
