package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.fail;

import java.util.Map;

/** Shared helpers for block tests: build residual rows by direction, read them back, compare with names. */
public final class VectorAssert {
  private VectorAssert() {}

  /** A residual row with the given components and zero elsewhere. */
  public static double[] row(VectorSpace residual, Map<BasisDirection, Double> components) {
    double[] row = new double[residual.dims()];
    components.forEach((direction, value) -> {
      int position = residual.indexOf(direction);
      if (position < 0) {
        throw new IllegalArgumentException(direction + " is not in " + residual);
      }
      row[position] = value;
    });
    return row;
  }

  /** The components of {@code row} (over {@code residual}) on {@code space}. */
  public static double[] read(VectorSpace residual, double[] row, VectorSpace space) {
    return new VectorInBasis(residual, row).project(space).magnitudes();
  }

  public static double read(VectorSpace residual, double[] row, BasisDirection direction) {
    return row[residual.indexOf(direction)];
  }

  /** The direction of {@code space} with the largest component (the first one on ties). */
  public static BasisDirection argmax(VectorSpace residual, double[] row, VectorSpace space) {
    double[] values = read(residual, row, space);
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return space.direction(best);
  }

  /** Fails, naming every direction that differs by more than {@code tolerance}. */
  public static void assertClose(VectorSpace space, double[] actual, double[] expected, double tolerance) {
    StringBuilder differences = new StringBuilder();
    for (int i = 0; i < space.dims(); i++) {
      if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
        differences.append("\n  ").append(space.direction(i)).append(": expected ").append(expected[i])
            .append(" but was ").append(actual[i]);
      }
    }
    if (!differences.isEmpty()) {
      fail("Vectors differ by more than " + tolerance + ":" + differences);
    }
  }
}
