package org.tracr4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.Trace;

/**
 * {@code run --trace} for a person: the embedding, then for each sub-layer what it computes (from the
 * provenance) and, per position, the features it writes (non-zero, by residual label); for each head, the
 * keys each query selects. Position 0 is BOS.
 */
final class TraceText {
  /** Entries smaller than this are shown as zero (numerical MLPs leave float noise of about 1e-12). */
  static final double SHOWN = 1e-6;
  /** An attention weight at least this large counts as selecting the key. */
  static final double SELECTED = 1e-3;

  private final Model model;
  private final Trace trace;
  private final Optional<Provenance> provenance;
  private final List<String> lines = new ArrayList<>();

  private TraceText(Model model, Trace trace) {
    this.model = model;
    this.trace = trace;
    this.provenance = model.provenance();
  }

  static List<String> of(Model model, Trace trace) {
    return new TraceText(model, trace).render();
  }

  private List<String> render() {
    lines.add("input: " + join(trace.input()) + "  ->  output: " + join(trace.decoded()));
    lines.add("embedding (token + position):");
    features(trace.inputEmbeddings());
    for (int l = 0; l < model.config().layers(); l++) {
      attention(l);
      mlp(l);
    }
    return lines;
  }

  private void attention(int l) {
    if (provenance.isPresent() && provenance.get().layers().get(l).heads().isEmpty()) {
      lines.add("layer " + l + " attn: unused (all " + model.config().heads() + " head slots)");
      return;
    }
    lines.add("layer " + l + " attn:");
    double[][][] pattern = trace.attention().get(l);
    for (int h = 0; h < model.config().heads(); h++) {
      int index = h;
      Optional<Provenance.Head> head = provenance.flatMap(p -> p.layers().get(l).head(index));
      if (provenance.isPresent() && head.isEmpty()) {
        lines.add("  head " + h + ": unused");
        continue;
      }
      // A shared head (aggregates with one attention pattern) lists each expression it computes.
      String computed = provenance.map(p -> String.join(", ", p.layers().get(l).headsAt(index).stream()
          .map(x -> describe(x.expression())).toList())).orElse("");
      lines.add("  head " + h + (computed.isEmpty() ? "" : ": " + computed) + ", selected keys:");
      for (int q = 0; q < pattern[h].length; q++) {
        lines.add("    " + position(q) + " <- " + keys(pattern[h][q]));
      }
    }
    lines.add("  writes:");
    features(trace.layerOutputs().get(2 * l));
  }

  private void mlp(int l) {
    List<String> computed = provenance.map(p -> p.layers().get(l).mlp().stream()
        .map(r -> describe(r.expression()) + " neurons [" + r.start() + ", " + r.end() + ")").toList())
        .orElse(List.of());
    if (provenance.isPresent() && computed.isEmpty()) {
      lines.add("layer " + l + " mlp: unused");
      return;
    }
    lines.add("layer " + l + " mlp" + (computed.isEmpty() ? "" : ": " + String.join("; ", computed)) + ", writes:");
    features(trace.layerOutputs().get(2 * l + 1));
  }

  /** {@code label (kind)} of an expression. */
  private String describe(String expression) {
    return expression + provenance.flatMap(p -> p.expression(expression)).map(e -> " (" + e.kind() + ")").orElse("");
  }

  /** One line per position: the non-zero entries by label, a one-hot 1 as the bare label. */
  private void features(double[][] rows) {
    for (int p = 0; p < rows.length; p++) {
      List<String> shown = new ArrayList<>();
      for (int r = 0; r < rows[p].length; r++) {
        double value = rows[p][r];
        if (Math.abs(value) >= SHOWN) {
          String label = trace.residualLabels().get(r);
          shown.add(Math.abs(value - 1) < SHOWN ? label : label + "=" + number(value));
        }
      }
      lines.add("    " + position(p) + ": " + (shown.isEmpty() ? "-" : String.join(" ", shown)));
    }
  }

  /** The selected keys of one query: positions with their weights, or "all equally" spelled out. */
  private String keys(double[] weights) {
    List<Integer> selected = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) {
      if (weights[k] >= SELECTED) {
        selected.add(k);
      }
    }
    boolean even = selected.stream().allMatch(k -> Math.abs(weights[k] - weights[selected.get(0)]) < SELECTED);
    List<String> shown = new ArrayList<>();
    for (int k : selected) {
      shown.add((k == 0 ? "BOS" : Integer.toString(k)) + (even ? "" : ":" + number(weights[k])));
    }
    String keys = String.join(" ", shown);
    return selected.size() > 1 && even ? keys + " (" + number(weights[selected.get(0)]) + " each)" : keys;
  }

  private String position(int p) {
    return p == 0 ? "0 BOS" : p + " " + trace.input().get(p - 1);
  }

  /** Up to 4 significant digits, integers without a decimal point. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.4g", value);
    if (text.contains("e") || text.contains("E")) {
      return text;
    }
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }

  private static String join(List<?> values) {
    List<String> text = new ArrayList<>();
    for (Object value : values) {
      text.add(value == null ? "_" : value.toString());
    }
    return String.join(" ", text);
  }
}
