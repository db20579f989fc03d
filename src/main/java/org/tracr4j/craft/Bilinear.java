package org.tracr4j.craft;

import java.util.Arrays;
import java.util.function.ToDoubleBiFunction;

/**
 * A scalar bilinear form {@code (x, y) ↦ x·matrix·yᵀ} between named spaces (tracr-reference.md §3.5), used
 * as an attention head's W_QK with the query space on the left and the key space on the right.
 *
 * @param left the left (query) space, rows
 * @param right the right (key) space, columns
 * @param matrix row-major {@code [left.dims()][right.dims()]}; shared, not copied
 */
public record Bilinear(VectorSpace left, VectorSpace right, double[] matrix) {

  public Bilinear {
    if (matrix.length != left.dims() * right.dims()) {
      throw new IllegalArgumentException("Matrix has " + matrix.length + " entries, expected "
          + left.dims() + "x" + right.dims() + " for " + left + " x " + right);
    }
  }

  /** Entry {@code (i, j)} is {@code action(left.direction(i), right.direction(j))}. */
  public static Bilinear fromAction(
      VectorSpace left, VectorSpace right, ToDoubleBiFunction<BasisDirection, BasisDirection> action) {
    int columns = right.dims();
    double[] matrix = new double[left.dims() * columns];
    for (int i = 0; i < left.dims(); i++) {
      BasisDirection query = left.direction(i);
      for (int j = 0; j < columns; j++) {
        matrix[i * columns + j] = action.applyAsDouble(query, right.direction(j));
      }
    }
    return new Bilinear(left, right, matrix);
  }

  public double get(BasisDirection leftDirection, BasisDirection rightDirection) {
    int row = left.indexOf(leftDirection);
    int column = right.indexOf(rightDirection);
    if (row < 0 || column < 0) {
      throw new IllegalArgumentException(
          "Entry (" + leftDirection + ", " + rightDirection + ") is outside " + left + " x " + right);
    }
    return matrix[row * right.dims() + column];
  }

  /** {@code x·matrix·yᵀ}; {@code x} must live in {@link #left} and {@code y} in {@link #right}. */
  public double apply(VectorInBasis x, VectorInBasis y) {
    if (!x.space().equals(left) || !y.space().equals(right)) {
      throw new IllegalArgumentException("Vectors in " + x.space() + " and " + y.space()
          + " do not match the form's spaces " + left + " and " + right);
    }
    double[] xw = new double[right.dims()];
    Dense.multiplyRow(x.magnitudes(), matrix, right.dims(), xw);
    double total = 0;
    for (int j = 0; j < xw.length; j++) {
      total += xw[j] * y.magnitudes()[j];
    }
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bilinear form && left.equals(form.left) && right.equals(form.right)
        && Arrays.equals(matrix, form.matrix);
  }

  @Override
  public int hashCode() {
    return (left.hashCode() * 31 + right.hashCode()) * 31 + Arrays.hashCode(matrix);
  }

  @Override
  public String toString() {
    return "Bilinear[" + left + " x " + right + "]";
  }
}
