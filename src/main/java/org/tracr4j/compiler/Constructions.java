package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Block;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.SeriesWithResiduals;
import org.tracr4j.craft.VectorInBasis;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.craft.chamber.CategoricalAttention;
import org.tracr4j.craft.chamber.CategoricalMlp;
import org.tracr4j.craft.chamber.CategoricalSequenceMapMlp;
import org.tracr4j.craft.chamber.CategoricalToNumericalMlp;
import org.tracr4j.craft.chamber.LinearSequenceMapMlp;
import org.tracr4j.craft.chamber.NumericalMlp;
import org.tracr4j.craft.chamber.NumericalToCategoricalMlp;
import org.tracr4j.craft.chamber.SelectorWidth;
import org.tracr4j.rasp.Value;

/**
 * Chooses and parameterises the craft construction for each kind of s-op, per compile mode.
 *
 * <p>Exact mode (tracr4j.md §5), each choice closing a gap of tracr-reference §8:
 * <ul>
 *   <li>discretising MLPs take their large number L from the smallest gap between consecutive input values
 *       where the output changes: {@code L = max(mlp_exactness, 4 / gap)}, so every input sits at least a
 *       quarter gap away from a ramp and the MLP is exact at any maximum length (selector width:
 *       {@code gap = 1/(N(N+1))});
 *   <li>discretising MLPs are silenced at BOS, so no block writes into the BOS position and an empty
 *       selection really yields the aggregate's default;
 *   <li>hidden neurons whose output weights are all zero (steps where the function does not change) are
 *       dropped;
 *   <li>categorical→numerical maps with a negative output use the two-neuron construction that keeps
 *       the sign;
 *   <li>aggregates map values to outputs by value (not by position) and write a non-trivial default from
 *       BOS.
 * </ul>
 * Tracr mode uses Tracr's constructions and constants unchanged.
 */
final class Constructions {
  private final CompileOptions options;
  private final BasisDirection bos;
  private final BasisDirection one;
  private final boolean exact;

  Constructions(CompileOptions options, BasisDirection bos, BasisDirection one) {
    this.options = options;
    this.bos = bos;
    this.one = one;
    this.exact = options.mode() == CompileOptions.Mode.EXACT;
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
    ToDoubleFunction<BasisDirection> onDirections = direction -> f.applyAsDouble(direction.value());
    boolean negative = input.basis().stream().anyMatch(d -> onDirections.applyAsDouble(d) < 0);
    return exact && negative
        ? CategoricalToNumericalMlp.exact(input, output, onDirections, hiddenPrefix(label))
        : CategoricalToNumericalMlp.tracr(input, output, onDirections);
  }

  Mlp numericalToNumerical(BasisDirection input, BasisDirection output, List<Double> points,
      List<Double> outputs, String label) {
    Map<Double, Double> table = table(points, outputs);
    double[] values = points.stream().mapToDouble(Double::doubleValue).toArray();
    if (!exact) {
      return NumericalMlp.build(input, output, one, values, table::get, options.mlpExactness(),
          hiddenPrefix(label));
    }
    return prune(NumericalMlp.buildSilentAtBos(input, output, one, bos, values, table::get,
        largeNumber(points, outputs), hiddenPrefix(label)));
  }

  Mlp numericalToCategorical(BasisDirection input, VectorSpace output, List<Double> points,
      List<BasisDirection> outputs, String label) {
    Map<Double, BasisDirection> table = table(points, outputs);
    double[] values = points.stream().mapToDouble(Double::doubleValue).toArray();
    if (!exact) {
      return NumericalToCategoricalMlp.build(input, output, one, values, table::get, options.mlpExactness(),
          hiddenPrefix(label));
    }
    return prune(NumericalToCategoricalMlp.buildSilentAtBos(input, output, one, bos, values, table::get,
        largeNumber(points, outputs), hiddenPrefix(label)));
  }

  Mlp sequenceMap(VectorSpace first, VectorSpace second, VectorSpace output, BiFunction<Value, Value, Value> f,
      String label) {
    Mlp mlp = CategoricalSequenceMapMlp.build(first, second, output, one, (x, y) -> {
      Value z = f.apply((Value) x.value(), (Value) y.value());
      return z == null || z.isNone() ? null : new BasisDirection(label, z);
    }, hiddenPrefix(label));
    return exact ? prune(mlp) : mlp;
  }

