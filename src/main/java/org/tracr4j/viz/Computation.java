package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.model.Model;
import org.tracr4j.model.Trace;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;
import org.tracr4j.viz.Placement.Component;

/**
 * Everything the report shows about one input: the model's trace, the interpreter's value of every
 * expression, the model's value of every expression decoded from the residual after the sub-layer that
 * computes it, and where each is computed. Built once by {@link #of}; the sections only read it.
 */
public final class Computation {
  private final String title;
  private final Model model;
  private final Trace trace;
  private final Placement placement;
  private final FeatureMap features;
  private final List<ExpressionView> expressions;
  private final Map<String, RaspExpr> byLabel;
  private final ProgramGraph graph;

  private Computation(String title, Model model, Trace trace, Placement placement, FeatureMap features,
      List<ExpressionView> expressions, Map<String, RaspExpr> byLabel, ProgramGraph graph) {
    this.title = title;
    this.model = model;
    this.trace = trace;
    this.placement = placement;
    this.features = features;
    this.expressions = List.copyOf(expressions);
    this.byLabel = byLabel;
    this.graph = graph;
  }

  /**
   * Runs {@code model} and {@code interpreter} on {@code input}.
   *
   * @param graph the program the model was compiled from (its labels are the model's feature names)
   * @param title shown at the top of the page (the program's file name, say)
   * @throws org.tracr4j.InvalidInputException if the model refuses the input
   * @throws org.tracr4j.EvaluationException if the interpreter fails on it
   */
  public static Computation of(ProgramGraph graph, Model model, Placement placement, List<Value> input,
      Interpreter interpreter, String title) {
    Trace trace = model.trace(input);
    List<String> labels = graph.nodes().stream().map(graph::label).toList();
    FeatureMap features = FeatureMap.of(model, labels);
    Map<String, RaspExpr> byLabel = new HashMap<>();
    graph.nodes().forEach(e -> byLabel.put(graph.label(e), e));
    Builder builder = new Builder(graph, placement, features, trace, input, interpreter);
    List<ExpressionView> views = new ArrayList<>();
    List<RaspExpr> nodes = graph.nodes();
    Set<String> seen = new HashSet<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      // Two nodes with one label (two tokens() calls) are one thing to the model: the same features.
      if (seen.add(graph.label(nodes.get(i)))) {
        views.add(builder.view(nodes.get(i)));
      }
    }
    // Stage order, selectors just before the heads that use them; reversed breadth-first order otherwise.
    views.sort(Comparator.comparingInt(ExpressionView::stage)
        .thenComparing(v -> v.isSelector() ? 0 : 1));
    return new Computation(title, model, trace, placement, features, views, byLabel, graph);
  }

  public String title() {
    return title;
  }

  public Model model() {
    return model;
  }

  public Trace trace() {
    return trace;
  }

  public Placement placement() {
    return placement;
  }

  /** Every expression, in the order the model computes them (inputs first). */
  public List<ExpressionView> expressions() {
    return expressions;
  }

  /** The expression and input position of the first disagreement in computation order, or null. */
  public Disagreement firstDisagreement() {
    for (ExpressionView view : expressions) {
      int position = view.firstDisagreement();
      if (position >= 0) {
        return new Disagreement(view, position);
      }
    }
    return null;
  }

  /** Where model and interpreter first part: {@code position} counts input positions from 0. */
  public record Disagreement(ExpressionView expression, int position) {}

  FeatureMap features() {
    return features;
  }

  ProgramGraph graph() {
    return graph;
  }

  RaspExpr expression(String label) {
    return byLabel.get(label);
  }

  ExpressionView view(String label) {
    return expressions.stream().filter(v -> v.label().equals(label)).findFirst().orElse(null);
  }

  /** Column headings: {@code BOS}, then the input tokens. */
  List<String> positions() {
    List<String> positions = new ArrayList<>();
    positions.add("BOS");
    trace.input().forEach(token -> positions.add(String.valueOf(token)));
    return positions;
  }

  /** The residual at a stage, {@code [T][dModel]}: stage 0 is the embedding, stage s follows sub-layer s−1. */
  double[][] residual(int stage) {
    return residual(trace, stage);
  }

  private static double[][] residual(Trace trace, int stage) {
    return stage == 0 ? trace.inputEmbeddings() : trace.residuals().get(stage - 1);
  }

  /** Computes the views of single expressions. */
  private static final class Builder {
    private final ProgramGraph graph;
    private final Placement placement;
    private final FeatureMap features;
    private final Residuals residuals;
    private final List<Value> input;
    private final Interpreter interpreter;

    Builder(ProgramGraph graph, Placement placement, FeatureMap features, Trace trace, List<Value> input,
        Interpreter interpreter) {
      this.graph = graph;
      this.placement = placement;
      this.features = features;
      this.residuals = new Residuals(trace);
      this.input = input;
      this.interpreter = interpreter;
    }

    ExpressionView view(RaspExpr expr) {
      String label = graph.label(expr);
      List<String> inputs = expr.children().stream().map(graph::label).toList();
      return switch (expr) {
        case SOp sop -> sopView(sop, label, inputs);
        case Selector selector -> {
          int stage = selectorStage(selector);
          boolean[][] selection = interpreter.evaluate(selector, input);
          List<String> none = List.of();
          yield new ExpressionView(label, expr.defaultName(), definition(expr), "selector", inputs,
              stage > 0 ? "used in " + Stages.name(stage) : "not used by a head", stage > 0 ? (stage - 1) / 2 : -1,
              stage, none, none, Collections.nCopies(input.size(), true), selection);
        }
      };
    }

    private ExpressionView sopView(SOp sop, String label, List<String> inputs) {
      List<Component> components = placement.of(label);
      boolean primitive = sop instanceof Tokens || sop instanceof Indices;
      int stage = primitive ? 0 : components.stream().mapToInt(Component::stage).max().orElse(0);
      String location = primitive ? "embedding"
          : components.isEmpty() ? "not in the model"
          : Stages.locations(components);
      List<Value> values = interpreter.evaluate(sop, input);
      List<String> interpreted = values.stream()
          .map(v -> sop.isNumerical() && v.isNumeric() ? Numbers.format(v.asDouble()) : show(v)).toList();
      List<String> decoded = new ArrayList<>();
      List<Boolean> agrees = new ArrayList<>();
      boolean computed = primitive || !components.isEmpty();
      for (int p = 0; p < values.size(); p++) {
        if (!computed) {
          decoded.add("?");
          agrees.add(true);
          continue;
        }
        Decoded d = sop.isNumerical() ? residuals.numerical(features, label, stage, p + 1)
            : residuals.categorical(features, label, stage, p + 1);
        decoded.add(d.shown());
        agrees.add(agree(values.get(p), d, sop.isNumerical()));
      }
      String encoding = sop.isNumerical() ? "numerical" : "categorical";
      int layer = components.isEmpty() ? -1 : components.get(components.size() - 1).layer();
      return new ExpressionView(label, sop.defaultName(), definition(sop), encoding, inputs, location, layer,
          stage, interpreted, decoded, agrees, null);
    }

    /** The earliest attention stage of a head reading this selector (directly or through a composite). */
    private int selectorStage(Selector selector) {
      int best = Integer.MAX_VALUE;
      for (RaspExpr consumer : graph.consumersOf(selector)) {
        int stage = switch (consumer) {
          case Selector composite -> selectorStage(composite);
          case SOp sop -> placement.of(graph.label(sop)).stream()
              .filter(c -> c.sublayer() == Placement.Sublayer.ATTENTION)
              .mapToInt(Component::stage).min().orElse(Integer.MAX_VALUE);
        };
        best = Math.min(best, stage);
      }
      return best == Integer.MAX_VALUE ? 0 : best;
    }

    private String definition(RaspExpr expr) {
      return switch (expr) {
        case Tokens t -> "tokens";
        case Indices i -> "indices";
        case Length l -> "length";
        case Full f -> "full(" + show(f.fill()) + ")";
        case ElementwiseMap m -> "map(" + m.function() + ", " + graph.label(m.inner()) + ")";
        case SequenceMap m -> "sequence_map(" + m.function() + ", " + graph.label(m.first()) + ", "
            + graph.label(m.second()) + ")";
        case LinearSequenceMap m -> "linear_sequence_map(" + graph.label(m.first()) + ", "
            + graph.label(m.second()) + ", " + m.firstFactor() + ", " + m.secondFactor() + ")";
        case Aggregate a -> "aggregate(" + graph.label(a.selector()) + ", " + graph.label(a.sop())
            + (a.defaultValue().isNone() ? "" : ", default " + show(a.defaultValue())) + ")";
        case SelectorWidth w -> "selector_width(" + graph.label(w.selector()) + ")";
        case Select s -> "select(" + graph.label(s.keys()) + ", " + graph.label(s.queries()) + ", "
            + s.predicate() + ")";
        case SelectorAnd s -> "selector_and(" + graph.label(s.first()) + ", " + graph.label(s.second()) + ")";
        case SelectorOr s -> "selector_or(" + graph.label(s.first()) + ", " + graph.label(s.second()) + ")";
        case SelectorNot s -> "selector_not(" + graph.label(s.inner()) + ")";
      };
    }
  }

  /** A value read off the residual: its text, and its number for numerical features. */
  record Decoded(String shown, double number) {}

  /** Decodes expressions from the traced residuals, as {@link Model#decode} decodes the output. */
  private record Residuals(Trace trace) {
    double[][] at(int stage) {
      return residual(trace, stage);
    }

    Decoded categorical(FeatureMap features, String label, int stage, int position) {
      double[] row = at(stage)[position];
      int best = -1;
      for (int f = 0; f < features.size(); f++) {
        if (features.categoricalValue(f, label) != null && (best < 0 || row[f] > row[best])) {
          best = f;
        }
      }
      if (best < 0) {
        return new Decoded("?", Double.NaN);
      }
      if (row[best] < Model.CATEGORICAL_THRESHOLD) {
        return new Decoded("none", Double.NaN);
      }
      String value = features.categoricalValue(best, label);
      return new Decoded(value, Double.NaN);
    }

    Decoded numerical(FeatureMap features, String label, int stage, int position) {
      for (int f = 0; f < features.size(); f++) {
        if (features.label(f).equals(label)) {
          double number = at(stage)[position][f];
          return new Decoded(Numbers.format(number), number);
        }
      }
      return new Decoded("?", Double.NaN);
    }
  }

  private static boolean agree(Value expected, Decoded got, boolean numerical) {
    if (numerical) {
      if (expected.isNone()) {
        return true; // a numerical encoding has no none: nothing to compare
      }
      return expected.isNumeric() && Tolerance.MODEL_OUTPUT.close(expected.asDouble(), got.number());
    }
    return show(expected).equals(got.shown());
  }

  /** A value as the page writes it: residual-label form, {@code none} for none. */
  static String show(Value value) {
    if (value.isNone()) {
      return "none";
    }
    return value.toString();
  }
}
