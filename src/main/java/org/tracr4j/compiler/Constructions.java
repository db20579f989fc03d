package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Block;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Matrix;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.SeriesWithResiduals;
import org.tracr4j.craft.VectorInBasis;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.craft.chamber.CategoricalAttention;
import org.tracr4j.craft.chamber.CategoricalLinearSequenceMapMlp;
import org.tracr4j.craft.chamber.CategoricalMlp;
import org.tracr4j.craft.chamber.CategoricalSequenceMapMlp;
import org.tracr4j.craft.chamber.CategoricalToNumericalMlp;
import org.tracr4j.craft.chamber.ConjunctionAttention;
import org.tracr4j.craft.chamber.LinearSequenceMapMlp;
import org.tracr4j.craft.chamber.NumericalMlp;
import org.tracr4j.craft.chamber.NumericalToCategoricalMlp;
import org.tracr4j.craft.chamber.SelectorWidth;
import org.tracr4j.rasp.Value;

/**
 * Builds the craft construction for each kind of s-op, asking the {@link BuildMode} every question on
 * which the exact mode and Tracr differ (which construction, L, pruning, BOS silencing, how an aggregate
 * pairs values with outputs).
 */
final class Constructions {
  private final BuildMode mode;
  private final BasisDirection bos;
  private final BasisDirection one;

  Constructions(BuildMode mode, BasisDirection bos, BasisDirection one) {
    this.mode = mode;
    this.bos = bos;
    this.one = one;
  }

  /** Softmax coldness of every head; in the exact mode the assembler also cancels {@code 1/√d_head}. */
  double softmaxColdness() {
    return CategoricalAttention.DEFAULT_SOFTMAX_COLDNESS;
  }

  Mlp lookup(VectorSpace input, VectorSpace output, Function<Object, Value> f, String label) {
    return CategoricalMlp.lookup(input, output, direction -> {
      Value y = f.apply(direction.value());
      return y == null || y.isNone() ? null : new BasisDirection(label, y);
    });
  }

  Mlp categoricalToNumerical(VectorSpace input, BasisDirection output, ToDoubleFunction<Object> f,
      String label) {
    // f once per input direction: the sign test needs every value up to the first negative one and the
    // construction all of them, in basis order, which is the order it asks for them (anything else is
    // computed again).
    double[] values = new double[input.dims()];
    boolean negative = false;
    for (int i = 0; i < values.length; i++) {
      values[i] = f.applyAsDouble(input.direction(i).value());
      negative |= values[i] < 0;
    }
    ToDoubleFunction<BasisDirection> onDirections = new ToDoubleFunction<>() {
      private int next;

      @Override
      public double applyAsDouble(BasisDirection direction) {
        if (next < values.length && input.direction(next) == direction) {
          return values[next++];
        }
        return f.applyAsDouble(direction.value());
      }
    };
    return mode.signedCategoricalToNumerical() && negative
        ? CategoricalToNumericalMlp.exact(input, output, onDirections, hiddenPrefix(label))
        : CategoricalToNumericalMlp.tracr(input, output, onDirections);
  }

  Mlp numericalToNumerical(BasisDirection input, BasisDirection output, List<Double> points,
      List<Double> outputs, String label) {
    Map<Double, Double> table = table(points, outputs);
    double[] values = points.stream().mapToDouble(Double::doubleValue).toArray();
    return pruned(NumericalMlp.build(input, output, one, mode.discretisingAtBos(bos), values, table::get,
        largeNumber(points, outputs), hiddenPrefix(label), mode.prunesSilentNeurons()));
  }

  Mlp numericalToCategorical(BasisDirection input, VectorSpace output, List<Double> points,
      List<BasisDirection> outputs, String label) {
    Map<Double, BasisDirection> table = table(points, outputs);
    double[] values = points.stream().mapToDouble(Double::doubleValue).toArray();
    return pruned(NumericalToCategoricalMlp.build(input, output, one, mode.discretisingAtBos(bos), values,
        table::get, largeNumber(points, outputs), hiddenPrefix(label), mode.prunesSilentNeurons()));
  }

  Mlp sequenceMap(VectorSpace first, VectorSpace second, VectorSpace output, BiFunction<Value, Value, Value> f,
      String label) {
    Mlp mlp = CategoricalSequenceMapMlp.build(first, second, output, one, (x, y) -> {
      Value z = f.apply((Value) x.value(), (Value) y.value());
      return z == null || z.isNone() ? null : new BasisDirection(label, z);
    }, hiddenPrefix(label));
    return pruned(mlp);
  }

