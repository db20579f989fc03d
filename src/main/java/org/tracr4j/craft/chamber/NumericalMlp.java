package org.tracr4j.craft.chamber;

import java.util.function.DoubleFunction;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;

/**
 * Numerical → numerical discretising MLP (tracr-reference.md §4.3): on a finite set of input values it
 * computes {@code f} exactly, by a sum of steps placed halfway between neighbouring values.
 *
 * <p>Points {@code v_0 < … < v_{n−1}}: the sorted distinct input values where {@code f} is defined
 * ({@code null}, an {@link ArithmeticException} or a non-finite result drops a value); {@code o_k = f(v_k)};
 * breakpoints {@code t_k = (v_{k−1} + v_k)/2}. Input space {@code {x, one}} (plus {@code bos} in the silenced
 * variant); hidden {@code P:(k, 0), P:(k, 1)} for {@code k = 1..n−1} then {@code Pstart}, size {@code 2n − 1};
 * output {@code {ℓ}}.
 * <pre>
 *   W1[x,   P:(k,i)] = L            W1[one, P:(k,0)] = 1 − L·t_k     W1[one, P:(k,1)] = −L·t_k
 *   W1[one, Pstart]  = 1            W1[x,   Pstart]  = 0
 *   W2[Pstart, ℓ] = o_0    W2[P:(k,0), ℓ] = o_k − o_{k−1}    W2[P:(k,1), ℓ] = −(o_k − o_{k−1})
 *   out = o_0 + Σ_k (ReLU(L(x − t_k) + 1) − ReLU(L(x − t_k)))·(o_k − o_{k−1})
 * </pre>
 * Each step is 1 for {@code x ≥ t_k} and 0 for {@code x ≤ t_k − 1/L}, so {@code out(v_j) = o_j} exactly when
 * {@code L ≥ 2 / min gap} (the exactness condition); otherwise the value just below a breakpoint gets the
 * fraction {@code 1 − L·gap/2} of the next step. {@code L} is {@code mlp_exactness}, default
 * {@value #DEFAULT_LARGE_NUMBER}.
 *
 * <p>At BOS ({@code x = 0}, {@code one = 1}) Tracr's weights write {@code f} of the grid point nearest 0
 * (§8 "BOS pollution"). {@link #buildSilentAtBos} adds {@code W1[bos, h] = −β} for every neuron {@code h},
 * {@code β = 1 + max(1, max_k (1 − L·t_k))}, so the MLP writes exactly 0 at BOS and is unchanged elsewhere.
 */
public final class NumericalMlp {
  /** Tracr's default {@code mlp_exactness}. */
  public static final double DEFAULT_LARGE_NUMBER = 100;

  private NumericalMlp() {}

  /** Tracr's weights. {@code f} returns {@code null} (or throws ArithmeticException) where undefined. */
  public static Mlp build(BasisDirection input, BasisDirection output, BasisDirection one, double[] inputValues,
      DoubleFunction<Double> f, double largeNumber, String hiddenPrefix) {
    return build(input, output, one, new AtBos.Written(), inputValues, f, largeNumber, hiddenPrefix);
  }

  /** Tracr's weights plus the BOS-silencing row from {@code bos}: writes exactly 0 at BOS. */
  public static Mlp buildSilentAtBos(BasisDirection input, BasisDirection output, BasisDirection one,
      BasisDirection bos, double[] inputValues, DoubleFunction<Double> f, double largeNumber, String hiddenPrefix) {
    return build(input, output, one, new AtBos.Silenced(bos), inputValues, f, largeNumber, hiddenPrefix);
  }

  /** Tracr's weights, silenced at BOS or not as {@code atBos} says. */
  public static Mlp build(BasisDirection input, BasisDirection output, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<Double> f, double largeNumber, String hiddenPrefix) {
    return build(input, output, one, atBos, inputValues, f, largeNumber, hiddenPrefix, false);
  }

  /**
   * Like the above; with {@code onlyChangingSteps} no neurons for steps between equal outputs (what pruning
   * silent neurons would remove, never built).
   */
  public static Mlp build(BasisDirection input, BasisDirection output, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<Double> f, double largeNumber, String hiddenPrefix,
      boolean onlyChangingSteps) {
    DiscretisingLayer<Double> layer =
        DiscretisingLayer.build(input, one, atBos, inputValues, f, largeNumber, hiddenPrefix, onlyChangingSteps);
    // Every kept neuron writes the one output: W2 is a dense column, filled in place (each entry added to
    // +0.0, as a builder would).
    double[] second = new double[layer.hidden.dims()];
    for (int k = 1; k < layer.outputs.size(); k++) {
      double jump = layer.outputs.get(k) - layer.outputs.get(k - 1);
      if (layer.stepPosition(k, 0) < 0) {
        continue;
      }
      second[layer.stepPosition(k, 0)] += jump;
      second[layer.stepPosition(k, 1)] += -jump;
    }
    if (!layer.outputs.isEmpty()) {
      second[layer.startPosition()] += layer.outputs.get(0);
    }
    return new Mlp(layer.first, new Linear(layer.hidden, VectorSpace.of(output), second));
  }
}
