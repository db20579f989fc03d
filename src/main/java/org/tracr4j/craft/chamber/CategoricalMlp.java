package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;

/**
 * Categorical → categorical lookup-table MLP (tracr-reference.md §4.1): maps the one-hot of {@code x} to the
 * one-hot of {@code f(x)}. Also serves a SequenceMap whose two inputs are the same SOp ({@code f(x, x)}).
 *
 * <p>Spaces: input {@code X}, output {@code Y}; hidden space {@code H = Y} (Tracr's layout) or, with a hidden
 * name {@code P}, {@code H = {P:y.value}} in the same order. Size {@code |Y|}. No {@code one} direction.
 *
 * <pre>
 *   W1[x, h(y)] = 1 if f(x) = y (y in Y), else 0      (f(x) = null or outside Y: zero row)
 *   W2[h(y), y] = 1                                   (identity)
 *   out = ReLU(onehot(x)·W1)·W2 = onehot(f(x)); a position with no input direction hot writes zero
 * </pre>
 */
public final class CategoricalMlp {
  private CategoricalMlp() {}

  /** Tracr's layout: the hidden space is the output space itself. */
  public static Mlp lookup(VectorSpace input, VectorSpace output, Function<BasisDirection, BasisDirection> f) {
    return build(input, output, direction -> direction, f);
  }

  /** The same weights with hidden neurons {@code hiddenName:y.value}, so they cannot clash with outputs. */
  public static Mlp lookup(
      VectorSpace input, VectorSpace output, Function<BasisDirection, BasisDirection> f, String hiddenName) {
    return build(input, output, direction -> new BasisDirection(hiddenName, direction.value()), f);
  }

  /** {@code neuron} names the hidden neuron standing for each output direction. */
  private static Mlp build(VectorSpace input, VectorSpace output, Function<BasisDirection, BasisDirection> neuron,
      Function<BasisDirection, BasisDirection> f) {
    List<BasisDirection> neurons = new ArrayList<>(output.dims());
    for (BasisDirection direction : output.basis()) {
      neurons.add(neuron.apply(direction));
    }
    VectorSpace hidden = VectorSpace.of(neurons);
    if (hidden.dims() != output.dims()) {
      throw new IllegalArgumentException("Output space " + output + " repeats a value; hidden space " + hidden);
    }
    // neuronOf[j] = the hidden neuron standing for output direction j: j itself when the neurons came sorted
    // (always for the identity and for a renaming, which keeps the values' order), else looked up.
    int[] neuronOf = new int[output.dims()];
    boolean inOrder = true;
    for (int j = 0; j < neuronOf.length && inOrder; j++) {
      inOrder = hidden.direction(j) == neurons.get(j);
      neuronOf[j] = j;
    }
    if (!inOrder) {
      for (int j = 0; j < neuronOf.length; j++) {
        neuronOf[j] = hidden.indexOf(neurons.get(j));
      }
    }
    Linear.Builder first = Linear.builder(input, hidden);
    for (int i = 0; i < input.dims(); i++) {
      BasisDirection image = f.apply(input.direction(i));
      int column = image == null ? -1 : output.indexOf(image);
      if (column >= 0) {
        first.set(i, neuronOf[column], 1);
      }
    }
    Linear.Builder second = Linear.builder(hidden, output);
    for (int j = 0; j < output.dims(); j++) {
      second.set(neuronOf[j], j, 1);
    }
    return new Mlp(first.build(), second.build());
  }
}
