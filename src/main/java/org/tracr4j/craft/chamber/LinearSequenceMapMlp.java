package org.tracr4j.craft.chamber;

import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;

/**
 * Numerical linear sequence map {@code out = a·x + b·y} (tracr-reference.md §4.5), exact for every sign.
 *
 * <p>Input space {@code {x, y}}; output {@code {ℓ}}; hidden {@code Px:-1, Px:1, Py:-1, Py:1} (size 4, in that
 * sorted order; values are integers). No {@code one} direction.
 * <pre>
 *   W1[x, Px:s] = s        W1[y, Py:s] = s                     (s = ±1)
 *   W2[Px:s, ℓ] = a·s      W2[Py:s, ℓ] = b·s
 *   out = a(ReLU(x) − ReLU(−x)) + b(ReLU(y) − ReLU(−y))
 * </pre>
 * If {@code x} and {@code y} are the same direction its row gets both contributions, giving
 * {@code (a + b)·x} (Tracr does the same).
 */
public final class LinearSequenceMapMlp {
  private LinearSequenceMapMlp() {}

  public static Mlp build(BasisDirection x, BasisDirection y, BasisDirection output, double a, double b,
      String hiddenPrefix) {
    BasisDirection xPositive = new BasisDirection(hiddenPrefix + "x", 1);
    BasisDirection xNegative = new BasisDirection(hiddenPrefix + "x", -1);
    BasisDirection yPositive = new BasisDirection(hiddenPrefix + "y", 1);
    BasisDirection yNegative = new BasisDirection(hiddenPrefix + "y", -1);
    VectorSpace hidden = VectorSpace.of(xPositive, xNegative, yPositive, yNegative);
    Linear first = Linear.builder(VectorSpace.of(x, y), hidden)
        .add(x, xPositive, 1).add(x, xNegative, -1)
        .add(y, yPositive, 1).add(y, yNegative, -1)
        .build();
    Linear second = Linear.builder(hidden, VectorSpace.of(output))
        .add(xPositive, output, a).add(xNegative, output, -a)
        .add(yPositive, output, b).add(yNegative, output, -b)
        .build();
    return new Mlp(first, second);
  }
}
