package org.tracr4j.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.tracr4j.rasp.Value;

/**
 * Compares an output sequence with an expected one, position by position. An expected number matches
 * any number or boolean (booleans count as 0 and 1, as in Python) within the tolerance
 * {@code |actual - expected| <= absolute + relative * |expected|}; any other expected value matches only
 * an equal value of the same kind. An expected none either must be none ({@link #INTERPRETER}) or is
 * skipped ({@link #COMPILED}: a compiled model cannot represent none).
 *
 * @param absolute the absolute tolerance for numbers
 * @param relative the relative tolerance for numbers
 * @param skipNone whether positions whose expected value is none are skipped
 */
public record Outputs(double absolute, double relative, boolean skipNone) {

  /** For the interpreter: numbers within 1e-9, none must be none. */
  public static final Outputs INTERPRETER = new Outputs(1e-9, 0, false);

  /** For compiled models, as Tracr's tests: numbers within 1e-7 + 0.005 relative, none skipped. */
  public static final Outputs COMPILED = new Outputs(1e-7, 0.005, true);

  /** Whether {@code actual} matches {@code expected} at one position. */
  public boolean matches(Value actual, Value expected) {
    if (expected.isNone()) {
      return skipNone || actual.isNone();
    }
    if (expected.isNumber()) {
      return actual.isNumeric()
          && Math.abs(actual.asDouble() - expected.asDouble()) <= absolute + relative * Math.abs(expected.asDouble());
    }
    return actual.getClass() == expected.getClass() && actual.equals(expected);
  }

  /** Fails with both sequences and the first differing position unless every position matches. */
  public void assertMatches(List<Value> actual, List<Value> expected) {
    if (actual.size() != expected.size()) {
      fail("expected %d values %s but got %d values %s", expected.size(), expected, actual.size(), actual);
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!matches(actual.get(i), expected.get(i))) {
        fail("at position %d expected %s but got %s%n  expected: %s%n  actual:   %s",
            i, describe(expected.get(i)), describe(actual.get(i)), expected, actual);
      }
    }
  }

  private static String describe(Value value) {
    return value + " (" + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
