package org.tracr4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;

/**
 * Checks a model's decoded outputs against the interpreter's, position by position: numbers within a
 * {@link Tolerance}, where a boolean counts as 0 or 1 when the other side is a number
 * (the interpreter, like Tracr, returns the single selected value of a numerical mean as it is, so a
 * one-element mean of booleans stays a boolean); every other value exactly (none stays none). Where the interpreter gives none but the model's output is numerical, the position is skipped: a
 * numerical output space cannot represent none. Records the largest numerical deviation seen.
 */
public final class Agreement {
  private final Tolerance tolerance;
  private double worst;

  /** {@code tolerance}: for numbers. */
  public Agreement(Tolerance tolerance) {
    this.tolerance = tolerance;
  }

  /** The largest {@code |actual - expected| / max(1, |expected|)} seen so far. */
  public double worstDeviation() {
    return worst;
  }

  /** Asserts agreement; returns the number of positions compared. */
  public int check(String where, List<Value> expected, List<?> actual) {
    assertThat(actual).as(where + ": output length").hasSize(expected.size());
    int compared = 0;
    for (int p = 0; p < expected.size(); p++) {
      Value want = expected.get(p);
      Value got = Value.ofJava(actual.get(p));
      String at = where + " at position " + p + " (expected " + expected + ", got " + actual + ")";
      if (want.isNone() && got.isNumber()) {
        continue;
      }
      if (want.isNumeric() && got.isNumeric() && (want.isNumber() || got.isNumber())) {
        double deviation = Math.abs(got.asDouble() - want.asDouble()) / Math.max(1, Math.abs(want.asDouble()));
        worst = Math.max(worst, deviation);
        assertThat(tolerance.close(want.asDouble(), got.asDouble())).as(at).isTrue();
      } else {
        assertThat(got).as(at).isEqualTo(want);
      }
      compared++;
    }
    return compared;
  }
}
