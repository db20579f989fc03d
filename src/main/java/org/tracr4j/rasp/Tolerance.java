package org.tracr4j.rasp;

/**
 * When two numbers count as the same: {@code |actual - expected| <= relative * max(1, |expected|)} (relative
 * above 1, absolute below, so values near 0 are not held to an impossible bound). The one tolerance type of
 * tracr4j; every comparison of numbers with a tolerance uses one of its instances.
 *
 * @param relative the bound, relative to {@code max(1, |expected|)}
 */
public record Tolerance(double relative) {

  /**
   * Numbers that differ only by floating-point rounding ({@code 0.1 + 0.2} and {@code 0.3}, or {@code 1/2 -
   * 1/3} and {@code 2/3 - 1/2}): one value to the compiler (value sets keep one of them) and to a reader
   * of a model's categorical output. No model can tell them apart.
   */
  public static final Tolerance ROUNDING = new Tolerance(1e-9);

  /**
   * A compiled model's numerical output against the interpreter's (tracr4j.md §5): float64 weights with
   * large MLP slopes, stored as float32 when exported, are right to about 1e-6 relative.
   */
  public static final Tolerance MODEL_OUTPUT = new Tolerance(1e-6);

  /**
   * A numerical output computed from float32 weights (an exported {@code --dtype float32} model run by ONNX
   * Runtime or the numpy script): softmax scores of a few hundred rounded to 2⁻²⁴ move an attention weight
   * by about 2·10⁻⁵, so 1e-4 covers float32 arithmetic with a margin of five, while a decoding error moves a
   * value by at least the gap between two fractions (1/N²).
   */
  public static final Tolerance FLOAT32_OUTPUT = new Tolerance(1e-4);

  public Tolerance {
    if (!(relative >= 0) || Double.isInfinite(relative)) {
      throw new IllegalArgumentException("a tolerance must be a finite non-negative number, not " + relative);
    }
  }

  /** Whether {@code actual} is within this tolerance of {@code expected}. */
  public boolean close(double expected, double actual) {
    return Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));
  }

  /** Whether two values are the same: numbers (and booleans, as 0 and 1) within this tolerance, others equal. */
  public boolean same(Value expected, Value actual) {
    if (expected.isNumeric() && actual.isNumeric()) {
      return close(expected.asDouble(), actual.asDouble());
    }
    return expected.equals(actual);
  }
}
