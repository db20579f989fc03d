package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;

/**
 * A categorical sequence map {@code z = g(a·x + b·y)} of two categorical inputs with numeric values, in one
 * discretising MLP of {@code 2·|S| − 1} hidden neurons, {@code S} the distinct sums (tracr4j's construction;
 * Tracr's {@link CategoricalSequenceMapMlp} needs {@code |X|·|Y|}). A linear function of one-hot features is
 * a linear function of the residual stream, so the first layer reads the sum directly:
 * <pre>
 *   s = Σ_x a·value(x)·e(x) + Σ_y b·value(y)·e(y)       (exactly a·x + b·y where one x and one y are hot)
 *   hidden, second layer: {@link NumericalToCategoricalMlp} on s, with W1[d, h] = L·coefficient(d)·(step weight)
 * </pre>
 * Input spaces {@code X ∪ Y ∪ {one}} (and {@code bos} when silenced); the output space holds {@code g(s)} for
 * every {@code s}. At BOS the inputs may hold anything up to {@code max|a·x| + max|b·y|}; the silencing row
 * is raised by L times that, so the MLP still writes exactly 0 there.
 */
public final class CategoricalLinearSequenceMapMlp {
  private CategoricalLinearSequenceMapMlp() {}

  /**
   * @param x the first input's directions; {@code xValue} gives each one's number
   * @param a the factor on the first input
   * @param y the second input's directions, disjoint from {@code x}
   * @param b the factor on the second input
   * @param sums every value {@code a·x + b·y} can take
   * @param g the output direction of each sum ({@code null} drops the point; it must then never occur)
   * @param largeNumber L, at least {@code 2 / (smallest gap between sums with different outputs)}
   */
  public static Mlp build(VectorSpace x, double a, VectorSpace y, double b,
      ToDoubleFunction<BasisDirection> value, VectorSpace output, BasisDirection one, AtBos atBos,
      double[] sums, DoubleFunction<BasisDirection> g, double largeNumber, String hiddenPrefix) {
    for (BasisDirection direction : x.basis()) {
      if (y.contains(direction)) {
        throw new IllegalArgumentException("Input spaces to a sequence map must be disjoint: " + x + " and " + y
            + " share " + direction);
      }
    }
    List<BasisDirection> inputs = new ArrayList<>(x.dims() + y.dims());
    double[] coefficients = new double[x.dims() + y.dims()];
    double largestX = 0;
    double largestY = 0;
    for (BasisDirection direction : x.basis()) {
      coefficients[inputs.size()] = a * value.applyAsDouble(direction);
      largestX = Math.max(largestX, Math.abs(coefficients[inputs.size()]));
      inputs.add(direction);
    }
    for (BasisDirection direction : y.basis()) {
      coefficients[inputs.size()] = b * value.applyAsDouble(direction);
      largestY = Math.max(largestY, Math.abs(coefficients[inputs.size()]));
      inputs.add(direction);
    }
    DiscretisingLayer<BasisDirection> layer = DiscretisingLayer.build(inputs, coefficients, largestX + largestY,
        one, atBos, sums, g, largeNumber, hiddenPrefix);
    return NumericalToCategoricalMlp.withOneHotOutputs(layer, output);
  }
}
