package org.tracr4j.craft.chamber;

import java.util.function.ToDoubleFunction;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.TupleValue;
import org.tracr4j.craft.VectorSpace;

/**
 * Categorical → numerical MLP (tracr-reference.md §4.2): writes {@code f(x)} into one numerical direction.
 *
 * <p>{@link #tracr}: Tracr's construction, hidden size 1, hidden space = the output space {@code {ℓ}}.
 * It <b>clips negative values to 0</b> (§8 gap 1):
 * <pre>
 *   W1[x, ℓ] = f(x)      W2[ℓ, ℓ] = 1      out = ReLU(f(x))
 * </pre>
 * {@link #exact}: two hidden neurons {@code P:(1,)} and {@code P:(-1,)} that keep the sign:
 * <pre>
 *   W1[x, P:(1,)] = f(x)   W1[x, P:(-1,)] = −f(x)   W2[P:(1,), ℓ] = 1   W2[P:(-1,), ℓ] = −1
 *   out = ReLU(f(x)) − ReLU(−f(x)) = f(x)
 * </pre>
 * At a position with no input direction hot both write 0. No {@code one} direction.
 */
public final class CategoricalToNumericalMlp {
  private CategoricalToNumericalMlp() {}

  /** Tracr's weights: {@code out = max(0, f(x))}. */
  public static Mlp tracr(VectorSpace input, BasisDirection output, ToDoubleFunction<BasisDirection> f) {
    VectorSpace out = VectorSpace.of(output);
    Linear.Builder first = Linear.builder(input, out);
    for (int i = 0; i < input.dims(); i++) {
      first.set(i, 0, f.applyAsDouble(input.direction(i)));
    }
    return new Mlp(first.build(), Linear.identity(out));
  }

  /** Exact for every sign: {@code out = f(x)}, two hidden neurons named {@code hiddenName}. */
  public static Mlp exact(
      VectorSpace input, BasisDirection output, ToDoubleFunction<BasisDirection> f, String hiddenName) {
    BasisDirection positive = new BasisDirection(hiddenName, TupleValue.of(1));
    BasisDirection negative = new BasisDirection(hiddenName, TupleValue.of(-1));
    VectorSpace hidden = VectorSpace.of(positive, negative);
    int positiveColumn = hidden.indexOf(positive);
    int negativeColumn = hidden.indexOf(negative);
    Linear.Builder first = Linear.builder(input, hidden);
    for (int i = 0; i < input.dims(); i++) {
      double value = f.applyAsDouble(input.direction(i));
      first.set(i, positiveColumn, value).set(i, negativeColumn, -value);
    }
    VectorSpace out = VectorSpace.of(output);
    Linear second = Linear.builder(hidden, out).add(positive, output, 1).add(negative, output, -1).build();
    return new Mlp(first.build(), second);
  }
}
