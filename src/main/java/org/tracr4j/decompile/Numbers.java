package org.tracr4j.decompile;

import org.tracr4j.rasp.Value;

/** Tolerant comparisons of weights (stored as float32 or float64) and the values read from them. */
final class Numbers {
  /** Entries below this are zero: a compiled model's zeros are exact, its other weights are not tiny. */
  static final double ZERO = 1e-7;
  /** Relative tolerance between two computed activations that should be equal. */
  static final double SAME = 1e-4;

  private Numbers() {}

  static boolean isZero(double x) {
    return Math.abs(x) <= ZERO;
  }

  static boolean close(double a, double b, double tolerance) {
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  static boolean close(double[] a, double[] b, double tolerance) {
    for (int i = 0; i < a.length; i++) {
      if (!close(a[i], b[i], tolerance)) {
        return false;
      }
    }
    return true;
  }

  static boolean isZero(double[] v) {
    for (double x : v) {
      if (Math.abs(x) > SAME) {
        return false;
      }
    }
    return true;
  }

  /** The index of the single entry near 1 when every other entry is near 0; -1 otherwise. */
  static int oneHot(double[] v) {
    int hot = -1;
    for (int i = 0; i < v.length; i++) {
      if (close(v[i], 1, SAME)) {
        if (hot >= 0) {
          return -1;
        }
        hot = i;
      } else if (Math.abs(v[i]) > SAME) {
        return -1;
      }
    }
    return hot;
  }

  /**
   * The number a weight stands for: an integer when it is one, else the shortest decimal that rounds to the
   * same float32 when the weight has float32 precision (so a stored 0.1f reads back as 0.1), else itself.
   */
  static Value value(double x) {
    double rounded = Math.rint(x);
    if (Math.abs(x - rounded) <= 1e-6 * Math.max(1, Math.abs(x)) && Math.abs(rounded) < 1e15) {
      return Value.of((long) rounded);
    }
    float single = (float) x;
    double shortest = Double.parseDouble(Float.toString(single));
    if (Math.abs(shortest - x) <= 1e-6 * Math.abs(x)) {
      return Value.of(shortest);
    }
    return Value.of(x);
  }
}
