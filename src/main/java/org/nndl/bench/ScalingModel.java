package org.nndl.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Sgd;
import org.nndl.train.Updater;
import org.nndl.train.parallel.CostModel;

/**
 * {@code bench --scaling-model}: the {@link CostModel} of docs/scaling.md from the kernel's time
 * per sample (measured here, one thread) and round costs measured by {@code bench --rounds} at
 * several executor counts; its table for N up to 64 workers, the COST point, and a chart.
 */
public final class ScalingModel {
  private ScalingModel() {}

  /** The kernel's seconds per sample of mini-batch steps at m on one thread: the second of two timed walks of the set. */
  public static double sampleSeconds(Dataset train, int[] sizes, int m) {
    NetworkSpec spec = new NetworkSpec(new Layout(sizes), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    double[] w = Initializer.DEFAULT.init(spec.layout(), 1);
    java.util.List<Block> blocks = Block.split(train, 4096);
    Gradient gradient = new Gradient(spec);
    Updater updater = new Updater(spec.layout());
    Sgd sgd = Sgd.network2(m, 0.1, 5.0);
    double[] grad = new double[w.length];
    double seconds = 0;
    for (int pass = 0; pass < 2; pass++) {
      long t0 = System.nanoTime();
      for (int s = 0; s * m < train.size(); s++) {
        int[] batch = new int[Math.min(m, train.size() - s * m)];
        for (int i = 0; i < batch.length; i++) batch[i] = s * m + i;
        Arrays.fill(grad, 0);
        gradient.accumulate(w, blocks, batch, 1, s, grad);
        updater.apply(w, grad, batch.length, sgd, train.size());
      }
      seconds = (System.nanoTime() - t0) / 1e9;
    }
    return seconds / train.size();
  }

  /** The model's table: N, the epoch's seconds, the speed-up over exact SGD on one core, then the COST point. */
  public static String table(CostModel model, long n, int m, double eta, int[] workers) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "model: s = %.3g us/sample (exact: %.3g), round = %.3g ms + %.3g ms x N, stage %.3g ms; n = %d, m = %d, eta = %s%n",
        model.sampleSeconds() * 1e6, model.exactSampleSeconds() * 1e6, model.roundSeconds() * 1e3, model.roundSecondsPerWorker() * 1e3,
        model.stageSeconds() * 1e3, n, m, eta));
    b.append("| workers | rounds/epoch | epoch (s) | speed-up over exact on 1 core |\n|---|---|---|---|\n");
    b.append(String.format(Locale.ROOT, "| exact, 1 core | - | %.3f | 1 |%n", model.exactEpoch(n)));
    for (int w : workers) {
      b.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %.2f |%n", w, CostModel.rounds(n, w, m, eta),
          model.parallelEpoch(n, w, m, eta), model.speedup(n, w, m, eta)));
    }
    int cost = model.costPoint(n, m, eta, 64);
    b.append(cost < 0 ? "COST: none up to 64 workers\n" : "COST: " + cost + " workers\n");
    return b.toString();
  }

  /** Speed-up against N (log scale), the line of one core's exact SGD, and the COST point. */
  public static void chart(CostModel model, long n, int m, double eta, String title, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeries speedup = new XYSeries("parallel plan (model)");
    XYSeries linear = new XYSeries("linear speed-up");
    for (int w = 2; w <= 64; w++) {
      speedup.add(w, model.speedup(n, w, m, eta));
      linear.add(w, w);
    }
    XYSeriesCollection data = new XYSeriesCollection(speedup);
    data.addSeries(linear);
    JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(title, "workers N (one core each)",
        "speed-up over exact SGD on one core", data);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("workers N (one core each)");
    x.setBase(2);
    x.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    plot.setDomainAxis(x);
    LogAxis y = new LogAxis("speed-up over exact SGD on one core");
    y.setBase(2);
    y.setRange(0.25, 64);
    y.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits());
    plot.setRangeAxis(y);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, new Color(0x1f, 0x4e, 0xd8));
    r.setSeriesStroke(0, new BasicStroke(2.5f));
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    ValueMarker one = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1f));
    one.setLabel("exact SGD, 1 core");
    plot.addRangeMarker(one);
    int cost = model.costPoint(n, m, eta, 64);
    if (cost > 0) {
      ValueMarker c = new ValueMarker(cost, new Color(0xd6, 0x27, 0x28), new BasicStroke(1.5f));
      c.setLabel("COST = " + cost);
      plot.addDomainMarker(c);
    }
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 550);
  }
}
