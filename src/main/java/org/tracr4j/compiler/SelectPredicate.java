package org.tracr4j.compiler;

import java.util.Arrays;
import java.util.List;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.chamber.RowPredicate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * A select's predicate on basis directions (query, key): whether the select attends from the query's value
 * to the key's; a comparison that cannot be made (e.g. with none) selects nothing.
 *
 * <p>For a built-in {@link Comparison} on numbers it also answers a whole query row from the keys sorted by
 * value: {@code <} selects a prefix, {@code ==} a block, {@code !=} all but a block. That is the same table
 * as the pair tests because, on the numbers taken here, {@link org.tracr4j.rasp.ValueOperations#order} and
 * {@code equal} are the comparison of {@link Value#asDouble()} ({@code -0.0} equal to {@code 0.0}): doubles
 * other than NaN, booleans, and integers of at most 2^53 in magnitude, which are exact as doubles. A key
 * outside those (a string, a large integer) keeps the pair tests for the head; such a query is tested pair by
 * pair; a none key or query selects nothing, as its pair test throws.
 */
final class SelectPredicate implements RowPredicate {
  /** Integers up to this magnitude are exact as doubles. */
  private static final long EXACT_INTEGERS = 1L << 53;

  private final SelectorPredicate predicate;

  SelectPredicate(SelectorPredicate predicate) {
    this.predicate = predicate;
  }

  @Override
  public boolean test(BasisDirection query, BasisDirection key) {
    return UserFunctions.selects(predicate, (Value) key.value(), (Value) query.value());
  }

  @Override
  public Rows against(List<BasisDirection> keys) {
    if (!(predicate instanceof Comparison comparison)) {
      return null;
    }
    int n = keys.size();
    double[] numbers = new double[n];
    int[] positions = new int[n];
    int count = 0;
    boolean ascending = true;
    for (int j = 0; j < n; j++) {
      if (!(keys.get(j).value() instanceof Value key)) {
        return null;
      }
      if (key.isNone()) {
        continue;
      }
      if (!exactNumber(key)) {
        return null;
      }
      double number = key.asDouble();
      ascending &= count == 0 || numbers[count - 1] <= number;
      numbers[count] = number;
      positions[count++] = j;
    }
    if (!ascending) {
      sortByNumber(numbers, positions, count);
    }
    return count == n ? new Sorted(comparison, keys, numbers, positions)
        : new Sorted(comparison, keys, Arrays.copyOf(numbers, count), Arrays.copyOf(positions, count));
  }

  /** Whether {@code v} compares as its double under {@code order} and {@code equal}. */
  private static boolean exactNumber(Value v) {
    // Type tests, not a pattern switch: this is asked of every key and query, and the switch dispatches
    // through a method handle.
    if (v instanceof Value.Int i) {
      return i.value() >= -EXACT_INTEGERS && i.value() <= EXACT_INTEGERS;
    }
    if (v instanceof Value.Real r) {
      return !Double.isNaN(r.value());
    }
    return v instanceof Value.Bool;
  }

  /** Sorts the (number, position) pairs by number; rare: a value set's directions come sorted. */
  private static void sortByNumber(double[] numbers, int[] positions, int count) {
    Integer[] order = new Integer[count];
    for (int s = 0; s < count; s++) {
      order[s] = s;
    }
    Arrays.sort(order, (p, q) -> Double.compare(numbers[p], numbers[q]));
    double[] sortedNumbers = new double[count];
    int[] sortedPositions = new int[count];
    for (int s = 0; s < count; s++) {
      sortedNumbers[s] = numbers[order[s]];
      sortedPositions[s] = positions[order[s]];
    }
    System.arraycopy(sortedNumbers, 0, numbers, 0, count);
    System.arraycopy(sortedPositions, 0, positions, 0, count);
  }

  /** The rows of a comparison against keys sorted by number. */
  private final class Sorted implements Rows {
    private final Comparison comparison;
    private final List<BasisDirection> keys;
    private final double[] numbers;
    private final int[] positions;
    /** blockEnd[s]: the end of the block of sorted positions from s on whose key positions are consecutive. */
    private final int[] blockEnd;

    Sorted(Comparison comparison, List<BasisDirection> keys, double[] numbers, int[] positions) {
      this.comparison = comparison;
      this.keys = keys;
      this.numbers = numbers;
      this.positions = positions;
      int m = positions.length;
      blockEnd = new int[m];
      for (int s = m - 1; s >= 0; s--) {
        blockEnd[s] = s + 1 < m && positions[s + 1] == positions[s] + 1 ? blockEnd[s + 1] : s + 1;
      }
    }

    @Override
    public void selected(BasisDirection query, RunConsumer runs) {
      if (!(query.value() instanceof Value value) || !exactNumber(value)) {
        // Not such a number (a none query too, whose tests all fail): pair by pair.
        byPairs(query, runs);
        return;
      }
      double x = value.asDouble();
      int m = numbers.length;
      // below: the keys < x; upTo: the keys <= x (primitive comparisons: -0.0 == 0.0).
      int below = firstNotBelow(x);
      int upTo = below;
      while (upTo < m && numbers[upTo] <= x) {
        upTo++;
      }
      switch (comparison) {
        case LT -> emit(0, below, runs);
        case LEQ -> emit(0, upTo, runs);
        case GT -> emit(upTo, m, runs);
        case GEQ -> emit(below, m, runs);
        case EQ -> emit(below, upTo, runs);
        case NEQ -> {
          emit(0, below, runs);
          emit(upTo, m, runs);
        }
        case TRUE -> emit(0, m, runs);
        case FALSE -> {
          // selects nothing
        }
      }
    }

    /** The first sorted position whose number is not below {@code x}. */
    private int firstNotBelow(double x) {
      int low = 0;
      int high = numbers.length;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (numbers[middle] < x) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low;
    }

    /** Sorted positions {@code from .. to - 1} as runs of consecutive key positions. */
    private void emit(int from, int to, RunConsumer runs) {
      for (int s = from; s < to;) {
        int stop = Math.min(to, blockEnd[s]);
        runs.accept(positions[s], positions[stop - 1] + 1);
        s = stop;
      }
    }

    private void byPairs(BasisDirection query, RunConsumer runs) {
      for (int j = 0; j < keys.size(); j++) {
        if (test(query, keys.get(j))) {
          runs.accept(j, j + 1);
        }
      }
    }
  }
}
