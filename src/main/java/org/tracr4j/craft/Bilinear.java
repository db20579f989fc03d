package org.tracr4j.craft;

import java.util.function.ToDoubleBiFunction;

/**
 * A scalar bilinear form {@code (x, y) ↦ x·matrix·yᵀ} between named spaces (tracr-reference.md §3.5), used
 * as an attention head's W_QK with the query space on the left and the key space on the right. The weights
 * are a {@link Matrix} {@code [left.dims()][right.dims()]}, dense or sparse as it was built.
 */
public final class Bilinear {
  private final VectorSpace left;
  private final VectorSpace right;
  private final Matrix weights;

  /**
   * @param left the left (query) space, rows
   * @param right the right (key) space, columns
   * @param matrix row-major {@code [left.dims()][right.dims()]}; shared, not copied
   */
  public Bilinear(VectorSpace left, VectorSpace right, double[] matrix) {
    this(left, right, checked(left, right, matrix));
  }

  private static Matrix checked(VectorSpace left, VectorSpace right, double[] matrix) {
    if (matrix.length != left.dims() * right.dims()) {
      throw new IllegalArgumentException("Matrix has " + matrix.length + " entries, expected "
          + left.dims() + "x" + right.dims() + " for " + left + " x " + right);
    }
    return Matrix.dense(left.dims(), right.dims(), matrix);
  }

  /** The form with {@code weights} {@code [left.dims()][right.dims()]}. */
  public Bilinear(VectorSpace left, VectorSpace right, Matrix weights) {
    if (weights.rows() != left.dims() || weights.cols() != right.dims()) {
      throw new IllegalArgumentException("Matrix is " + weights.rows() + "x" + weights.cols() + ", expected "
          + left.dims() + "x" + right.dims() + " for " + left + " x " + right);
    }
    this.left = left;
    this.right = right;
    this.weights = weights;
  }

  /** The left (query) space, rows. */
  public VectorSpace left() {
    return left;
  }

  /** The right (key) space, columns. */
  public VectorSpace right() {
    return right;
  }

  public Matrix weights() {
    return weights;
  }

  /** The row-major weights {@code [left.dims()][right.dims()]}; shared, not copied: do not change the array. */
  public double[] matrix() {
    return weights.dense();
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
    return weights.get(row, column);
  }

  /** {@code x·matrix·yᵀ}; {@code x} must live in {@link #left} and {@code y} in {@link #right}. */
  public double apply(VectorInBasis x, VectorInBasis y) {
    if (!x.space().equals(left) || !y.space().equals(right)) {
      throw new IllegalArgumentException("Vectors in " + x.space() + " and " + y.space()
          + " do not match the form's spaces " + left + " and " + right);
    }
    double[] xw = new double[right.dims()];
    Dense.multiplyRow(x.magnitudes(), matrix(), right.dims(), xw);
    double total = 0;
    for (int j = 0; j < xw.length; j++) {
      total += xw[j] * y.magnitudes()[j];
    }
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bilinear form && left.equals(form.left) && right.equals(form.right)
        && weights.equals(form.weights);
  }

  @Override
  public int hashCode() {
    return (left.hashCode() * 31 + right.hashCode()) * 31 + weights.hashCode();
  }

  @Override
  public String toString() {
    return "Bilinear[" + left + " x " + right + "]";
  }
}
