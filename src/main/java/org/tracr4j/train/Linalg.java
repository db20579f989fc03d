package org.tracr4j.train;

/**
 * The dense kernels of training, on row-major {@code double[]} slices. Each loop runs in one fixed order,
 * so a result is the same bit for bit on every run; "add" kernels accumulate into their output, the
 * others overwrite it.
 */
final class Linalg {
  private Linalg() {}

  /** {@code c[rows][cols] = a[rows][inner] · b[inner][cols]}, {@code b} from {@code bOff}. */
  static void mul(double[] a, int rows, int inner, double[] b, int bOff, int cols, double[] c) {
    java.util.Arrays.fill(c, 0, rows * cols, 0.0);
    mulAdd(a, rows, inner, b, bOff, cols, c);
  }

  /** {@code c[rows][cols] += a[rows][inner] · b[inner][cols]}, {@code b} from {@code bOff}. */
  static void mulAdd(double[] a, int rows, int inner, double[] b, int bOff, int cols, double[] c) {
    for (int i = 0; i < rows; i++) {
      int aRow = i * inner;
      int cRow = i * cols;
      for (int k = 0; k < inner; k++) {
        double aik = a[aRow + k];
        if (aik == 0.0) {
          continue;
        }
        int bRow = bOff + k * cols;
        for (int j = 0; j < cols; j++) {
          c[cRow + j] += aik * b[bRow + j];
        }
      }
    }
  }

  /** {@code c[rows][cols] = a[rows][inner] · b[cols][inner]ᵀ}, {@code b} from {@code bOff}. */
  static void mulTransposed(double[] a, int rows, int inner, double[] b, int bOff, int cols, double[] c) {
    java.util.Arrays.fill(c, 0, rows * cols, 0.0);
    mulTransposedAdd(a, rows, inner, b, bOff, cols, c);
  }

  /** {@code c[rows][cols] += a[rows][inner] · b[cols][inner]ᵀ}, {@code b} from {@code bOff}. */
  static void mulTransposedAdd(double[] a, int rows, int inner, double[] b, int bOff, int cols,
      double[] c) {
    for (int i = 0; i < rows; i++) {
      int aRow = i * inner;
      for (int j = 0; j < cols; j++) {
        int bRow = bOff + j * inner;
        double sum = 0.0;
        for (int k = 0; k < inner; k++) {
          sum += a[aRow + k] * b[bRow + k];
        }
        c[i * cols + j] += sum;
      }
    }
  }

  /** {@code c[m][n] += a[rows][m]ᵀ · b[rows][n]}: the gradient of a weight from inputs and output grads. */
  static void transposedMulAdd(double[] a, int rows, int m, double[] b, int n, double[] c) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < m; i++) {
        double ari = a[r * m + i];
        if (ari == 0.0) {
          continue;
        }
        int cRow = i * n;
        int bRow = r * n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] += ari * b[bRow + j];
        }
      }
    }
  }

  /** {@code row i of x += bias} for every one of {@code rows} rows. */
  static void addRows(double[] x, int rows, double[] bias, int biasOff, int cols) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        x[i * cols + j] += bias[biasOff + j];
      }
    }
  }
}
