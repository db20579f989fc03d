package org.tracr4j.check;

import java.util.List;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * When a compiled model's output sequence is the interpreter's, position by position (tracr4j.md §5).
 * Numerical outputs agree within {@link Tolerance#MODEL_OUTPUT}; a position where the interpreter gives none
 * is skipped, since a numerical encoding has no none. Categorical outputs agree when equal, none included,
 * where RASP's {@code ==} is Python's (a selected boolean false equals the 0 a numerical encoding holds) and
 * numbers within {@link Tolerance#ROUNDING} are equal (floating twins, which no model can tell apart).
 */
public final class OutputAgreement {
  private OutputAgreement() {}

  /** The first position where {@code actual} is not {@code expected}, or -1 if every position agrees. */
  public static int firstDifference(boolean numerical, List<Value> expected, List<Value> actual) {
    if (expected.size() != actual.size()) {
      return Math.min(expected.size(), actual.size());
    }
    for (int p = 0; p < expected.size(); p++) {
      if (!agrees(numerical, expected.get(p), actual.get(p))) {
        return p;
      }
    }
    return -1;
  }

  /** The number of positions compared (none skipped for numerical outputs), or -1 on a disagreement. */
  public static int comparedPositions(boolean numerical, List<Value> expected, List<Value> actual) {
    if (firstDifference(numerical, expected, actual) >= 0) {
      return -1;
    }
    int compared = 0;
    for (Value want : expected) {
      compared += numerical && want.isNone() ? 0 : 1;
    }
    return compared;
  }

  /** Whether one position agrees. */
  public static boolean agrees(boolean numerical, Value expected, Value actual) {
    if (numerical) {
      return expected.isNone()
          || !actual.isNone() && actual.isNumeric() && expected.isNumeric()
              && Tolerance.MODEL_OUTPUT.close(expected.asDouble(), actual.asDouble());
    }
    return sameCategory(expected, actual);
  }

  /** Equal categorical values: none only equals none; numbers within {@link Tolerance#ROUNDING}. */
  public static boolean sameCategory(Value expected, Value actual) {
    if (actual.isNone() || expected.isNone()) {
      return actual.isNone() && expected.isNone();
    }
    if (actual.isNumeric() && expected.isNumeric()) {
      return Tolerance.ROUNDING.close(expected.asDouble(), actual.asDouble());
    }
    return actual.equals(expected) || ValueOperations.equal(actual, expected);
  }
}
