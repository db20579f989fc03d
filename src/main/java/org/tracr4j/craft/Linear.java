package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A linear map between named spaces: {@code x ↦ x·matrix} for row vectors (tracr-reference.md §3.4).
 *
 * <p>The weights are a {@link Matrix} {@code [input.dims()][output.dims()]}: entry {@code (i, j)} maps input
 * direction i to output direction j. {@link #builder} and {@link #project} hold only the entries they set
 * (the constructions' tables are mostly zeros); {@link #matrix} gives the dense row-major form.
 */
public final class Linear {
  private final VectorSpace input;
  private final VectorSpace output;
  private final Matrix weights;

  /**
   * @param input the input space (rows)
   * @param output the output space (columns)
   * @param matrix row-major weights, {@code input.dims() * output.dims()} entries; shared, not copied
   */
  public Linear(VectorSpace input, VectorSpace output, double[] matrix) {
    this(input, output, checked(input, output, matrix));
  }

  private static Matrix checked(VectorSpace input, VectorSpace output, double[] matrix) {
    if (matrix.length != input.dims() * output.dims()) {
      throw new IllegalArgumentException("Matrix has " + matrix.length + " entries, expected "
          + input.dims() + "x" + output.dims() + " for " + input + " -> " + output);
    }
    return Matrix.dense(input.dims(), output.dims(), matrix);
  }

  /** The map with {@code weights} {@code [input.dims()][output.dims()]}. */
  public Linear(VectorSpace input, VectorSpace output, Matrix weights) {
    if (weights.rows() != input.dims() || weights.cols() != output.dims()) {
      throw new IllegalArgumentException("Matrix is " + weights.rows() + "x" + weights.cols() + ", expected "
          + input.dims() + "x" + output.dims() + " for " + input + " -> " + output);
    }
    this.input = input;
    this.output = output;
    this.weights = weights;
  }

  /** The input space (rows). */
  public VectorSpace input() {
    return input;
  }

  /** The output space (columns). */
  public VectorSpace output() {
    return output;
  }

  /** The weights. */
  public Matrix weights() {
    return weights;
  }

  /**
   * The row-major weights, {@code input.dims() * output.dims()} entries: entry {@code (i, j)} at {@code i *
   * output.dims() + j}. Shared, not copied: do not change the array.
   */
  public double[] matrix() {
    return weights.dense();
  }

  /** Builds the matrix row by row: row {@code d} is {@code action(d)}, a vector of {@code output}. */
  public static Linear fromAction(
      VectorSpace input, VectorSpace output, Function<BasisDirection, VectorInBasis> action) {
    int columns = output.dims();
    double[] matrix = new double[input.dims() * columns];
    for (int i = 0; i < input.dims(); i++) {
      VectorInBasis row = action.apply(input.direction(i));
      if (!row.space().equals(output)) {
        throw new IllegalArgumentException(
            "Action result lives in " + row.space() + ", expected output space " + output);
      }
      System.arraycopy(row.magnitudes(), 0, matrix, i * columns, columns);
    }
    return new Linear(input, output, matrix);
  }

  /** Maps each direction of {@code from} to the same direction of {@code to}, or to zero if absent. */
  public static Linear project(VectorSpace from, VectorSpace to) {
    Matrix.Builder matrix = Matrix.builder(from.dims(), to.dims());
    int[] positions = from.indicesIn(to);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        matrix.set(i, positions[i], 1);
      }
    }
    return new Linear(from, to, matrix.build());
  }

  public static Linear identity(VectorSpace space) {
    return project(space, space);
  }

  /**
   * One map from the sorted union of the inputs to the sorted union of the outputs, whose row for a
   * direction {@code x} is the <b>sum</b> of every map's row for {@code x} (coinciding outputs add up, as in
   * Tracr).
   */
  public static Linear combineInParallel(List<Linear> maps) {
    List<VectorSpace> inputs = new ArrayList<>(maps.size());
    List<VectorSpace> outputs = new ArrayList<>(maps.size());
    for (Linear map : maps) {
      inputs.add(map.input);
      outputs.add(map.output);
    }
    return combineInParallel(maps, VectorSpace.join(inputs), VectorSpace.join(outputs));
  }

  /**
   * {@link #combineInParallel(List)} with the unions already joined ({@link Mlp} joins its hidden spaces
   * once for both layers).
   */
  static Linear combineInParallel(List<Linear> maps, VectorSpace input, VectorSpace output) {
    int[][] rows = new int[maps.size()][];
    int[][] columns = new int[maps.size()][];
    long stored = 0;
    for (int m = 0; m < maps.size(); m++) {
      Linear map = maps.get(m);
      rows[m] = positions(map.input, input);
      columns[m] = positions(map.output, output);
      stored += map.weights.storedCount();
    }
    // Each entry is the sum, in map order, of the maps' entries added to +0.0: the same bits whether the
    // sum is taken in a dense array, by a builder or (one map per row) copied row by row. Dense when the
    // entries fill an eighth of it (where a builder would turn dense too), else only the entries.
    if (stored * 8 >= (long) input.dims() * output.dims()) {
      return new Linear(input, output, sumDense(maps, rows, columns, input.dims(), output.dims()));
    }
    Linear byRows = copyRows(maps, rows, columns, input, output, (int) stored);
    if (byRows != null) {
      return byRows;
    }
    Matrix.Builder matrix = Matrix.builder(input.dims(), output.dims());
    for (int m = 0; m < maps.size(); m++) {
      int[] mapRows = rows[m];
      int[] mapColumns = columns[m];
      maps.get(m).weights.forEachStored(
          (row, column, value) -> matrix.add(mapRows[row], mapColumns[column], value));
    }
    return new Linear(input, output, matrix.build());
  }

  private static double[] sumDense(List<Linear> maps, int[][] rows, int[][] columns, int height, int width) {
    double[] matrix = new double[height * width];
    for (int m = 0; m < maps.size(); m++) {
      int[] mapRows = rows[m];
      int[] mapColumns = columns[m];
      maps.get(m).weights.forEachStored(
          (row, column, value) -> matrix[mapRows[row] * width + mapColumns[column]] += value);
    }
    return matrix;
  }

  /**
   * The combination when each row of the union comes from one map and every map's columns keep their order
   * in the union (an MLP's second layers, whose hidden neurons differ): the maps' stored rows copied in
   * order. {@code null} otherwise.
   */
  private static Linear copyRows(List<Linear> maps, int[][] rows, int[][] columns, VectorSpace input,
      VectorSpace output, int stored) {
    int[] owner = new int[input.dims()];
    int[] ownerRow = new int[input.dims()];
    Arrays.fill(owner, -1);
    for (int m = 0; m < maps.size(); m++) {
      for (int i = 0; i < rows[m].length; i++) {
        if (owner[rows[m][i]] >= 0) {
          return null;
        }
        owner[rows[m][i]] = m;
        ownerRow[rows[m][i]] = i;
      }
      for (int j = 1; j < columns[m].length; j++) {
        if (columns[m][j] <= columns[m][j - 1]) {
          return null;
        }
      }
    }
    RowsBuilder matrix = rowsBuilder(input, output, stored);
    for (int row = 0; row < owner.length; row++) {
      if (owner[row] < 0) {
        continue;
      }
      Matrix.Rows entries = maps.get(owner[row]).weights.sparse();
      int[] mapColumns = columns[owner[row]];
      for (int e = entries.rowStart()[ownerRow[row]]; e < entries.rowStart()[ownerRow[row] + 1]; e++) {
        matrix.add(row, mapColumns[entries.columns()[e]], entries.values()[e]);
      }
    }
    return matrix.build();
  }

  /**
   * The position in {@code union} of each direction of {@code part}, a space joined into it: the same
   * space, or a subsequence of its sorted basis, found by one walk comparing references (a join keeps the
   * directions it is given) before equality.
   */
  private static int[] positions(VectorSpace part, VectorSpace union) {
    int[] positions = new int[part.dims()];
    if (part == union) {
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i;
      }
      return positions;
    }
    int j = 0;
    int size = union.dims();
    for (int i = 0; i < positions.length; i++) {
      BasisDirection direction = part.direction(i);
      while (j < size && union.direction(j) != direction && !union.direction(j).equals(direction)) {
        j++;
      }
      if (j == size) {
        // Not in basis order after all (directions that compare as equal without being equal): look up.
        return part.embeddingInto(union);
      }
      positions[i] = j++;
    }
    return positions;
  }

  public static Builder builder(VectorSpace input, VectorSpace output) {
    return new Builder(input, output);
  }

  /**
   * A builder for entries given in order, row by row and columns ascending, each entry at most once; room
   * for {@code capacity} entries to start with.
   */
  public static RowsBuilder rowsBuilder(VectorSpace input, VectorSpace output, int capacity) {
    return new RowsBuilder(input, output, capacity);
  }

  /** The weight from input direction {@code from} to output direction {@code to}. */
  public double get(BasisDirection from, BasisDirection to) {
    return weights.get(row(from), column(to));
  }

  /** The image of {@code x}, which must live exactly in {@link #input}. */
  public VectorInBasis apply(VectorInBasis x) {
    if (!x.space().equals(input)) {
      throw new IllegalArgumentException("Vector space " + x.space() + " does not match input space " + input);
    }
    double[] result = new double[output.dims()];
    Dense.multiplyRow(x.magnitudes(), matrix(), output.dims(), result);
    return new VectorInBasis(output, result);
  }

  private int row(BasisDirection direction) {
    int position = input.indexOf(direction);
    if (position < 0) {
      throw new IllegalArgumentException("Direction " + direction + " is not in input space " + input);
    }
    return position;
  }

  private int column(BasisDirection direction) {
    int position = output.indexOf(direction);
    if (position < 0) {
      throw new IllegalArgumentException("Direction " + direction + " is not in output space " + output);
    }
    return position;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Linear linear && input.equals(linear.input) && output.equals(linear.output)
        && weights.equals(linear.weights);
  }

  @Override
  public int hashCode() {
    return (input.hashCode() * 31 + output.hashCode()) * 31 + weights.hashCode();
  }

  @Override
  public String toString() {
    return "Linear[" + input + " -> " + output + "]";
  }

  /**
   * Fills a zero matrix entry by entry, by direction or by index, holding only the entries given; {@link
   * #build} hands them over. Use each builder once.
   */
  public static final class Builder {
    private final VectorSpace input;
    private final VectorSpace output;
    private Matrix.Builder matrix;

    private Builder(VectorSpace input, VectorSpace output) {
      this.input = input;
      this.output = output;
      this.matrix = Matrix.builder(input.dims(), output.dims());
    }

    /** Adds {@code weight} to the entry {@code (from, to)}; both directions must be in their spaces. */
    public Builder add(BasisDirection from, BasisDirection to, double weight) {
      int row = input.indexOf(from);
      int column = output.indexOf(to);
      if (row < 0 || column < 0) {
        throw new IllegalArgumentException("Entry (" + from + ", " + to + ") is outside " + input + " -> " + output);
      }
      matrix().add(row, column, weight);
      return this;
    }

    /** Adds {@code weight} times {@code vector} (a vector of the output space) to the row of {@code from}. */
    public Builder addRow(BasisDirection from, VectorInBasis vector, double weight) {
      if (!vector.space().equals(output)) {
        throw new IllegalArgumentException("Row vector lives in " + vector.space() + ", expected " + output);
      }
      int row = input.indexOf(from);
      if (row < 0) {
        throw new IllegalArgumentException("Direction " + from + " is not in input space " + input);
      }
      return addToRow(row, vector, weight);
    }

    /** {@link #addRow} at row {@code row} of the sorted input basis. */
    public Builder addRowAt(int row, VectorInBasis vector, double weight) {
      if (!vector.space().equals(output)) {
        throw new IllegalArgumentException("Row vector lives in " + vector.space() + ", expected " + output);
      }
      return addToRow(row, vector, weight);
    }

    /** Adds {@code weight} times {@code vector}, already checked to be of the output space, to row {@code row}. */
    private Builder addToRow(int row, VectorInBasis vector, double weight) {
      double[] magnitudes = vector.magnitudes();
      for (int j = 0; j < magnitudes.length; j++) {
        matrix().add(row, j, weight * magnitudes[j]);
      }
      return this;
    }

    /** Adds {@code weight} to the entry at row {@code row}, column {@code column} of the sorted bases. */
    public Builder addAt(int row, int column, double weight) {
      matrix().add(row, column, weight);
      return this;
    }

    /** Sets the entry at row {@code row}, column {@code column} of the sorted bases. */
    public Builder set(int row, int column, double weight) {
      matrix().set(row, column, weight);
      return this;
    }

    private Matrix.Builder matrix() {
      if (matrix == null) {
        throw new IllegalStateException("this builder has already built its map");
      }
      return matrix;
    }

    public Linear build() {
      Linear built = new Linear(input, output, matrix().build());
      matrix = null;
      return built;
    }
  }

  /**
   * Fills a zero matrix from entries given in order (row by row, columns ascending, each entry at most once)
   * straight into its stored rows: no per-entry bookkeeping, sorting or division, as {@link Builder} needs
   * for entries in any order. Each weight is added to {@code +0.0}, as {@link Builder#add} does, so the two
   * give the same bits. Use each builder once.
   */
  public static final class RowsBuilder {
    private final VectorSpace input;
    private final VectorSpace output;
    private final int height;
    private final int width;
    private final int[] rowStart;
    private int[] columns;
    private double[] values;
    private int size;
    /** The row of the last entry, whose start and those before are filled in. */
    private int row;
    private int lastColumn = -1;

    private RowsBuilder(VectorSpace input, VectorSpace output, int capacity) {
      this.input = input;
      this.output = output;
      this.height = input.dims();
      this.width = output.dims();
      this.rowStart = new int[height + 1];
      this.columns = new int[Math.max(capacity, 1)];
      this.values = new double[Math.max(capacity, 1)];
    }

    /** Sets entry {@code (row, column)} of the sorted bases, which must come after the last one given. */
    public RowsBuilder add(int row, int column, double weight) {
      if (row < this.row || row == this.row && column <= lastColumn || row >= height || column < 0
          || column >= width) {
        throw new IllegalArgumentException("Entry (" + row + ", " + column + ") is out of order or outside "
            + height + "x" + width);
      }
      for (; this.row < row; this.row++) {
        rowStart[this.row + 1] = size;
      }
      lastColumn = column;
      double value = 0.0 + weight;
      if (Double.doubleToRawLongBits(value) == 0L) {
        return this; // +0.0 is not stored
      }
      if (size == values.length) {
        columns = Arrays.copyOf(columns, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      columns[size] = column;
      values[size++] = value;
      return this;
    }

    public Linear build() {
      if (values == null) {
        throw new IllegalStateException("this builder has already built its map");
      }
      for (; row < height; row++) {
        rowStart[row + 1] = size;
      }
      Matrix.Rows rows = new Matrix.Rows(rowStart, size == columns.length ? columns : Arrays.copyOf(columns, size),
          size == values.length ? values : Arrays.copyOf(values, size));
      values = null;
      return new Linear(input, output, Matrix.ofRows(height, width, rows));
    }
  }
}
