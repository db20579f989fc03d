package org.tracr4j.craft;

import java.util.Arrays;

/**
 * An immutable real matrix {@code [rows][cols]}, held either dense (row-major) or as its rows of stored
 * entries (compressed sparse rows, ascending columns), whichever it was made as; the other form is built on
 * first use. The constructions' tables are mostly one-hot (a lookup MLP of n values has n ones in an n x n
 * W2), so building them sparse saves allocating and zero-filling the whole square.
 *
 * <p>An entry is stored when its bits are not those of {@code +0.0}: {@code -0.0} is kept, so both forms
 * hold exactly the same numbers. {@link #equals} is {@link Arrays#equals(double[], double[])} of the dense
 * forms, whatever each matrix was made as.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  // At least one form is set at construction; the other is built on first use. Both are immutable once
  // published, so a race only builds one twice (the racy single-check idiom).
  private volatile double[] dense;
  private volatile Rows sparse;

  /**
   * The stored entries row by row: row {@code k}'s are at {@code rowStart[k] .. rowStart[k + 1] - 1} of
   * {@code columns} and {@code values}, columns ascending. Shared, not copied: do not change the arrays.
   */
  public record Rows(int[] rowStart, int[] columns, double[] values) {}

  private Matrix(int rows, int cols, double[] dense, Rows sparse) {
    this.rows = rows;
    this.cols = cols;
    this.dense = dense;
    this.sparse = sparse;
  }

  /** The row-major {@code values} as a matrix, shared, not copied. */
  public static Matrix dense(int rows, int cols, double[] values) {
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException("Matrix has " + values.length + " entries, expected " + rows + "x" + cols);
    }
    return new Matrix(rows, cols, values, null);
  }

  /**
   * The matrix of the stored {@code entries}, in the form {@link #sparse} gives (columns ascending within
   * each row, no {@code +0.0}); shared, not copied.
   */
  public static Matrix ofRows(int rows, int cols, Rows entries) {
    if (entries.rowStart().length != rows + 1 || entries.rowStart()[rows] != entries.values().length
        || entries.columns().length != entries.values().length) {
      throw new IllegalArgumentException("Rows of " + entries.values().length + " entries do not fit a " + rows
          + "x" + cols + " matrix");
    }
    return new Matrix(rows, cols, null, entries);
  }

  /** A builder of a {@code [rows][cols]} matrix, all zero until entries are set or added. */
  public static Builder builder(int rows, int cols) {
    return new Builder(rows, cols);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The row-major entries, {@code rows·cols} of them; shared, not copied: do not change the array. */
  public double[] dense() {
    double[] d = dense;
    if (d == null) {
      Rows s = sparse;
      d = new double[rows * cols];
      for (int k = 0; k < rows; k++) {
        for (int e = s.rowStart[k]; e < s.rowStart[k + 1]; e++) {
          d[k * cols + s.columns[e]] = s.values[e];
        }
      }
      dense = d;
    }
    return d;
  }

  /** The stored entries by row. */
  public Rows sparse() {
    Rows s = sparse;
    if (s == null) {
      double[] d = dense;
      int count = 0;
      for (double v : d) {
        if (stored(v)) {
          count++;
        }
      }
      int[] rowStart = new int[rows + 1];
      int[] columns = new int[count];
      double[] values = new double[count];
      int next = 0;
      for (int k = 0; k < rows; k++) {
        rowStart[k] = next;
        for (int j = 0; j < cols; j++) {
          double v = d[k * cols + j];
          if (stored(v)) {
            columns[next] = j;
            values[next++] = v;
          }
        }
      }
      rowStart[rows] = next;
      s = new Rows(rowStart, columns, values);
      sparse = s;
    }
    return s;
  }

  /** What {@link #forEachStored} hands each stored entry to. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(int row, int column, double value);
  }

  /**
   * Hands every stored entry (each but the {@code +0.0}s) to {@code consumer}, row by row, columns
   * ascending, from whichever form this matrix has (a dense one is not turned into rows for it).
   */
  public void forEachStored(EntryConsumer consumer) {
    Rows s = sparse;
    if (s != null) {
      for (int k = 0; k < rows; k++) {
        for (int e = s.rowStart[k]; e < s.rowStart[k + 1]; e++) {
          consumer.accept(k, s.columns[e], s.values[e]);
        }
      }
      return;
    }
    double[] d = dense;
    for (int k = 0; k < rows; k++) {
      for (int j = 0; j < cols; j++) {
        double v = d[k * cols + j];
        if (stored(v)) {
          consumer.accept(k, j, v);
        }
      }
    }
  }

  /** How many entries are stored (counted, for a dense matrix not yet turned into rows). */
  public int storedCount() {
    Rows s = sparse;
    if (s != null) {
      return s.values.length;
    }
    int count = 0;
    for (double v : dense) {
      if (stored(v)) {
        count++;
      }
    }
    return count;
  }

  /** Entry {@code (row, column)}. */
  public double get(int row, int column) {
    double[] d = dense;
    if (d != null) {
      return d[row * cols + column];
    }
    Rows s = sparse;
    int at = Arrays.binarySearch(s.columns, s.rowStart[row], s.rowStart[row + 1], column);
    return at >= 0 ? s.values[at] : 0.0;
  }

  private static boolean stored(double v) {
    return Double.doubleToRawLongBits(v) != 0L;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Matrix m) || m.rows != rows || m.cols != cols) {
      return false;
    }
    double[] mine = dense;
    double[] theirs = m.dense;
    if (mine != null && theirs != null) {
      return Arrays.equals(mine, theirs);
    }
    Rows a = sparse();
    Rows b = m.sparse();
    return Arrays.equals(a.rowStart, b.rowStart) && Arrays.equals(a.columns, b.columns)
        && Arrays.equals(a.values, b.values);
  }

  @Override
  public int hashCode() {
    Rows s = sparse();
    return (rows * 31 + cols) * 31 + Arrays.hashCode(s.columns) * 31 + Arrays.hashCode(s.values);
  }

  /**
   * Sets and adds entries in any order; {@link #build} replays them per entry in the order given (each
   * entry starts at {@code +0.0}; {@code add} adds to it, {@code set} replaces it), so the result is what
   * the same calls on a zero dense array give, bit for bit. Memory grows with the calls, not the size, until
   * the calls would take half the room of the dense array (a comparison's W_QK sets half its entries):
   * then the builder replays them into the dense array and writes there.
   */
  public static final class Builder {
    private final int rows;
    private final int cols;
    private long[] keys;
    private double[] weights;
    private boolean[] replaces;
    private int size;
    private double[] dense;

    private Builder(int rows, int cols) {
      if ((long) rows * cols > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("A " + rows + "x" + cols + " matrix does not fit in a Java array");
      }
      this.rows = rows;
      this.cols = cols;
      if (rows * cols <= SMALL) {
        dense = new double[rows * cols]; // smaller than the calls' arrays would be
      } else {
        keys = new long[16];
        weights = new double[16];
        replaces = new boolean[16];
      }
    }

    /** Matrices of at most this many entries are written dense from the start (a call takes 17 bytes). */
    private static final int SMALL = 64;

    /** Adds {@code weight} to entry {@code (row, column)}. */
    public Builder add(int row, int column, double weight) {
      return record(row, column, weight, false);
    }

    /** Sets entry {@code (row, column)} to {@code weight}. */
    public Builder set(int row, int column, double weight) {
      return record(row, column, weight, true);
    }

    /** Sets entries {@code (row, from) .. (row, to - 1)} to {@code weight}: the same as that many {@link #set}s. */
    public Builder setRun(int row, int from, int to, double weight) {
      if (from < 0 || to > cols || from > to) {
        throw new IndexOutOfBoundsException("Columns " + from + ".." + to + " are outside " + rows + "x" + cols);
      }
      while (from < to && dense == null) {
        record(row, from++, weight, true);
      }
      if (from < to) {
        if (row < 0 || row >= rows) {
          throw new IndexOutOfBoundsException("Row " + row + " is outside " + rows + "x" + cols);
        }
        Arrays.fill(dense, row * cols + from, row * cols + to, weight);
      }
      return this;
    }

    /**
     * Says that at least {@code calls} more {@code set}/{@code add} calls follow. When that many would turn
     * this builder dense anyway, it turns dense now instead of recording calls to replay them later: the
     * result is the same.
     */
    public Builder reserve(long calls) {
      if (dense == null) {
        long capacity = keys.length;
        while (!outgrown(capacity)) {
          capacity *= 2;
        }
        // The builder turns dense on the call after the one that fills the first outgrown capacity.
        if (size + calls > capacity) {
          becomeDense();
        }
      }
      return this;
    }

    /**
     * A call takes 17 bytes, a dense entry 8: once the calls would outgrow half the dense array's room (past
     * an eighth of its entries), the builder becomes it. A one-hot table of n x n stays n calls.
     */
    private boolean outgrown(long calls) {
      return 2L * calls > (long) rows * cols / 8;
    }

    private void becomeDense() {
      dense = new double[rows * cols];
      for (int i = 0; i < size; i++) {
        int at = (int) keys[i];
        dense[at] = replaces[i] ? weights[i] : dense[at] + weights[i];
      }
      keys = null;
      weights = null;
      replaces = null;
    }

    private Builder record(int row, int column, double weight, boolean replace) {
      if (row < 0 || row >= rows || column < 0 || column >= cols) {
        throw new IndexOutOfBoundsException("Entry (" + row + ", " + column + ") is outside " + rows + "x" + cols);
      }
      int key = row * cols + column;
      if (dense != null) {
        dense[key] = replace ? weight : dense[key] + weight;
        return this;
      }
      if (size == keys.length) {
        if (outgrown(size)) {
          becomeDense();
          return record(row, column, weight, replace);
        }
        keys = Arrays.copyOf(keys, size * 2);
        weights = Arrays.copyOf(weights, size * 2);
        replaces = Arrays.copyOf(replaces, size * 2);
      }
      keys[size] = key;
      weights[size] = weight;
      replaces[size++] = replace;
      return this;
    }

    /** The matrix: dense when most of it was written, else its stored entries only. */
    public Matrix build() {
      if (dense != null) {
        return Matrix.dense(rows, cols, dense);
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
          Arrays.sort(order);
        }
      }
      int[] rowStart = new int[rows + 1];
      int[] columns = new int[size];
      double[] values = new double[size];
      int count = 0;
      for (int i = 0; i < size;) {
        long key = keys[call(order, i)];
        double v = 0.0;
        for (; i < size && keys[call(order, i)] == key; i++) {
          int call = call(order, i);
          v = replaces[call] ? weights[call] : v + weights[call];
        }
        if (stored(v)) {
          columns[count] = (int) (key % cols);
          values[count++] = v;
          rowStart[(int) (key / cols) + 1]++;
        }
      }
      for (int k = 0; k < rows; k++) {
        rowStart[k + 1] += rowStart[k];
      }
      return new Matrix(rows, cols, null, new Rows(rowStart, Arrays.copyOf(columns, count),
          Arrays.copyOf(values, count)));
    }

    /** The index of the i-th call in entry order. */
    private static int call(long[] order, int i) {
      return order == null ? i : (int) (order[i] & 0x7FFF_FFFFL);
    }
  }
}
