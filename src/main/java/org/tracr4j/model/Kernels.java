package org.tracr4j.model;

/**
 * The numeric kernels of the forward pass, on row-major {@code double[]} slices. Plain scalar loops in the
 * cache-friendly i-k-j order; every output is fully overwritten unless the name says "add".
 *
 * <p>The forward pass uses the {@link SparseMatrix} kernels; the dense ones are their reference (the tests
 * check that both agree). Each output entry is summed in the same order by both, over the same terms except
 * those that are exactly 0, so the results are the same doubles (a zero may differ in sign only when a bias
 * is -0.0). Nothing depends on the other sequences of a batch, so outputs do not depend on how a batch is
 * split between threads either.
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

  /**
   * Lists, for each row {@code i} of {@code a[rows][cols]}, its columns among {@code columns} (ascending) whose
   * entry is not 0: {@code count[i]} of them, at {@code index[i·cols ..]}. The other columns of {@code a} must
   * be 0 or never read.
   */
  static void nonzeros(double[] a, int rows, int cols, int[] columns, int[] index, int[] count) {
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      int n = 0;
      for (int k : columns) {
        if (a[row + k] != 0.0) {
          index[row + n++] = k;
        }
      }
      count[i] = n;
    }
  }

  /**
   * {@code c[rows][b.cols] += a[rows][b.rows] · b}, where {@code index} and {@code count} list the nonzero
   * entries of {@code a} ({@link #nonzeros}): for each, row {@code k} of {@code b}'s nonzero entries.
   */
  static void matmulAdd(double[] a, int[] index, int[] count, SparseMatrix b, double[] c, int rows) {
    int inner = b.rows();
    int cols = b.cols();
    int[] rowStart = b.rowStart();
    int[] columns = b.columns();
    double[] values = b.values();
    for (int i = 0; i < rows; i++) {
      int cRow = i * cols;
      int aRow = i * inner;
      for (int n = aRow; n < aRow + count[i]; n++) {
        int k = index[n];
        double aik = a[aRow + k];
        for (int e = rowStart[k]; e < rowStart[k + 1]; e++) {
          c[cRow + columns[e]] += aik * values[e];
        }
      }
    }
  }

  /**
   * {@code c[i][j] = values[offset + j]} for every row {@code i} of {@code c[rows][cols]} and every {@code j}
   * in {@code columns}; the other columns are left as they are.
   */
  static void fillColumns(double[] c, int rows, int cols, double[] values, int offset, int[] columns) {
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      for (int j : columns) {
        c[row + j] = values[offset + j];
      }
    }
  }

  /** {@code x[i][j] += y[i][j]} on the columns {@code columns} of {@code [rows][cols]}. */
  static void addColumns(double[] x, double[] y, int rows, int cols, int[] columns) {
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      for (int j : columns) {
        x[row + j] += y[row + j];
      }
    }
  }

  /** {@code x[i][j] = max(x[i][j], 0)} on the columns {@code columns} of {@code [rows][cols]}. */
  static void reluColumns(double[] x, int rows, int cols, int[] columns) {
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      for (int j : columns) {
        if (x[row + j] < 0.0) {
          x[row + j] = 0.0;
        }
      }
    }
  }

  /**
   * {@code c[rows][cols] = scale · a[rows][inner] · b[cols][inner]ᵀ} summed over the components {@code used}
   * only (the others must be 0 in {@code a} or in {@code b}). Each entry sums, in ascending order, over the
   * nonzero components of whichever of its two rows has fewer: a categorical query row may have hundreds
   * (a comparison's table row), its key rows one. {@code scratch} holds at least {@code (rows + cols) ·
   * used.length} entries.
   */
  static void matmulTransposed(double[] a, double[] b, double[] c, int rows, int inner, int cols,
      double scale, int[] used, int[] scratch) {
    int width = used.length;
    int[] countA = nonzeroComponents(a, rows, inner, used, scratch, 0);
    int[] countB = nonzeroComponents(b, cols, inner, used, scratch, rows * width);
    for (int i = 0; i < rows; i++) {
      int aRow = i * inner;
      for (int j = 0; j < cols; j++) {
        int bRow = j * inner;
        boolean fromA = countA[i] <= countB[j];
        int list = fromA ? i * width : (rows + j) * width;
        int count = fromA ? countA[i] : countB[j];
        double sum = 0.0;
        for (int n = list; n < list + count; n++) {
          int k = scratch[n];
          sum += a[aRow + k] * b[bRow + k];
        }
        c[i * cols + j] = sum * scale;
      }
    }
  }

  /**
   * Writes, for each row {@code r} of {@code x[rows][inner]}, its components among {@code used} that are
   * not 0, ascending, to {@code lists[offset + r·used.length ..]}; returns how many each row has.
   */
  private static int[] nonzeroComponents(double[] x, int rows, int inner, int[] used, int[] lists,
      int offset) {
    int[] counts = new int[rows];
    for (int r = 0; r < rows; r++) {
      int start = offset + r * used.length;
      int count = 0;
      for (int k : used) {
        if (x[r * inner + k] != 0.0) {
          lists[start + count++] = k;
        }
      }
      counts[r] = count;
    }
    return counts;
  }

  /**
   * {@code c[rows][cols] = a[rows][inner] · b[inner][cols]} on the columns {@code used} only; the other
   * columns of {@code c} are left as they are (the caller never reads them).
   */
  static void matmulColumns(double[] a, double[] b, double[] c, int rows, int inner, int cols, int[] used) {
    for (int i = 0; i < rows; i++) {
      int cRow = i * cols;
      for (int j : used) {
        c[cRow + j] = 0.0;
      }
      for (int k = 0; k < inner; k++) {
        double aik = a[i * inner + k];
        if (aik == 0.0) {
          continue;
        }
        int bRow = k * cols;
        for (int j : used) {
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
