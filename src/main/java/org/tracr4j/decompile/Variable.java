package org.tracr4j.decompile;

import java.util.List;
import org.tracr4j.rasp.Value;

/**
 * One s-op of the recovered program and where it lives in the residual stream: the dimensions it occupies
 * and, when its values form a finite set, each value's name in the program with the vector it writes
 * over those dimensions.
 *
 * <p>A <em>finite</em> variable is read by enumerating its vectors, so every block reading it is recovered
 * as a table that is exact on every input. A <em>continuous</em> variable (a numerical mean, or a function
 * of one) occupies one dimension and is read only through piecewise-linear functions of that number.
 *
 * @param name the s-op's name in the printed program ({@code tokens}, {@code indices}, {@code v3})
 * @param dims residual dimensions, in the order of each vector's entries
 * @param names value names in the program, null for a continuous variable
 * @param vectors one vector over {@code dims} per name, null for a continuous variable
 * @param numerical whether the program annotates the s-op {@code numerical}
 */
record Variable(String name, int[] dims, List<Value> names, List<double[]> vectors, boolean numerical) {

  static Variable continuous(String name, int dim) {
    return new Variable(name, new int[] {dim}, null, null, true);
  }

  boolean isContinuous() {
    return names == null;
  }

  int size() {
    return names.size();
  }

  /** Index of the vector equal to {@code vector} (within {@code tolerance}), or -1. */
  int indexOf(double[] vector, double tolerance) {
    for (int i = 0; i < vectors.size(); i++) {
      if (Numbers.close(vectors.get(i), vector, tolerance)) {
        return i;
      }
    }
    return -1;
  }
}
