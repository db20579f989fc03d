package org.tracr4j.craft;

import java.util.Arrays;

/**
 * A vector with its space: {@code magnitudes[i]} is the component along {@code space.direction(i)}.
 * Arithmetic requires identical spaces; the array is not copied and must not be changed after construction.
 *
 * @param space the space the vector lives in
 * @param magnitudes one entry per basis direction, in basis order
 */
public record VectorInBasis(VectorSpace space, double[] magnitudes) {

  public VectorInBasis {
    if (magnitudes.length != space.dims()) {
      throw new IllegalArgumentException("Vector has " + magnitudes.length + " magnitudes but space "
          + space + " has " + space.dims() + " dimensions");
    }
  }

  /** The component along {@code direction}, which must be in the space. */
  public double get(BasisDirection direction) {
    int position = space.indexOf(direction);
    if (position < 0) {
      throw new IllegalArgumentException("Direction " + direction + " is not in " + space);
    }
    return magnitudes[position];
  }

  public VectorInBasis plus(VectorInBasis other) {
    requireSameSpace(other);
    double[] sum = magnitudes.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.magnitudes[i];
    }
    return new VectorInBasis(space, sum);
  }

  public VectorInBasis minus(VectorInBasis other) {
    return plus(other.times(-1));
  }

  public VectorInBasis times(double factor) {
    double[] scaled = magnitudes.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= factor;
    }
    return new VectorInBasis(space, scaled);
  }

  /** The components on {@code target}'s basis: zero where this space lacks a direction, others dropped. */
  public VectorInBasis project(VectorSpace target) {
    double[] projected = new double[target.dims()];
    int[] positions = target.indicesIn(space);
    for (int i = 0; i < projected.length; i++) {
      projected[i] = positions[i] < 0 ? 0 : magnitudes[positions[i]];
    }
    return new VectorInBasis(target, projected);
  }

  private void requireSameSpace(VectorInBasis other) {
    if (!space.equals(other.space)) {
      throw new IllegalArgumentException("Vectors live in different spaces: " + space + " and " + other.space);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VectorInBasis vector && space.equals(vector.space)
        && Arrays.equals(magnitudes, vector.magnitudes);
  }

  @Override
  public int hashCode() {
    return 31 * space.hashCode() + Arrays.hashCode(magnitudes);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < magnitudes.length; i++) {
      text.append(i == 0 ? "" : ", ").append(space.direction(i)).append('=').append(magnitudes[i]);
    }
    return text.append('}').toString();
  }
}
