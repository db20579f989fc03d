package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A linear map between named spaces: {@code x ↦ x·matrix} for row vectors (tracr-reference.md §3.4).
 *
 * <p>{@code matrix} is row-major {@code [input.dims()][output.dims()]}: entry {@code (i, j)} sits at
 * {@code i * output.dims() + j}. The array is shared, not copied: do not change it after construction.
 *
 * @param input the input space (rows)
 * @param output the output space (columns)
 * @param matrix row-major weights, {@code input.dims() * output.dims()} entries
 */
public record Linear(VectorSpace input, VectorSpace output, double[] matrix) {

  public Linear {
    if (matrix.length != input.dims() * output.dims()) {
      throw new IllegalArgumentException("Matrix has " + matrix.length + " entries, expected "
          + input.dims() + "x" + output.dims() + " for " + input + " -> " + output);
    }
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
    double[] matrix = new double[from.dims() * to.dims()];
    int[] positions = from.indicesIn(to);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        matrix[i * to.dims() + positions[i]] = 1;
      }
    }
    return new Linear(from, to, matrix);
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
    VectorSpace input = VectorSpace.join(inputs);
    VectorSpace output = VectorSpace.join(outputs);
    double[] matrix = new double[input.dims() * output.dims()];
    for (Linear map : maps) {
      int[] rows = map.input.indicesIn(input);
      int[] columns = map.output.indicesIn(output);
      int width = map.output.dims();
      for (int i = 0; i < rows.length; i++) {
        int base = rows[i] * output.dims();
        for (int j = 0; j < width; j++) {
          matrix[base + columns[j]] += map.matrix[i * width + j];
        }
      }
    }
    return new Linear(input, output, matrix);
  }

  public static Builder builder(VectorSpace input, VectorSpace output) {
    return new Builder(input, output);
  }

  /** The weight from input direction {@code from} to output direction {@code to}. */
  public double get(BasisDirection from, BasisDirection to) {
    return matrix[row(from) * output.dims() + column(to)];
  }

  /** The image of {@code x}, which must live exactly in {@link #input}. */
  public VectorInBasis apply(VectorInBasis x) {
    if (!x.space().equals(input)) {
      throw new IllegalArgumentException("Vector space " + x.space() + " does not match input space " + input);
    }
    double[] result = new double[output.dims()];
    Dense.multiplyRow(x.magnitudes(), matrix, output.dims(), result);
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
        && Arrays.equals(matrix, linear.matrix);
  }

  @Override
  public int hashCode() {
    return (input.hashCode() * 31 + output.hashCode()) * 31 + Arrays.hashCode(matrix);
  }

  @Override
  public String toString() {
    return "Linear[" + input + " -> " + output + "]";
  }

  /** Fills a zero matrix entry by entry, by direction or by index; {@link #build} hands the array over. */
  public static final class Builder {
    private final VectorSpace input;
    private final VectorSpace output;
    private double[] matrix;

    private Builder(VectorSpace input, VectorSpace output) {
      this.input = input;
      this.output = output;
      this.matrix = new double[input.dims() * output.dims()];
    }

    /** Adds {@code weight} to the entry {@code (from, to)}; both directions must be in their spaces. */
    public Builder add(BasisDirection from, BasisDirection to, double weight) {
      int row = input.indexOf(from);
      int column = output.indexOf(to);
      if (row < 0 || column < 0) {
        throw new IllegalArgumentException("Entry (" + from + ", " + to + ") is outside " + input + " -> " + output);
      }
      matrix[row * output.dims() + column] += weight;
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
      double[] magnitudes = vector.magnitudes();
      for (int j = 0; j < magnitudes.length; j++) {
        matrix[row * output.dims() + j] += weight * magnitudes[j];
      }
      return this;
    }

    /** Adds {@code weight} to the entry at row {@code row}, column {@code column} of the sorted bases. */
    public Builder addAt(int row, int column, double weight) {
      matrix[row * output.dims() + column] += weight;
      return this;
    }

    /** Sets the entry at row {@code row}, column {@code column} of the sorted bases. */
    public Builder set(int row, int column, double weight) {
      matrix[row * output.dims() + column] = weight;
      return this;
    }

    public Linear build() {
      Linear built = new Linear(input, output, matrix);
      matrix = new double[matrix.length];
      return built;
    }
  }
}
