package org.tracr4j.export;

import java.util.Arrays;

/**
 * A named array's shape and row-major float64 contents, with the element type it is (or was) stored in.
 *
 * @param type the element type in the file
 * @param shape dimensions, outermost first; a scalar has none
 * @param data {@code product(shape)} values, row-major
 */
public record Tensor(DataType type, int[] shape, double[] data) {

  public Tensor {
    shape = shape.clone();
    long elements = elements(shape);
    if (elements != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + elements
          + " elements, the data " + data.length);
    }
  }

  /** Number of elements of a shape: the product of its dimensions (1 for a scalar). */
  public static long elements(int[] shape) {
    long product = 1;
    for (int dimension : shape) {
      product *= dimension;
    }
    return product;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return type + Arrays.toString(shape);
  }
}