  /** A numerical sequence map of two categorical inputs: one neuron per pair, writing {@code f(x, y)}. */
  Mlp numericalSequenceMap(VectorSpace first, VectorSpace second, BasisDirection output,
      java.util.function.ToDoubleBiFunction<Value, Value> f, String label) {
    return pruned(CategoricalSequenceMapMlp.buildNumerical(first, second, output, one,
        (x, y) -> f.applyAsDouble((Value) x.value(), (Value) y.value()), hiddenPrefix(label)));
  }

  /**
   * The sequence map {@code route} describes, as one discretising MLP on {@code a·x + b·y}, silenced at BOS
   * as the mode says.
   */
  Mlp sumSequenceMap(VectorSpace first, VectorSpace second, VectorSpace output, SumRoute route, String label) {
    double[] sums = route.sums();
    List<Value> outputs = new ArrayList<>(route.table().values());
    double smallestGap = Double.POSITIVE_INFINITY;
    for (int k = 1; k < sums.length; k++) {
      if (!outputs.get(k).equals(outputs.get(k - 1))) {
        smallestGap = Math.min(smallestGap, sums[k] - sums[k - 1]);
      }
    }
    return pruned(CategoricalLinearSequenceMapMlp.build(first, route.a(), second, route.b(),
        direction -> ((Value) direction.value()).asDouble(), output, one, mode.discretisingAtBos(bos), sums,
        sum -> new BasisDirection(label, route.table().get(sum)), mode.largeNumber(smallestGap),
        hiddenPrefix(label)));
  }

  Mlp linearSequenceMap(BasisDirection first, BasisDirection second, BasisDirection output, double a, double b,
      String label) {
    return LinearSequenceMapMlp.build(first, second, output, a, b, hiddenPrefix(label));
  }

  /** One head: {@link CategoricalAttention} for one select, the summed-QK {@link ConjunctionAttention} for an AND. */
  AttentionHead aggregate(List<ConjunctionAttention.Conjunct> conjuncts, VectorSpace values, VectorSpace output,
      Value defaultValue, boolean numerical, String label, boolean countsKeys) {
    // With a key channel, the values also hold every index, each written to its own key direction.
    Function<BasisDirection, BasisDirection> valueToOutput = numerical
        ? direction -> output.direction(0)
        : direction -> countsKeys && direction.name().equals("indices")
            ? new BasisDirection(label + AggregateContract.KEYS, direction.value())
            : orNull(new BasisDirection(label, direction.value()), output);
    CategoricalAttention.Options settings = mode.aggregatesByValue()
        ? new CategoricalAttention.Options(softmaxColdness(), false, true,
            Optional.of(defaultVector(output, defaultValue, numerical, label)),
            new CategoricalAttention.Pairing.ByValue(valueToOutput))
        : CategoricalAttention.Options.defaults();
    if (conjuncts.size() == 1) {
      ConjunctionAttention.Conjunct only = conjuncts.get(0);
      return CategoricalAttention.build(only.query(), only.key(), values, output, bos, one, only.predicate(),
          settings);
    }
    return ConjunctionAttention.build(conjuncts, values, output, bos, one, settings);
  }

  /** A selector width decoding the widths {@code minWidth..maxWidth} (Tracr: 0..N). */
  LoweredBlock selectorWidth(List<ConjunctionAttention.Conjunct> conjuncts, VectorSpace output, boolean numerical,
      int minWidth, int maxWidth, String label) {
    // Inputs 1/(w+1) for w = min..max; the closest two are 1/max and 1/(max+1).
    double gap = maxWidth > minWidth ? 1.0 / maxWidth - 1.0 / (maxWidth + 1) : Double.POSITIVE_INFINITY;
    double large = mode.largeNumber(gap);
    IntFunction<BasisDirection> widthDirection = width -> new BasisDirection(label, Value.of((long) width));
    SeriesWithResiduals series;
    if (conjuncts.size() == 1) {
      ConjunctionAttention.Conjunct only = conjuncts.get(0);
      series = numerical
          ? SelectorWidth.numerical(only.query(), only.key(), only.predicate(), bos, one, output.direction(0),
              minWidth, maxWidth, softmaxColdness(), large, label)
          : SelectorWidth.categorical(only.query(), only.key(), only.predicate(), bos, one, output, widthDirection,
              minWidth, maxWidth, softmaxColdness(), large, label);
    } else {
      series = numerical
          ? SelectorWidth.numerical(conjuncts, bos, one, output.direction(0), minWidth, maxWidth, softmaxColdness(),
              large, label)
          : SelectorWidth.categorical(conjuncts, bos, one, output, widthDirection, minWidth, maxWidth,
              softmaxColdness(), large, label);
    }
    AttentionHead head = null;
    Mlp mlp = null;
    for (int b = 0; b < series.blocks().size(); b++) { // indexed: no iterator per selector width
      Block block = series.blocks().get(b);
      if (block instanceof AttentionHead h) {
        head = h;
      } else if (block instanceof Mlp m) {
        mlp = m;
      }
    }
    return new LoweredBlock(Objects.requireNonNull(head, "selector width head"),
        Objects.requireNonNull(mlp, "selector width MLP"));
  }

