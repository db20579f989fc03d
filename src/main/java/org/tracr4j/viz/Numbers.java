package org.tracr4j.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Short, stable forms of doubles for the page: integers without a point, tiny and huge numbers in
 * scientific notation with three digits, else four significant digits.
 */
final class Numbers {
  private Numbers() {}

  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    if (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Six significant digits, for the data behind the hover read-outs. */
  static double compact(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return value == 0 ? 0 : value;
    }
    return new BigDecimal(value).round(new MathContext(6)).doubleValue();
  }
}
