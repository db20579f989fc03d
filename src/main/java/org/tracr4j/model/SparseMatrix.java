package org.tracr4j.model;

/**
 * A matrix {@code [rows][cols]} that keeps, row by row, only its nonzero entries, in ascending column order
 * (compressed sparse rows). Compiled weights are mostly zeros: a head reads a few residual directions and
 * writes a few, so most rows of W_Q, W_K, W_V and W_U, and most entries of the rest, are 0.
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param rowStart {@code rows + 1} offsets: row {@code k}'s entries are at {@code rowStart[k] ..
 *     rowStart[k + 1] - 1} of {@code columns} and {@code values}
 * @param columns the column of each kept entry
 * @param values the value of each kept entry, never 0
 */
record SparseMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {

  /** The nonzero entries of the row-major block {@code dense[offset .. offset + rows·cols - 1]}. */
  static SparseMatrix of(double[] dense, int offset, int rows, int cols) {
    int count = 0;
    for (int i = offset; i < offset + rows * cols; i++) {
      if (dense[i] != 0.0) {
        count++;
      }
    }
    int[] rowStart = new int[rows + 1];
    int[] columns = new int[count];
    double[] values = new double[count];
    int next = 0;
    for (int k = 0; k < rows; k++) {
      rowStart[k] = next;
      int row = offset + k * cols;
      for (int j = 0; j < cols; j++) {
        double v = dense[row + j];
        if (v != 0.0) {
          columns[next] = j;
          values[next++] = v;
        }
      }
    }
    rowStart[rows] = next;
    return new SparseMatrix(rows, cols, rowStart, columns, values);
  }

  /** This matrix with the entries outside the columns {@code keep} left out. */
  SparseMatrix keepColumns(boolean[] keep) {
    int[] newStart = new int[rows + 1];
    int count = 0;
    for (int e = 0; e < columns.length; e++) {
      if (keep[columns[e]]) {
        count++;
      }
    }
    int[] newColumns = new int[count];
    double[] newValues = new double[count];
    int next = 0;
    for (int k = 0; k < rows; k++) {
      newStart[k] = next;
      for (int e = rowStart[k]; e < rowStart[k + 1]; e++) {
        if (keep[columns[e]]) {
          newColumns[next] = columns[e];
          newValues[next++] = values[e];
        }
      }
    }
    newStart[rows] = next;
    return new SparseMatrix(rows, cols, newStart, newColumns, newValues);
  }

  /** Whether every entry is 0. */
  boolean isZero() {
    return values.length == 0;
  }

  /** {@code used[j]} is true when column {@code j} holds a nonzero entry in some row. */
  boolean[] usedColumns() {
    boolean[] used = new boolean[cols];
    for (int column : columns) {
      used[column] = true;
    }
    return used;
  }

  /** {@code used[k]} is true when row {@code k} holds a nonzero entry. */
  boolean[] usedRows() {
    boolean[] used = new boolean[rows];
    for (int k = 0; k < rows; k++) {
      used[k] = rowUsed(k);
    }
    return used;
  }

  /** Whether row {@code k} holds a nonzero entry. */
  boolean rowUsed(int k) {
    return rowStart[k + 1] > rowStart[k];
  }
}
