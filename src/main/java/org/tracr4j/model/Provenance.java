package org.tracr4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which weights compute which expression: the meaning of every residual dimension, every expression of the
 * program, and, per layer, which head and which MLP neurons compute which expression. The compiler records
 * it when it assembles a model; {@code config.json} (format version 2) stores it. Plain strings and numbers
 * only, so a saved model needs nothing of the compiler to explain itself.
 *
 * @param residual one feature per residual dimension, in residual order ({@code dModel} entries)
 * @param expressions every expression of the program (s-ops and selectors), the output first
 * @param layers one entry per layer
 */
public record Provenance(List<Feature> residual, List<Expression> expressions, List<Layer> layers) {

  public Provenance {
    residual = List.copyOf(residual);
    expressions = List.copyOf(expressions);
    layers = List.copyOf(layers);
  }

  /** How a feature carries its expression's value. */
  public enum Encoding { CATEGORICAL, NUMERICAL }

  /** What a residual dimension is for. */
  public enum Role {
    /** Carries a value of its expression: one direction per value (categorical) or the value (numerical). */
    VALUE,
    /** The constant direction {@code one}: 1 at every position, read by blocks that need a bias. */
    ONE,
    /** An expression's internal quantity, e.g. a selector width's attention output {@code 1/(w+1)}. */
    INTERMEDIATE
  }

  /**
   * One residual dimension.
   *
   * @param label the display form, as in {@link Model#residualLabels()} ({@code name} or {@code name:value})
   * @param expression the label of the expression the dimension belongs to ({@code one} for {@link Role#ONE})
   * @param role what the dimension is for
   * @param encoding categorical (one direction per value) or numerical (the value itself)
   * @param value for a categorical {@link Role#VALUE} feature, the value it stands for, typed: {@code Long},
   *     {@code Double}, {@code Boolean}, {@code String}, a {@code List} of those (a tuple), or null for none;
   *     otherwise null. So {@code "3"} and {@code 3L} are different features even though both print as 3.
   */
  public record Feature(String label, String expression, Role role, Encoding encoding, Object value) {
    public Feature {
      require(label != null && expression != null && role != null && encoding != null,
          "a residual feature needs a label, an expression, a role and an encoding");
      require(value == null || role == Role.VALUE && encoding == Encoding.CATEGORICAL,
          "residual feature " + label + ": only a categorical value feature has a value");
    }

    /** True if {@link #value()} is meaningful (a categorical value; null then means none). */
    public boolean hasValue() {
      return role == Role.VALUE && encoding == Encoding.CATEGORICAL;
    }
  }

  /**
   * One expression of the program.
   *
   * @param label its label: the residual name of an s-op, unique in the program; an expression built inside
   *     a {@code def} is prefixed with the function's name and call site ({@code seen@12:3})
   * @param kind the expression kind: {@code tokens}, {@code indices}, {@code map}, {@code sequence_map},
   *     {@code linear_sequence_map}, {@code aggregate}, {@code selector_width}, {@code select},
   *     {@code selector_and}, {@code selector_or}, {@code selector_not}, …
   * @param encoding the s-op's encoding, or null for a selector
   * @param layer the layer whose heads or MLP compute it, or -1 (inputs, selectors)
   * @param inputs the labels of the expressions it reads directly (its children)
   * @param origin where it was written ({@code file:line:column}), or null
   * @param precondition what an input must satisfy for the model to compute it faithfully, in words, or
   *     null: a categorical aggregate the compiler could not prove selects at most one distinct value per
   *     query. {@link Model} refuses an input whose residual shows it averaging (see {@link Model#runBatch}).
   * @param neverNone why this categorical s-op must never be none, or null: a select compares it and RASP
   *     fails on a none there. {@link Model} refuses an input whose residual shows it none (all its value
   *     features zero) at a position.
   */
  public record Expression(String label, String kind, Encoding encoding, int layer, List<String> inputs,
      String origin, String precondition, String neverNone) {
    public Expression {
      require(label != null && kind != null, "an expression needs a label and a kind");
      inputs = List.copyOf(inputs);
    }

    /** An expression without a precondition. */
    public Expression(String label, String kind, Encoding encoding, int layer, List<String> inputs,
        String origin) {
      this(label, kind, encoding, layer, inputs, origin, null, null);
    }

    /** An expression with an aggregate's precondition (or none) and no never-none requirement. */
    public Expression(String label, String kind, Encoding encoding, int layer, List<String> inputs,
        String origin, String precondition) {
      this(label, kind, encoding, layer, inputs, origin, precondition, null);
    }

    public boolean isSelector() {
      return encoding == null;
    }
  }

