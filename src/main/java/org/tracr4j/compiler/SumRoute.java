package org.tracr4j.compiler;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.tracr4j.rasp.Value;

/**
 * A categorical sequence map whose table is a function of one sum {@code s = a·x + b·y} of its inputs'
 * numbers ({@code length - indices}: {@code a = 1, b = −1}), and that function. Such a map compiles to one
 * discretising MLP on {@code s} with {@code 2·|S| − 1} hidden neurons instead of a table with one neuron per
 * pair of input values ({@link Constructions#sumSequenceMap}).
 *
 * <p>Only for integer inputs and small integer factors, so that every sum is exact in floating point and the
 * sums are at least 1 apart; and only for tables without none (a discretising MLP writes some value at every
 * sum).
 *
 * @param a the factor on the first input
 * @param b the factor on the second input
 * @param table the output at each sum, by increasing sum
 */
record SumRoute(long a, long b, Map<Double, Value> table) {
  /** Factors tried, in order: a function of one input, then sums and differences with small factors. */
  private static final List<long[]> FACTORS = List.of(new long[] {1, 0}, new long[] {0, 1},
      new long[] {1, 1}, new long[] {1, -1}, new long[] {1, 2}, new long[] {2, 1}, new long[] {1, -2},
      new long[] {2, -1}, new long[] {1, 3}, new long[] {3, 1}, new long[] {1, -3}, new long[] {3, -1});
  /** Inputs beyond ±2^40 could make a sum inexact. */
  private static final double LARGEST_INPUT = 0x1p40;

  /** The hidden neurons of its MLP: a start neuron and two per step between consecutive sums. */
  int hiddenNeurons() {
    return 2 * table.size() - 1;
  }

  /** The sum in words, e.g. {@code length - indices} or {@code 2·x + y}. */
  String describe(String first, String second) {
    String left = a == 0 ? "" : (a == 1 ? "" : a == -1 ? "-" : a + "·") + first;
    if (b == 0) {
      return left;
    }
    String right = (Math.abs(b) == 1 ? "" : Math.abs(b) + "·") + second;
    return left.isEmpty() ? (b < 0 ? "-" : "") + right : left + (b < 0 ? " - " : " + ") + right;
  }

  /** The sums, ascending. */
  double[] sums() {
    return table.keySet().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The first factors whose sum determines {@code f} on every pair, if any. */
  static Optional<SumRoute> find(Collection<Value> xs, Collection<Value> ys, BinaryOperator<Value> f) {
    if (!integral(xs) || !integral(ys)) {
      return Optional.empty();
    }
    double[] xNumbers = numbers(xs);
    double[] yNumbers = numbers(ys);
    Value[] outputs = new Value[xNumbers.length * yNumbers.length];
    int pair = 0;
    for (Value x : xs) {
      for (Value y : ys) {
        Value z = f.apply(x, y);
        if (z == null || z.isNone()) {
          return Optional.empty();
        }
        outputs[pair++] = z;
      }
    }
    for (long[] factors : FACTORS) {
      Map<Double, Value> table = tableFor(factors[0], factors[1], xNumbers, yNumbers, outputs);
      if (table != null) {
        return Optional.of(new SumRoute(factors[0], factors[1], table));
      }
    }
    return Optional.empty();
  }

  /**
   * The output at each sum, or null if two pairs with the same sum have different outputs. Pairs are
   * grouped by the sum as a {@code Double} key is ({@code -0.0} apart from {@code 0.0}); equal outputs are
   * interchangeable (each sum keeps the first pair's, in pair order), as the MLP looks them up by equality.
   */
  private static Map<Double, Value> tableFor(long a, long b, double[] xs, double[] ys, Value[] outputs) {
    int capacity = Integer.highestOneBit(Math.max(1, outputs.length) * 2) * 2;
    // Fibonacci hashing: the top bits of the product depend on every bit of the sum, whose low mantissa bits
    // are all zero for integers.
    int shift = 64 - Integer.numberOfTrailingZeros(capacity);
    long[] sumBits = new long[capacity];
    int[] firstPair = new int[capacity];
    Arrays.fill(firstPair, -1);
    int distinct = 0;
    for (int i = 0, pair = 0; i < xs.length; i++) {
      for (int j = 0; j < ys.length; j++, pair++) {
        long bits = Double.doubleToLongBits(a * xs[i] + b * ys[j]);
        int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> shift);
        while (firstPair[slot] >= 0 && sumBits[slot] != bits) {
          slot = (slot + 1) & (capacity - 1);
        }
        if (firstPair[slot] < 0) {
          sumBits[slot] = bits;
          firstPair[slot] = pair;
          distinct++;
        } else if (!outputs[firstPair[slot]].equals(outputs[pair])) {
          return null;
        }
      }
    }
    Map<Double, Value> table = new TreeMap<>();
    for (int slot = 0; slot < capacity && table.size() < distinct; slot++) {
      if (firstPair[slot] >= 0) {
        table.put(Double.longBitsToDouble(sumBits[slot]), outputs[firstPair[slot]]);
      }
    }
    return table;
  }

  private static double[] numbers(Collection<Value> values) {
    double[] numbers = new double[values.size()];
    int k = 0;
    for (Value v : values) {
      numbers[k++] = v.asDouble();
    }
    return numbers;
  }

  private static boolean integral(Collection<Value> values) {
    for (Value v : values) {
      if (v.isNone() || !v.isNumeric()) {
        return false;
      }
      double d = v.asDouble();
      if (d != Math.rint(d) || Math.abs(d) > LARGEST_INPUT) {
        return false;
      }
    }
    return !values.isEmpty();
  }
}
