package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tracr4j.rasp.Value;

/**
 * An MLP read as a function of one number x: {@code out(x) = Σ_n ReLU(a_n·x + c_n)·W_out[n] + b_out}, which is
 * affine between the breakpoints {@code −c_n/a_n}. Recovered exactly, as one affine piece per interval.
 *
 * @param breakpoints sorted, distinct
 * @param slopes {@code [interval][output]}: interval i lies between breakpoints i−1 and i
 * @param intercepts {@code [interval][output]}
 */
record Piecewise(double[] breakpoints, double[][] slopes, double[][] intercepts) {

  /**
   * @param a {@code [neuron]} the weight from x
   * @param bias {@code [neuron]} the pre-activation at x = 0
   * @param out {@code [neuron][output]}
   * @param outBias {@code [output]}
   */
  static Piecewise of(double[] a, double[] bias, double[][] out, double[] outBias) {
    double[] points = new double[a.length];
    int count = 0;
    for (int n = 0; n < a.length; n++) {
      if (!Numbers.isZero(a[n])) {
        points[count++] = -bias[n] / a[n] + 0.0; // + 0.0: -0.0 and 0.0 are one breakpoint
      }
    }
    double[] sorted = Arrays.stream(Arrays.copyOf(points, count)).sorted().distinct().toArray();
    int intervals = sorted.length + 1;
    int outputs = outBias.length;
    double[][] slopes = new double[intervals][outputs];
    double[][] intercepts = new double[intervals][outputs];
    for (int i = 0; i < intervals; i++) {
      double x = sample(sorted, i);
      intercepts[i] = outBias.clone();
      for (int n = 0; n < a.length; n++) {
        if (a[n] * x + bias[n] > 0) {
          for (int o = 0; o < outputs; o++) {
            slopes[i][o] += a[n] * out[n][o];
            intercepts[i][o] += bias[n] * out[n][o];
          }
        }
      }
    }
    return new Piecewise(sorted, slopes, intercepts);
  }

  /** A point inside interval i. */
  private static double sample(double[] sorted, int i) {
    if (sorted.length == 0) {
      return 0;
    }
    if (i == 0) {
      return sorted[0] - 1;
    }
    if (i == sorted.length) {
      return sorted[sorted.length - 1] + 1;
    }
    return (sorted[i - 1] + sorted[i]) / 2;
  }

  int intervals() {
    return breakpoints.length + 1;
  }

  boolean isFlat(int interval) {
    for (double s : slopes[interval]) {
      if (!Numbers.isZero(s)) {
        return false;
      }
    }
    return true;
  }

  /** Whether output o is zero everywhere. */
  boolean isZero(int o) {
    for (int i = 0; i < intervals(); i++) {
      if (!Numbers.isZero(slopes[i][o]) || Math.abs(intercepts[i][o]) > Numbers.SAME) {
        return false;
      }
    }
    return true;
  }

  /** {@code x -> …}: output o as a chain of affine pieces, merging equal neighbours. */
  String lambda(int o) {
    return "x -> " + body(o, "x");
  }

  /** The body of {@link #lambda} over the parameter {@code x}. */
  String body(int o, String x) {
    List<String> pieces = new ArrayList<>();
    List<Double> bounds = new ArrayList<>();
    for (int i = 0; i < intervals(); i++) {
      String piece = affine(slopes[i][o], intercepts[i][o], x);
      if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).equals(piece)) {
        continue;
      }
      if (i > 0) {
        bounds.add(breakpoints[i - 1]);
      }
      pieces.add(piece);
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pieces.size() - 1; i++) {
      body.append(pieces.get(i)).append(" if ").append(x).append(" < ").append(Tables.literal(Value.of(bounds.get(i))))
          .append(" else ");
    }
    return body.append(pieces.get(pieces.size() - 1)).toString();
  }

  /** {@code a·x + b} printed simply; coefficients within rounding of an integer or short decimal read as it. */
  static String affine(double slope, double intercept) {
    return affine(slope, intercept, "x");
  }

  static String affine(double slope, double intercept, String x) {
    Value a = Numbers.value(slope);
    Value b = Numbers.value(intercept);
    boolean noSlope = Numbers.isZero(slope);
    boolean noIntercept = Math.abs(intercept) <= Numbers.ZERO;
    if (noSlope) {
      return Tables.literal(noIntercept ? Value.of(0L) : b);
    }
    String term = a.equals(Value.of(1L)) ? x : Tables.literal(a) + " * " + x;
    return noIntercept ? term : term + " + " + Tables.literal(b);
  }

  /** The expression of a numerical map {@code x -> a·x + b} of {@code name}, or the name when it is x. */
  static String affineMap(String name, double slope, double intercept) {
    String body = affine(slope, intercept);
    return body.equals("x") ? "numerical(" + name + ")" : "numerical(map(x -> " + body + ", " + name + "))";
  }
}
