package org.tracr4j.model;

/**
 * The numeric kernels of the forward pass, on row-major {@code double[]} slices. Plain scalar loops in the
 * cache-friendly i-k-j order; every output is fully overwritten unless the name says "add".
 */
final class Kernels {
  private Kernels() {}

  /**
   * {@code c[rows][cols] = a[rows][inner] · b[inner][cols] + bias[cols]}, with {@code b} starting at
   * {@code bOffset} and {@code bias} at {@code biasOffset}.
   */
  static void matmulBias(double[] a, double[] b, int bOffset, double[] bias, int biasOffset, double[] c,
      int rows, int inner, int cols) {
    for (int i = 0; i < rows; i++) {
      System.arraycopy(bias, biasOffset, c, i * cols, cols);
    }
    matmulAdd(a, b, bOffset, c, rows, inner, cols);
  }

  /** {@code c[rows][cols] += a[rows][inner] · b[inner][cols]}, {@code b} starting at {@code bOffset}. */
  static void matmulAdd(double[] a, double[] b, int bOffset, double[] c, int rows, int inner, int cols) {
    for (int i = 0; i < rows; i++) {
      int cRow = i * cols;
      int aRow = i * inner;
      for (int k = 0; k < inner; k++) {
        double aik = a[aRow + k];
        if (aik == 0.0) {
          continue; // compiled activations are mostly zero; skipping adds nothing but exact zeros
        }
        int bRow = bOffset + k * cols;
        for (int j = 0; j < cols; j++) {
          c[cRow + j] += aik * b[bRow + j];
        }
      }
    }
  }

  /** {@code c[rows][cols] = scale · a[rows][inner] · b[cols][inner]ᵀ}. */
  static void matmulTransposed(double[] a, double[] b, double[] c, int rows, int inner, int cols,
      double scale) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double sum = 0.0;
        for (int k = 0; k < inner; k++) {
          sum += a[i * inner + k] * b[j * inner + k];
        }
        c[i * cols + j] = sum * scale;
      }
    }
  }

  /** Softmax of each row of {@code x[rows][cols]} in place; every row must have a finite maximum. */
  static void softmaxRows(double[] x, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, x[row + j]);
      }
      double sum = 0.0;
      for (int j = 0; j < cols; j++) {
        double e = Math.exp(x[row + j] - max);
        x[row + j] = e;
        sum += e;
      }
      for (int j = 0; j < cols; j++) {
        x[row + j] /= sum;
      }
    }
  }

  /** {@code x = max(x, 0)} on the first {@code length} entries. */
  static void relu(double[] x, int length) {
    for (int i = 0; i < length; i++) {
      if (x[i] < 0.0) {
        x[i] = 0.0;
      }
    }
  }

  /** {@code x += y} on the first {@code length} entries. */
  static void addInPlace(double[] x, double[] y, int length) {
    for (int i = 0; i < length; i++) {
      x[i] += y[i];
    }
  }
}
