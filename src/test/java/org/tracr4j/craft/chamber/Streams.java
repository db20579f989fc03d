package org.tracr4j.craft.chamber;

import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorSpace;

/** Residual rows for construction tests. */
final class Streams {
  static final BasisDirection ONE = new BasisDirection("one");
  static final BasisDirection BOS = new BasisDirection("tokens", "compiler_bos");

  private Streams() {}

  /** A row of {@code residual} with 1 on each given direction. */
  static double[] hot(VectorSpace residual, BasisDirection... directions) {
    double[] row = new double[residual.dims()];
    for (BasisDirection direction : directions) {
      int position = residual.indexOf(direction);
      if (position < 0) {
        throw new IllegalArgumentException(direction + " is not in " + residual);
      }
      row[position] += 1;
    }
    return row;
  }

  /** The BOS row: bos and one. */
  static double[] bos(VectorSpace residual) {
    return hot(residual, BOS, ONE);
  }

  /** Sets {@code direction} to {@code value} in {@code row} and returns the row. */
  static double[] with(VectorSpace residual, double[] row, BasisDirection direction, double value) {
    row[residual.indexOf(direction)] = value;
    return row;
  }
}
