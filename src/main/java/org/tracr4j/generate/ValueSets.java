package org.tracr4j.generate;

import java.util.SortedSet;
import java.util.TreeSet;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/** Value sets of the s-ops whose values do not come from a user function: widths, lengths, means. */
final class ValueSets {
  private ValueSets() {}

  /** {@code from..to} as integers. */
  static SortedSet<Value> range(long from, long to) {
    SortedSet<Value> out = new TreeSet<>();
    for (long i = from; i <= to; i++) {
      out.add(Value.of(i));
    }
    return out;
  }

  /** True when every value is 0 or 1 (booleans count): what a numerical aggregate can average. */
  static boolean binary(SortedSet<Value> values) {
    return values.stream().allMatch(v -> v.isNumeric() && (v.asDouble() == 0.0 || v.asDouble() == 1.0));
  }

  /**
   * Every value a numerical aggregate (default 0) of a 0/1 s-op can take on inputs of length at most
   * {@code maxSeqLen}: the default, a single selected value unchanged, and {@code k/m} for a selection of
   * {@code m >= 2} values of which {@code k} are 1.
   */
  static SortedSet<Value> means(SortedSet<Value> binaryValues, int maxSeqLen) {
    boolean zero = binaryValues.stream().anyMatch(v -> v.asDouble() == 0.0);
    boolean one = binaryValues.stream().anyMatch(v -> v.asDouble() == 1.0);
    SortedSet<Value> out = new TreeSet<>(binaryValues);
    out.add(Value.of(0L));
    for (int m = 2; m <= maxSeqLen; m++) {
      for (int k = 0; k <= m; k++) {
        if ((k == 0 || one) && (k == m || zero)) {
          out.add(Value.of(k / (double) m));
        }
      }
    }
    return out;
  }

  /**
   * Every value of {@code make_pair_balance} on inputs of length at most {@code maxSeqLen}: the fraction of
   * opening tokens minus the fraction of closing ones, computed with the same floating-point operations as
   * the library program (a mean of booleans, then {@code 1 * opens + -1 * closes}).
   */
  static SortedSet<Value> pairBalances(int maxSeqLen) {
    SortedSet<Value> out = new TreeSet<>();
    for (int m = 1; m <= maxSeqLen; m++) {
      for (int k = 0; k <= m; k++) {
        for (int j = 0; k + j <= m; j++) {
          Value opens = m == 1 ? Value.of(k == 1) : Value.of(k / (double) m);
          Value closes = m == 1 ? Value.of(j == 1) : Value.of(j / (double) m);
          out.add(ValueOperations.add(ValueOperations.multiply(Value.of(1L), opens),
              ValueOperations.multiply(Value.of(-1L), closes)));
        }
      }
    }
    return out;
  }
}
