package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.TupleValue;
import org.tracr4j.craft.VectorSpace;

/**
 * Categorical sequence map of two different categorical inputs (tracr-reference.md §4.6): one hidden neuron
 * per pair of input values computes their AND, then writes the one-hot of {@code f(x, y)}.
 *
 * <p>Input spaces {@code X} and {@code Y} must be disjoint; input space {@code X ∪ Y ∪ {one}}; hidden
 * {@code P:(x.name, x.value, y.name, y.value)} for every pair (size {@code |X|·|Y|}, sorted by x then y);
 * output {@code O}.
 * <pre>
 *   W1[one, h(x,y)] = −1     W1[x, h(x,·)] = 1     W1[y, h(·,y)] = 1
 *   h(x,y) = ReLU(x + y − 1) = 1 exactly when both one-hots are on
 *   W2[h(x,y)] = e(f(x, y)) if f(x, y) is in O, else zero
 * </pre>
 */
public final class CategoricalSequenceMapMlp {
  private CategoricalSequenceMapMlp() {}

  /** {@code f} gets a direction of {@code x} and one of {@code y}; {@code null} means no output. */
  public static Mlp build(VectorSpace x, VectorSpace y, VectorSpace output, BasisDirection one,
      BinaryOperator<BasisDirection> f, String hiddenPrefix) {
    for (BasisDirection direction : x.basis()) {
      if (y.contains(direction)) {
        throw new IllegalArgumentException("Input spaces to a sequence map must be disjoint (use a lookup MLP"
            + " for identical inputs): " + x + " and " + y + " share " + direction);
      }
    }
    if (x.contains(one) || y.contains(one)) {
      throw new IllegalArgumentException("The one direction " + one + " must not be an input value: " + x + ", " + y);
    }
    List<BasisDirection> neurons = new ArrayList<>(x.dims() * y.dims());
    for (BasisDirection left : x.basis()) {
      for (BasisDirection right : y.basis()) {
        neurons.add(neuron(hiddenPrefix, left, right));
      }
    }
    VectorSpace hidden = VectorSpace.of(neurons);
    int[] columns = positions(neurons, hidden);
    VectorSpace input = VectorSpace.join(x, y, VectorSpace.of(one));
    int[] xRows = x.indicesIn(input);
    int[] yRows = y.indicesIn(input);
    int oneRow = input.indexOf(one);
    Linear.Builder first = Linear.builder(input, hidden);
    Linear.Builder second = Linear.builder(hidden, output);
    if (columns == null) {
      setFirstByRows(first, input.dims(), xRows, yRows, oneRow);
    }
    for (int i = 0; i < x.dims(); i++) {
      for (int j = 0; j < y.dims(); j++) {
        int column = columns == null ? i * y.dims() + j : columns[i * y.dims() + j];
        if (columns != null) {
          first.set(oneRow, column, -1).set(xRows[i], column, 1).set(yRows[j], column, 1);
        }
        BasisDirection image = f.apply(x.direction(i), y.direction(j));
        int target = image == null ? -1 : output.indexOf(image);
        if (target >= 0) {
          second.set(column, target, 1);
        }
      }
    }
    return new Mlp(first.build(), second.build());
  }

  /**
   * Each neuron's position in {@code hidden}; null when it is its position in {@code neurons}, as it is
   * whenever the pairs come sorted (one name per input space, so the tuples order as the inputs do).
   */
  private static int[] positions(List<BasisDirection> neurons, VectorSpace hidden) {
    boolean same = hidden.dims() == neurons.size();
    for (int k = 0; k < neurons.size() && same; k++) {
      same = hidden.direction(k) == neurons.get(k);
    }
    if (same) {
      return null;
    }
    int[] positions = new int[neurons.size()];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = hidden.indexOf(neurons.get(k));
    }
    return positions;
  }

  /**
   * W1 with neuron {@code h(i, j)} at column {@code i·|Y| + j}, row by row: the same distinct entries as the
   * pair loop sets, in entry order (so the builder does not sort its calls).
   */
  private static void setFirstByRows(Linear.Builder first, int inputs, int[] xRows, int[] yRows, int oneRow) {
    int nx = xRows.length;
    int ny = yRows.length;
    int[] xOfRow = new int[inputs];
    int[] yOfRow = new int[inputs];
    Arrays.fill(xOfRow, -1);
    Arrays.fill(yOfRow, -1);
    for (int i = 0; i < nx; i++) {
      xOfRow[xRows[i]] = i;
    }
    for (int j = 0; j < ny; j++) {
      yOfRow[yRows[j]] = j;
    }
    for (int row = 0; row < inputs; row++) {
      if (row == oneRow) {
        for (int column = 0; column < nx * ny; column++) {
          first.set(row, column, -1);
        }
      } else if (xOfRow[row] >= 0) {
        for (int column = xOfRow[row] * ny; column < (xOfRow[row] + 1) * ny; column++) {
          first.set(row, column, 1);
        }
      } else if (yOfRow[row] >= 0) {
        for (int column = yOfRow[row]; column < nx * ny; column += ny) {
          first.set(row, column, 1);
        }
      }
    }
  }

  /**
   * The same hidden layer writing the number {@code f(x, y)} into the one direction {@code output} (a
   * numerical sequence map of categorical inputs): {@code W2[h(x,y), output] = f(x, y)}.
   */
  public static Mlp buildNumerical(VectorSpace x, VectorSpace y, BasisDirection output, BasisDirection one,
      java.util.function.ToDoubleBiFunction<BasisDirection, BasisDirection> f, String hiddenPrefix) {
    Mlp table = build(x, y, VectorSpace.of(output), one, (a, b) -> null, hiddenPrefix);
    VectorSpace hidden = table.hiddenSpace();
    Linear.Builder second = Linear.builder(hidden, VectorSpace.of(output));
    for (int i = 0; i < x.dims(); i++) {
      for (int j = 0; j < y.dims(); j++) {
        double value = f.applyAsDouble(x.direction(i), y.direction(j));
        if (value != 0) {
          second.set(hidden.indexOf(neuron(hiddenPrefix, x.direction(i), y.direction(j))), 0, value);
        }
      }
    }
    return new Mlp(table.first(), second.build());
  }

  private static BasisDirection neuron(String prefix, BasisDirection left, BasisDirection right) {
    return new BasisDirection(prefix, TupleValue.of(left.name(), left.value(), right.name(), right.value()));
  }
}