  /** {@code direction} if {@code space} has it, else null. */
  private static BasisDirection orNull(BasisDirection direction, VectorSpace space) {
    return space.contains(direction) ? direction : null;
  }

  private static VectorInBasis defaultVector(VectorSpace output, Value defaultValue, boolean numerical,
      String label) {
    double[] magnitudes = new double[output.dims()];
    if (numerical) {
      magnitudes[0] = defaultValue.isNone() ? 0 : defaultValue.asDouble();
    } else if (!defaultValue.isNone()) {
      int index = output.indexOf(new BasisDirection(label, defaultValue));
      if (index >= 0) {
        magnitudes[index] = 1;
      }
    }
    return new VectorInBasis(output, magnitudes);
  }

  /** L for a discretising MLP, from the smallest gap between consecutive inputs whose outputs differ. */
  private double largeNumber(List<Double> points, List<?> outputs) {
    double smallestGap = Double.POSITIVE_INFINITY;
    for (int k = 1; k < points.size(); k++) {
      if (!outputs.get(k).equals(outputs.get(k - 1))) {
        smallestGap = Math.min(smallestGap, points.get(k) - points.get(k - 1));
      }
    }
    return mode.largeNumber(smallestGap);
  }

  private Mlp pruned(Mlp mlp) {
    return mode.prunesSilentNeurons() ? prune(mlp) : mlp;
  }

  /** Drops hidden neurons that write nothing (all their output weights are zero). */
  static Mlp prune(Mlp mlp) {
    VectorSpace hidden = mlp.hiddenSpace();
    Matrix.Rows second = mlp.second().weights().sparse();
    List<BasisDirection> kept = new ArrayList<>();
    for (int h = 0; h < hidden.dims(); h++) {
      for (int e = second.rowStart()[h]; e < second.rowStart()[h + 1]; e++) {
        if (second.values()[e] != 0) {
          kept.add(hidden.direction(h));
          break;
        }
      }
    }
    if (kept.size() == hidden.dims() || kept.isEmpty()) {
      return mlp;
    }
    VectorSpace prunedHidden = VectorSpace.of(kept);
    Linear first = restrictColumns(mlp.first(), prunedHidden);
    Linear.Builder out = Linear.builder(prunedHidden, mlp.second().output());
    for (int h = 0; h < prunedHidden.dims(); h++) {
      int row = hidden.indexOf(prunedHidden.direction(h));
      for (int e = second.rowStart()[row]; e < second.rowStart()[row + 1]; e++) {
        out.set(h, second.columns()[e], second.values()[e]);
      }
    }
    return new Mlp(first, out.build());
  }

  /** {@code linear} on the output directions {@code columns} only (a subset of its output, in their order). */
  private static Linear restrictColumns(Linear linear, VectorSpace columns) {
    Linear.Builder builder = Linear.builder(linear.input(), columns);
    int[] target = linear.output().indicesIn(columns);
    Matrix.Rows rows = linear.weights().sparse();
    for (int r = 0; r < linear.input().dims(); r++) {
      for (int e = rows.rowStart()[r]; e < rows.rowStart()[r + 1]; e++) {
        int c = target[rows.columns()[e]];
        if (c >= 0) {
          builder.set(r, c, rows.values()[e]);
        }
      }
    }
    return builder.build();
  }

  private static <T> Map<Double, T> table(List<Double> points, List<T> outputs) {
    Map<Double, T> table = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      table.put(points.get(i), outputs.get(i));
    }
    return table;
  }

  private static String hiddenPrefix(String label) {
    return "_hidden_" + label + "_";
  }
}