  Mlp linearSequenceMap(BasisDirection first, BasisDirection second, BasisDirection output, double a, double b,
      String label) {
    return LinearSequenceMapMlp.build(first, second, output, a, b, hiddenPrefix(label));
  }

  AttentionHead aggregate(VectorSpace queries, VectorSpace keys, BiPredicate<Object, Object> selects,
      VectorSpace values, VectorSpace output, Value defaultValue, boolean numerical, String label) {
    Function<BasisDirection, BasisDirection> valueToOutput = numerical
        ? direction -> output.direction(0)
        : direction -> output.contains(new BasisDirection(label, direction.value()))
            ? new BasisDirection(label, direction.value()) : null;
    VectorInBasis defaultOutput = exact ? defaultVector(output, defaultValue, numerical, label) : null;
    CategoricalAttention.Options settings = new CategoricalAttention.Options(softmaxColdness(), false, true,
        defaultOutput, exact ? valueToOutput : null);
    return CategoricalAttention.build(queries, keys, values, output, bos, one, predicate(selects), settings);
  }

  LoweredBlock selectorWidth(VectorSpace queries, VectorSpace keys, BiPredicate<Object, Object> selects,
      VectorSpace output, boolean numerical, int maxLength, String label) {
    // Inputs 1/(w+1) for w = 0..N; the closest two are 1/N and 1/(N+1).
    double gap = 1.0 / maxLength - 1.0 / (maxLength + 1);
    double large = exact ? Math.max(options.mlpExactness(), 4 / gap) : options.mlpExactness();
    SeriesWithResiduals series = numerical
        ? SelectorWidth.numerical(queries, keys, predicate(selects), bos, one, output.direction(0), maxLength,
            softmaxColdness(), large, label)
        : SelectorWidth.categorical(queries, keys, predicate(selects), bos, one, output,
            width -> new BasisDirection(label, Value.of((long) width)), maxLength, softmaxColdness(), large,
            label);
    AttentionHead head = null;
    Mlp mlp = null;
    for (Block block : series.blocks()) {
      if (block instanceof AttentionHead h) {
        head = h;
      } else if (block instanceof Mlp m) {
        mlp = m;
      }
    }
    return new LoweredBlock(Objects.requireNonNull(head, "selector width head"),
        Objects.requireNonNull(mlp, "selector width MLP"));
  }

  private static BiPredicate<BasisDirection, BasisDirection> predicate(BiPredicate<Object, Object> selects) {
    return (query, key) -> selects.test(query.value(), key.value());
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

  /**
   * L for a discretising MLP: 4 / (smallest gap between consecutive inputs whose outputs differ), at least
   * {@code mlp_exactness}.
   */
  private double largeNumber(List<Double> points, List<?> outputs) {
    double smallestGap = Double.POSITIVE_INFINITY;
    for (int k = 1; k < points.size(); k++) {
      if (!outputs.get(k).equals(outputs.get(k - 1))) {
        smallestGap = Math.min(smallestGap, points.get(k) - points.get(k - 1));
      }
    }
    return Math.max(options.mlpExactness(), smallestGap == Double.POSITIVE_INFINITY ? 0 : 4 / smallestGap);
  }

  /** Drops hidden neurons that write nothing (all their output weights are zero). */
  static Mlp prune(Mlp mlp) {
    VectorSpace hidden = mlp.hiddenSpace();
    int outputs = mlp.second().output().dims();
    double[] second = mlp.second().matrix();
    List<BasisDirection> kept = new ArrayList<>();
    for (int h = 0; h < hidden.dims(); h++) {
      for (int o = 0; o < outputs; o++) {
        if (second[h * outputs + o] != 0) {
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
      for (int o = 0; o < outputs; o++) {
        out.set(h, o, second[row * outputs + o]);
      }
    }
    return new Mlp(first, out.build());
  }

  private static Linear restrictColumns(Linear linear, VectorSpace columns) {
    Linear.Builder builder = Linear.builder(linear.input(), columns);
    int width = linear.output().dims();
    for (int c = 0; c < columns.dims(); c++) {
      int source = linear.output().indexOf(columns.direction(c));
      for (int r = 0; r < linear.input().dims(); r++) {
        builder.set(r, c, linear.matrix()[r * width + source]);
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
