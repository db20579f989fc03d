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

  /**
   * Sets and adds entries in any order, holding only those; {@link #build} gives what the same calls on a
   * zero dense block give (per entry from {@code +0.0}, in call order: {@code add} adds, {@code set}
   * replaces), its zeros (of either sign) left out. An add of 0, or a first call of weight 0 on an entry,
   * changes no entry that ends up nonzero, so it is dropped. While the calls come in row-major order, each
   * on a new entry (as the compiler writes), they are the rows themselves; the first call out of order turns
   * them into a list of calls that {@link #build} sorts.
   */
  static final class Builder {
    private final int rows;
    private final int cols;
    // In order: the entries so far, as CSR without the row starts (counts per row instead).
    private int[] rowCount;
    private int[] columns = new int[8];
    private double[] values = new double[8];
    private long last = -1;
    // Out of order: every call, replayed by build.
    private long[] keys;
    private boolean[] replaces;
    private int size;

    Builder(int rows, int cols) {
      this.rows = rows;
      this.cols = cols;
      this.rowCount = new int[rows];
    }

    void add(int row, int column, double weight) {
      record(row, column, weight, false);
    }

    void set(int row, int column, double weight) {
      record(row, column, weight, true);
    }

    private void record(int row, int column, double weight, boolean replace) {
      if (row < 0 || row >= rows || column < 0 || column >= cols) {
        throw new IndexOutOfBoundsException("Entry (" + row + ", " + column + ") is outside " + rows + "x" + cols);
      }
      long key = (long) row * cols + column;
      if (weight == 0.0 && (keys == null && key > last || !replace)) {
        return; // adds nothing, or sets a new entry to zero
      }
      if (keys == null && key <= last) {
        toCalls();
      }
      if (size == columns.length) {
        grow(size * 2);
      }
      values[size] = weight;
      if (keys == null) {
        // A first call on an entry: add and set both give the weight.
        columns[size++] = column;
        rowCount[row]++;
        last = key;
      } else {
        keys[size] = key;
        replaces[size++] = replace;
      }
    }

    /** The entries so far as calls, each an add of its value in entry order. */
    private void toCalls() {
      keys = new long[columns.length];
      replaces = new boolean[columns.length];
      int call = 0;
      for (int k = 0; k < rows; k++) {
        for (int e = 0; e < rowCount[k]; e++, call++) {
          keys[call] = (long) k * cols + columns[call];
        }
      }
      rowCount = null;
    }

    private void grow(int capacity) {
      columns = java.util.Arrays.copyOf(columns, capacity);
      values = java.util.Arrays.copyOf(values, capacity);
      if (keys != null) {
        keys = java.util.Arrays.copyOf(keys, capacity);
        replaces = java.util.Arrays.copyOf(replaces, capacity);
      }
    }

    /** Room for {@code more} calls beyond those made, so that a writer that knows its count copies nothing. */
    void reserve(int more) {
      if (columns.length - size < more) {
        grow(Math.max(size + more, 8));
      }
    }

    SparseMatrix build() {
      int[] rowStart = new int[rows + 1];
      if (keys == null) {
        for (int k = 0; k < rows; k++) {
          rowStart[k + 1] = rowStart[k] + rowCount[k];
        }
        return new SparseMatrix(rows, cols, rowStart, trim(columns, size), trim(values, size));
      }
      // Order the calls by entry, keeping their order within an entry (the call index breaks ties), unless
      // they came so: entry < 2^31 and call < 2^31 pack into one long.
      long[] order = null;
      for (int i = 1; i < size && order == null; i++) {
        if (keys[i] < keys[i - 1]) {
          order = new long[size];
          for (int c = 0; c < size; c++) {
            order[c] = keys[c] << 31 | c;
          }
          java.util.Arrays.sort(order);
        }
      }
      int[] entryColumns = new int[size];
      double[] entryValues = new double[size];
      int count = 0;
      for (int i = 0; i < size;) {
        long key = keys[call(order, i)];
        double v = 0.0;
        for (; i < size && keys[call(order, i)] == key; i++) {
          int call = call(order, i);
          v = replaces[call] ? values[call] : v + values[call];
        }
        if (v != 0.0) {
          entryColumns[count] = (int) (key % cols);
          entryValues[count++] = v;
          rowStart[(int) (key / cols) + 1]++;
        }
      }
      for (int k = 0; k < rows; k++) {
        rowStart[k + 1] += rowStart[k];
      }
      return new SparseMatrix(rows, cols, rowStart, trim(entryColumns, count), trim(entryValues, count));
    }

    /** The index of the i-th call in entry order. */
    private static int call(long[] order, int i) {
      return order == null ? i : (int) (order[i] & 0x7FFF_FFFFL);
    }

    private static int[] trim(int[] array, int length) {
      return array.length == length ? array : java.util.Arrays.copyOf(array, length);
    }

    private static double[] trim(double[] array, int length) {
      return array.length == length ? array : java.util.Arrays.copyOf(array, length);
    }
  }

  /** Writes this matrix into the zero row-major block {@code dense[offset ..]} of {@code cols} columns. */
  void scatterInto(double[] dense, int offset) {
    for (int k = 0; k < rows; k++) {
      for (int e = rowStart[k]; e < rowStart[k + 1]; e++) {
        dense[offset + k * cols + columns[e]] = values[e];
      }
    }
  }
}
