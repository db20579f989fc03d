package org.tracr4j.craft.chamber;

import java.util.function.DoubleFunction;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;

/**
 * Numerical → categorical discretising MLP (tracr-reference.md §4.4): the first layer of
 * {@link NumericalMlp} (same points, breakpoints, hidden layout {@code 2n − 1} and BOS variant), with a
 * second layer that writes one-hots. {@code f} returns the output direction {@code ℓ:o_k}, which must be
 * in the output space ({@code null} or an {@link ArithmeticException} drops the point).
 * <pre>
 *   W2[Pstart]   = e(ℓ:o_0)
 *   W2[P:(k,0)]  = e(ℓ:o_k) − e(ℓ:o_{k−1})      W2[P:(k,1)] = −(e(ℓ:o_k) − e(ℓ:o_{k−1}))
 * </pre>
 * At {@code v_j} the output is {@code e(ℓ:o_j)} when {@code L ≥ 2 / min gap}; otherwise a mixture
 * {@code (1−δ)·e(o_j) + δ·e(o_{j+1})}, {@code δ = 1 − L·gap/2}, still right by argmax while {@code L·gap > 1}.
 */
public final class NumericalToCategoricalMlp {
  private NumericalToCategoricalMlp() {}

  /** Tracr's weights. */
  public static Mlp build(BasisDirection input, VectorSpace output, BasisDirection one, double[] inputValues,
      DoubleFunction<BasisDirection> f, double largeNumber, String hiddenPrefix) {
    return build(input, output, one, new AtBos.Written(), inputValues, f, largeNumber, hiddenPrefix);
  }

  /** Tracr's weights plus the BOS-silencing row from {@code bos} (see {@link NumericalMlp}). */
  public static Mlp buildSilentAtBos(BasisDirection input, VectorSpace output, BasisDirection one,
      BasisDirection bos, double[] inputValues, DoubleFunction<BasisDirection> f, double largeNumber,
      String hiddenPrefix) {
    return build(input, output, one, new AtBos.Silenced(bos), inputValues, f, largeNumber, hiddenPrefix);
  }

  /** Tracr's weights, silenced at BOS or not as {@code atBos} says. */
  public static Mlp build(BasisDirection input, VectorSpace output, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<BasisDirection> f, double largeNumber, String hiddenPrefix) {
    return build(input, output, one, atBos, inputValues, f, largeNumber, hiddenPrefix, false);
  }

  /** Like the above; with {@code onlyChangingSteps} no neurons for steps between equal outputs. */
  public static Mlp build(BasisDirection input, VectorSpace output, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<BasisDirection> f, double largeNumber, String hiddenPrefix,
      boolean onlyChangingSteps) {
    DiscretisingLayer<BasisDirection> layer =
        DiscretisingLayer.build(input, one, atBos, inputValues, f, largeNumber, hiddenPrefix, onlyChangingSteps);
    return withOneHotOutputs(layer, output);
  }

  /** The MLP of a discretising first layer and the second layer above, writing one-hots of {@code output}. */
  static Mlp withOneHotOutputs(DiscretisingLayer<BasisDirection> layer, VectorSpace output) {
    int[] columns = new int[layer.outputs.size()];
    for (int k = 0; k < columns.length; k++) {
      BasisDirection value = layer.outputs.get(k);
      columns[k] = output.indexOf(value);
      if (columns[k] < 0) {
        throw new IllegalArgumentException("Output value mismatch: " + value + " is not in output space " + output);
      }
    }
    // Entries in order: the steps' rows, then the start neuron's (the last).
    Linear.RowsBuilder second = Linear.rowsBuilder(layer.hidden, output, 4 * columns.length);
    for (int k = 1; k < columns.length; k++) {
      if (layer.stepPosition(k, 0) < 0) {
        continue;
      }
      addDifference(second, layer.stepPosition(k, 0), columns[k], columns[k - 1]);
      addDifference(second, layer.stepPosition(k, 1), columns[k - 1], columns[k]);
    }
    if (columns.length > 0) {
      second.add(layer.startPosition(), columns[0], 1);
    }
    return new Mlp(layer.first, second.build());
  }

  /**
   * Adds {@code e(plus) − e(minus)} to row {@code row}, the lower column first; nothing when the two
   * coincide (1 − 1 is {@code +0.0}, which is not stored).
   */
  private static void addDifference(Linear.RowsBuilder second, int row, int plus, int minus) {
    if (plus < minus) {
      second.add(row, plus, 1).add(row, minus, -1);
    } else if (minus < plus) {
      second.add(row, minus, -1).add(row, plus, 1);
    }
  }
}