  /**
   * What one layer computes.
   *
   * @param heads the used head slots, by head index; slots not listed are unused (all-zero weights); a head
   *     that computes several expressions (aggregates sharing one attention pattern) is listed once for each
   * @param mlp the MLP neuron ranges, in neuron order, each computing one expression
   * @param neurons the names of the layer's used hidden neurons, by neuron index (the rest are unused)
   */
  public record Layer(List<Head> heads, List<Neurons> mlp, List<String> neurons) {
    public Layer {
      heads = List.copyOf(heads);
      mlp = List.copyOf(mlp);
      neurons = List.copyOf(neurons);
    }

    /** The (first) expression head {@code index} computes, if that slot is used. */
    public Optional<Head> head(int index) {
      return heads.stream().filter(h -> h.index() == index).findFirst();
    }

    /** Every expression head {@code index} computes (several for a shared head), in listed order. */
    public List<Head> headsAt(int index) {
      return heads.stream().filter(h -> h.index() == index).toList();
    }
  }

  /** Head {@code index} of its layer computes {@code expression}. */
  public record Head(int index, String expression) {}

  /** MLP neurons {@code start} (inclusive) to {@code end} (exclusive) of a layer compute {@code expression}. */
  public record Neurons(int start, int end, String expression) {
    public Neurons {
      require(0 <= start && start < end, "neuron range [" + start + ", " + end + ") is empty or negative");
    }
  }

  /** The expression labelled {@code label}. */
  public Optional<Expression> expression(String label) {
    return expressions.stream().filter(e -> e.label().equals(label)).findFirst();
  }

  /** The residual indices of the features that belong to {@code expression}, in residual order. */
  public List<Integer> featuresOf(String expression) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < residual.size(); i++) {
      if (residual.get(i).expression().equals(expression)) {
        indices.add(i);
      }
    }
    return Collections.unmodifiableList(indices);
  }

  /**
   * Checks that this provenance describes a model of shape {@code c} with residual {@code labels}: one
   * feature per dimension with the same label, one entry per layer, heads and neuron ranges inside the
   * model and not overlapping, and every expression they name listed.
   *
   * @throws IllegalArgumentException naming the first mismatch
   */
  public void check(ModelConfig c, List<String> labels) {
    require(residual.size() == c.dModel(),
        "provenance describes " + residual.size() + " residual features, dModel is " + c.dModel());
    for (int i = 0; i < residual.size(); i++) {
      require(residual.get(i).label().equals(labels.get(i)), "provenance names residual feature " + i + " '"
          + residual.get(i).label() + "', the residual label is '" + labels.get(i) + "'");
    }
    Map<String, Expression> byLabel = new HashMap<>();
    for (Expression expression : expressions) {
      require(byLabel.put(expression.label(), expression) == null,
          "provenance lists expression " + expression.label() + " twice");
    }
    require(layers.size() == c.layers(),
        "provenance describes " + layers.size() + " layers, the model has " + c.layers());
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      Set<Head> heads = new HashSet<>();
      for (Head head : layer.heads()) {
        require(head.index() >= 0 && head.index() < c.heads() && heads.add(head),
            "layer " + l + ": head " + head.index() + " is outside 0.." + (c.heads() - 1) + " or listed twice");
        requireExpression(byLabel, head.expression(), "layer " + l + " head " + head.index());
      }
      int next = 0;
      for (Neurons range : layer.mlp()) {
        require(range.start() >= next && range.end() <= c.dMlp(), "layer " + l + ": neurons ["
            + range.start() + ", " + range.end() + ") overlap another range or exceed dMlp = " + c.dMlp());
        requireExpression(byLabel, range.expression(), "layer " + l + " neurons");
        next = range.end();
      }
      require(layer.neurons().size() <= c.dMlp(),
          "layer " + l + " names " + layer.neurons().size() + " neurons, dMlp is " + c.dMlp());
    }
  }

  private static void requireExpression(Map<String, Expression> byLabel, String label, String where) {
    require(byLabel.containsKey(label), where + " computes '" + label + "', which is not a listed expression");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
