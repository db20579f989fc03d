package org.tracr4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study of a {@link Sweep}: a JSON-ready table and a self-contained HTML report (inline CSS and SVG, no
 * script, no network) with accuracy against d (min/mean/max over seeds), the per-sublayer cosine
 * similarity against d, the {@code W·Wᵀ} heatmap of every width's best run labelled with the residual
 * features (the paper's figure), and every feature's fate per width.
 */
public final class SweepReport {
  private static final String[] LINE_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
      "#8c564b", "#e377c2", "#17becf"};

  private final String title;
  private final List<Sweep.Width> widths;
  private final CompressionOptions options;
  private final Map<Integer, Recovery.Result> recoveries;

  /**
   * @param title what was compressed (the program and its vocabulary), shown as the heading
   * @param recoveries dictionary-learning results per width (may be empty)
   */
  public SweepReport(String title, List<Sweep.Width> widths, CompressionOptions options,
      Map<Integer, Recovery.Result> recoveries) {
    this.title = title;
    this.widths = List.copyOf(widths);
    this.options = options;
    this.recoveries = Map.copyOf(recoveries);
  }

  private Compression any() {
    return widths.get(0).runs().get(0);
  }

  /** The sublayer names: {@code attn 0, mlp 0, attn 1, …}. */
  static List<String> sublayerNames(int sublayers) {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < sublayers; s++) {
      names.add((s % 2 == 0 ? "attn " : "mlp ") + s / 2);
    }
    return names;
  }

  /** The smallest d whose mean accuracy is at least {@code bar}, or −1. */
  public int smallestWidthReaching(double bar) {
    int smallest = -1;
    for (int i = widths.size() - 1; i >= 0; i--) {
      if (widths.get(i).meanAccuracy() >= bar) {
        smallest = widths.get(i).dim();
      } else {
        break;
      }
    }
    return smallest;
  }

  /** The table as plain text, one row per width. */
  public String table() {
    StringBuilder out = new StringBuilder();
    List<String> names = sublayerNames(any().layerCosines().size());
    out.append(String.format(Locale.ROOT, "%4s  %23s  %9s  %s  %s%n", "d", "accuracy min/mean/max",
        "positions", String.join("  ", names.stream().map(n -> String.format(Locale.ROOT, "%6s", n)).toList()),
        "kept/superposed/dropped"));
    for (Sweep.Width w : widths) {
      int[] fates = fates(w.best());
      StringBuilder cos = new StringBuilder();
      for (double c : w.meanCosines()) {
        cos.append(cos.isEmpty() ? "" : "  ").append(String.format(Locale.ROOT, "%6.3f", c));
      }
      out.append(String.format(Locale.ROOT, "%4d  %6.1f%% %6.1f%% %6.1f%%  %8.1f%%  %s  %d/%d/%d%n", w.dim(),
          100 * w.minAccuracy(), 100 * w.meanAccuracy(), 100 * w.maxAccuracy(), 100 * w.meanTokenAccuracy(),
          cos, fates[0], fates[1], fates[2]));
    }
    return out.toString();
  }

  private static int[] fates(Compression c) {
    int[] counts = new int[3];
    for (Features.Feature f : Features.of(c)) {
      counts[f.fate().ordinal()]++;
    }
    return counts;
  }

  /** The whole study as nested maps and lists, ready for JSON. */
  public Map<String, Object> json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", title);
    doc.put("original_d_model", any().originalWidth());
    doc.put("residual_labels", any().compiled().residualLabels());
    doc.put("seeds", widths.get(0).runs().size());
    doc.put("steps", options.steps());
    doc.put("learning_rate", options.learningRate());
    doc.put("batch", options.batch());
    doc.put("layer_loss_weight", options.layerLossWeight());
    doc.put("inputs", options.inputs().name().toLowerCase(Locale.ROOT));
    doc.put("init", options.init().name().toLowerCase(Locale.ROOT));
    doc.put("tolerance", options.tolerance());
    doc.put("eval_inputs", options.evalInputs());
    doc.put("sublayers", sublayerNames(any().layerCosines().size()));
    doc.put("smallest_d_at_99", smallestWidthReaching(0.99));
    doc.put("smallest_d_at_100", smallestWidthReaching(1.0));
    List<Object> rows = new ArrayList<>();
    for (Sweep.Width w : widths) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("d", w.dim());
      // LinkedHashMaps, not Map.of: the file must be the same bytes on every run.
      Map<String, Object> accuracy = new LinkedHashMap<>();
      accuracy.put("min", w.minAccuracy());
      accuracy.put("mean", w.meanAccuracy());
      accuracy.put("max", w.maxAccuracy());
      row.put("accuracy", accuracy);
      row.put("token_accuracy_mean", w.meanTokenAccuracy());
      row.put("layer_cosines_mean", w.meanCosines());
      List<Object> runs = new ArrayList<>();
      for (Compression c : w.runs()) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seed", c.options().seed());
        run.put("accuracy", c.accuracy());
        run.put("token_accuracy", c.tokenAccuracy());
        run.put("steps_trained", c.stepsTrained());
        run.put("output_loss", c.outputLoss());
        run.put("layer_loss", c.layerLoss());
        run.put("layer_cosines", c.layerCosines());
        runs.add(run);
      }
      row.put("runs", runs);
      Compression best = w.best();
      row.put("best_seed", best.options().seed());
      List<Object> features = new ArrayList<>();
      for (Features.Feature f : Features.of(best)) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("label", f.label());
        feature.put("norm", f.norm());
        feature.put("overlap", f.overlap());
        feature.put("fate", f.fate().name().toLowerCase(Locale.ROOT));
        features.add(feature);
      }
      row.put("features", features);
      Recovery.Result recovery = recoveries.get(w.dim());
      if (recovery != null) {
        row.put("recovery", recovery.json());
      }
      rows.add(row);
    }
    doc.put("widths", rows);
    return doc;
  }

  /** The HTML report. */
  public String html() {
    Compression any = any();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc("compression sweep: " + title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}")
        .append("h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;")
        .append("text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}")
        .append(".kept{background:#cfe8cf}.superposed{background:#ffe0a8}.dropped{background:#e4e4e4;color:#888}")
        .append("svg text{font-family:system-ui,sans-serif}.note{color:#555;font-size:13px}")
        .append(".maps{display:flex;flex-wrap:wrap;gap:16px}.maps figure{margin:0}")
        .append("figcaption{font-size:13px;text-align:center}\n</style></head><body>\n");
    h.append("<h1>Residual compression sweep: ").append(esc(title)).append("</h1>\n<p class=\"note\">")
        .append(esc(String.format(Locale.ROOT,
            "D = %d, d = %d…%d, %d seeds per d, %d Adam steps (lr %s, batch %d, layer-loss weight %s, "
                + "%s inputs, %s init); accuracy: every position decoded as the compiled model on %d fresh "
                + "inputs (numbers within %s).",
            any.originalWidth(), widths.get(0).dim(), widths.get(widths.size() - 1).dim(),
            widths.get(0).runs().size(), options.steps(), options.learningRate(), options.batch(),
            options.layerLossWeight(), options.inputs().name().toLowerCase(Locale.ROOT),
            options.init().name().toLowerCase(Locale.ROOT), options.evalInputs(), options.tolerance())))
        .append(" Smallest d with mean accuracy ≥ 99%: <b>").append(describe(smallestWidthReaching(0.99)))
        .append("</b>; at 100%: <b>").append(describe(smallestWidthReaching(1.0))).append("</b>.</p>\n");

    h.append("<h2>Accuracy against d</h2>\n").append(accuracyChart());
    h.append("<h2>Per-sublayer cosine similarity against d</h2>\n<p class=\"note\">Cosine similarity of each "
        + "sublayer's output in the compressed model (read back, out·W·Wᵀ) and in the compiled model, over "
        + "all non-BOS positions of the fresh inputs; mean over seeds.</p>\n").append(cosineChart());
    h.append("<h2>Table</h2>\n").append(tableHtml());
    h.append("<h2>What each feature became</h2>\n<p class=\"note\">Best seed of each d. <span class=\"kept\">"
        + "kept</span>: its row of W is not short and points away from every other feature (|cos| &lt; ")
        .append(Features.SUPERPOSED_FROM).append("); <span class=\"superposed\">superposed</span>: it "
            + "shares a direction with another (|cos| ≥ ").append(Features.SUPERPOSED_FROM)
        .append("); <span class=\"dropped\">dropped</span>: its row is shorter than ")
        .append(Features.DROPPED_BELOW).append(". Cells show the row's length.</p>\n").append(fateTable());
    if (!recoveries.isEmpty()) {
      h.append("<h2>Recovering the features by dictionary learning</h2>\n").append(recoveryHtml());
    }
    h.append("<h2>W·Wᵀ of the best seed of each d</h2>\n<p class=\"note\">Entry (i, j) is the dot product of "
        + "features i and j's compressed directions (the paper's WᵀW, with W as [d, D]); blue positive, red "
        + "negative, white 0; the identity means nothing was lost.</p>\n<div class=\"maps\">\n");
    for (int i = widths.size() - 1; i >= 0; i--) {
      Compression best = widths.get(i).best();
      h.append("<figure>").append(heatmap(best)).append("<figcaption>d = ").append(best.width())
          .append(String.format(Locale.ROOT, ", seed %d, accuracy %.1f%%", best.options().seed(),
              100 * best.accuracy()))
          .append("</figcaption></figure>\n");
    }
    h.append("</div>\n</body></html>\n");
    return h.toString();
  }

  private static String describe(int d) {
    return d < 0 ? "none" : "d = " + d;
  }

  private String tableHtml() {
    StringBuilder t = new StringBuilder("<table><tr><th>d</th><th>min</th><th>mean</th><th>max</th>"
        + "<th>positions</th>");
    for (String name : sublayerNames(any().layerCosines().size())) {
      t.append("<th>cos ").append(esc(name)).append("</th>");
    }
    t.append("<th>kept</th><th>superposed</th><th>dropped</th></tr>\n");
    for (int i = widths.size() - 1; i >= 0; i--) {
      Sweep.Width w = widths.get(i);
      int[] fates = fates(w.best());
      t.append("<tr><td>").append(w.dim()).append("</td>").append(percentCell(w.minAccuracy()))
          .append(percentCell(w.meanAccuracy())).append(percentCell(w.maxAccuracy()))
          .append(percentCell(w.meanTokenAccuracy()));
      for (double c : w.meanCosines()) {
        t.append(String.format(Locale.ROOT, "<td>%.3f</td>", c));
      }
      t.append("<td>").append(fates[0]).append("</td><td>").append(fates[1]).append("</td><td>")
          .append(fates[2]).append("</td></tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  private static String percentCell(double x) {
    return String.format(Locale.ROOT, "<td>%.1f%%</td>", 100 * x);
  }

  private String fateTable() {
    List<String> labels = any().compiled().residualLabels();
    StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">feature</th>");
    for (int i = widths.size() - 1; i >= 0; i--) {
      t.append("<th>d=").append(widths.get(i).dim()).append("</th>");
    }
    t.append("</tr>\n");
    List<List<Features.Feature>> all = new ArrayList<>();
    for (int i = widths.size() - 1; i >= 0; i--) {
      all.add(Features.of(widths.get(i).best()));
    }
    for (int f = 0; f < labels.size(); f++) {
      t.append("<tr><td class=\"l\">").append(esc(labels.get(f))).append("</td>");
      for (List<Features.Feature> features : all) {
        Features.Feature feature = features.get(f);
        t.append("<td class=\"").append(feature.fate().name().toLowerCase(Locale.ROOT)).append("\" title=\"")
            .append(esc(String.format(Locale.ROOT, "%s: length %.3f, largest |cos| %.3f",
                feature.fate().name().toLowerCase(Locale.ROOT), feature.norm(), feature.overlap())))
            .append("\">").append(String.format(Locale.ROOT, "%.2f", feature.norm())).append("</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  private String recoveryHtml() {
    List<String> labels = any().compiled().residualLabels();
    StringBuilder t = new StringBuilder("<p class=\"note\">").append(esc(Recovery.DESCRIPTION))
        .append("</p>\n<table><tr><th class=\"l\">feature</th>");
    List<Integer> dims = new ArrayList<>(recoveries.keySet());
    dims.sort(java.util.Comparator.reverseOrder());
    for (int d : dims) {
      t.append("<th>d=").append(d).append("</th>");
    }
    t.append("</tr>\n");
    for (int f = 0; f < labels.size(); f++) {
      t.append("<tr><td class=\"l\">").append(esc(labels.get(f))).append("</td>");
      for (int d : dims) {
        double cos = recoveries.get(d).bestCosines()[f];
        t.append("<td class=\"").append(cos >= Recovery.RECOVERED_FROM ? "kept" : "dropped").append("\">")
            .append(String.format(Locale.ROOT, "%.2f", cos)).append("</td>");
      }
      t.append("</tr>\n");
    }
    t.append("<tr><th class=\"l\">recovered (≥ ").append(Recovery.RECOVERED_FROM).append(")</th>");
    for (int d : dims) {
      t.append("<th>").append(recoveries.get(d).recovered()).append("/").append(labels.size()).append("</th>");
    }
    return t.append("</tr></table>\n").toString();
  }

  // Charts: x = d, y in [0, 1] (accuracy) or [yMin, 1] (cosine).
  private static final int CW = 640;
  private static final int CH = 300;
  private static final int ML = 60;
  private static final int MR = 130;
  private static final int MT = 14;
  private static final int MB = 40;

  private double x(int d) {
    int lo = widths.get(0).dim();
    int hi = widths.get(widths.size() - 1).dim();
    return ML + (hi == lo ? 0.5 : (d - lo) / (double) (hi - lo)) * (CW - ML - MR);
  }

  private static double y(double v, double lo) {
    return MT + (1 - (v - lo) / (1 - lo)) * (CH - MT - MB);
  }

  private String axes(double lo, String yLabel) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\">", CW, CH, CW, CH));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
        + "stroke=\"#999\"/>", ML, MT, CW - ML - MR, CH - MT - MB));
    for (int k = 0; k <= 4; k++) {
      double v = lo + k * (1 - lo) / 4;
      double yy = y(v, lo);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e2e2e2\"/>"
          + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", ML, CW - MR, yy, yy,
          ML - 4, yy + 4, lo == 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * v)
              : String.format(Locale.ROOT, "%.2f", v)));
    }
    for (Sweep.Width w : widths) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d"
          + "</text>", x(w.dim()), CH - MB + 14, w.dim()));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">d "
        + "(compressed width; D = %d)</text>", ML + (CW - ML - MR) / 2, CH - 6, any().originalWidth()));
    s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 %d)\">%s</text>", CH / 2, CH / 2, esc(yLabel)));
    return s.toString();
  }

  private String accuracyChart() {
    StringBuilder s = new StringBuilder(axes(0, "accuracy"));
    StringBuilder band = new StringBuilder();
    for (Sweep.Width w : widths) {
      band.append(band.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x(w.dim()),
          y(w.maxAccuracy(), 0)));
    }
    for (int i = widths.size() - 1; i >= 0; i--) {
      band.append(String.format(Locale.ROOT, "L%.1f %.1f", x(widths.get(i).dim()), y(widths.get(i).minAccuracy(), 0)));
    }
    s.append("<path d=\"").append(band).append("Z\" fill=\"#1f77b4\" fill-opacity=\"0.18\" stroke=\"none\"/>");
    s.append(polyline(widths.stream().map(w -> new double[] {x(w.dim()), y(w.meanAccuracy(), 0)}).toList(),
        LINE_COLOURS[0]));
    for (Sweep.Width w : widths) {
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>d = %d: "
          + "min %.1f%%, mean %.1f%%, max %.1f%%</title></circle>", x(w.dim()), y(w.meanAccuracy(), 0),
          LINE_COLOURS[0], w.dim(), 100 * w.minAccuracy(), 100 * w.meanAccuracy(), 100 * w.maxAccuracy()));
    }
    s.append(legend(List.of("mean over seeds", "min–max"), List.of(LINE_COLOURS[0], "#a9c9e4")));
    return s.append("</svg>\n").toString();
  }

  private String cosineChart() {
    double lo = 1.0;
    for (Sweep.Width w : widths) {
      for (double c : w.meanCosines()) {
        lo = Math.min(lo, c);
      }
    }
    lo = Math.max(-1, Math.floor(Math.min(lo, 0.9) * 10) / 10);
    StringBuilder s = new StringBuilder(axes(lo, "cosine similarity"));
    List<String> names = sublayerNames(any().layerCosines().size());
    List<String> colours = new ArrayList<>();
    for (int sub = 0; sub < names.size(); sub++) {
      int layer = sub;
      String colour = LINE_COLOURS[sub % LINE_COLOURS.length];
      colours.add(colour);
      double floor = lo;
      s.append(polyline(widths.stream().map(w -> new double[] {x(w.dim()),
          y(Math.max(floor, w.meanCosines().get(layer)), floor)}).toList(), colour));
    }
    s.append(legend(names, colours));
    return s.append("</svg>\n").toString();
  }

  private static String polyline(List<double[]> points, String colour) {
    StringBuilder p = new StringBuilder();
    for (double[] point : points) {
      p.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1]));
    }
    return "<polyline points=\"" + p.toString().trim() + "\" fill=\"none\" stroke=\"" + colour
        + "\" stroke-width=\"2\"/>";
  }

  private static String legend(List<String> names, List<String> colours) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      int yy = MT + 12 + 16 * i;
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", CW - MR + 10, yy - 4, colours.get(i),
          CW - MR + 28, yy, esc(names.get(i))));
    }
    return s.toString();
  }

  private static String heatmap(Compression c) {
    int big = c.originalWidth();
    List<String> labels = c.compiled().residualLabels();
    double[] gram = Features.gram(c);
    double max = 1e-12;
    for (double g : gram) {
      max = Math.max(max, Math.abs(g));
    }
    int cell = big > 30 ? 10 : 14;
    int left = 8 + 7 * labels.stream().mapToInt(String::length).max().orElse(4);
    int top = left;
    int size = big * cell;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\">", left + size + 4, top + size + 4));
    for (int i = 0; i < big; i++) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s"
          + "</text>", left - 4, top + i * cell + cell * 0.75, esc(labels.get(i))));
      double cx = left + i * cell + cell * 0.7;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 "
          + "%.1f %d)\">%s</text>", cx, top - 4, cx, top - 4, esc(labels.get(i))));
      for (int j = 0; j < big; j++) {
        double v = gram[i * big + j] / max;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
            + "<title>%s · %s = %.3f</title></rect>", left + j * cell, top + i * cell, cell, cell, colour(v),
            esc(labels.get(i)), esc(labels.get(j)), gram[i * big + j]));
      }
    }
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>", left, top, size, size));
    return s.append("</svg>").toString();
  }

  /** Blue for positive, red for negative, white for 0; {@code v} in [−1, 1]. */
  private static String colour(double v) {
    double a = Math.min(1, Math.abs(v));
    int r = v >= 0 ? (int) Math.round(255 * (1 - a) + 33 * a) : 255 - (int) Math.round(41 * a);
    int g = v >= 0 ? (int) Math.round(255 * (1 - a) + 102 * a) : (int) Math.round(255 * (1 - a) + 39 * a);
    int b = v >= 0 ? (int) Math.round(255 * (1 - a) + 172 * a) : (int) Math.round(255 * (1 - a) + 40 * a);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
