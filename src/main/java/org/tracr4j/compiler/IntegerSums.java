package org.tracr4j.compiler;

import java.util.Arrays;

/**
 * The sums of 1, 2, 3, ... integer values drawn (with repeats) from a set, one count at a time, as a bitset
 * over {@code [count * min, count * max]}: count c's sums are count c-1's shifted by each value, or-ed.
 *
 * <p>Why: the mean sets of a numerical aggregate over integers were built by adding every value to every
 * sum and sorting, a sort per count; here each count costs one shift-or of a few words per value, and the
 * sums come out in order. Only used where the sums are exact as doubles and far apart under
 * {@link org.tracr4j.rasp.Tolerance#ROUNDING} (see {@link #applies}), so that the result is the same set.
 */
final class IntegerSums {

  /** Sums at most this large in magnitude are exact and never within rounding tolerance of each other. */
  private static final double MAX_SUM = 1e8;
  /** The widest bitset (in bits) worth building; wider ranges take the general path. */
  private static final long MAX_BITS = 1L << 20;

  private final long min;
  private final int[] offsets; // value - min, increasing
  private long[] bits = {1L}; // count 0: the empty sum 0
  private int count;

  private IntegerSums(long min, int[] offsets) {
    this.min = min;
    this.offsets = offsets;
  }

  /**
   * The sums of the sorted, repeat-free {@code values} for counts up to {@code maxCount}, or null when they
   * are not all integers or their sums may be inexact, close under rounding tolerance or too spread out.
   */
  static IntegerSums applies(double[] values, int maxCount) {
    if (!exact(values, maxCount)) {
      return null;
    }
    long min = (long) values[0];
    long range = (long) values[values.length - 1] - min;
    if (range * maxCount + 1 > MAX_BITS) {
      return null;
    }
    int[] offsets = new int[values.length];
    int n = 0;
    for (double v : values) {
      int offset = (int) ((long) v - min);
      if (n == 0 || offsets[n - 1] != offset) { // -0.0 and 0.0 are one integer
        offsets[n++] = offset;
      }
    }
    return new IntegerSums(min, Arrays.copyOf(offsets, n));
  }

  /**
   * Whether {@code values} are integers, at least one, whose sums of up to {@code maxCount} of them are
   * exact as doubles and never within rounding tolerance of each other.
   */
  static boolean exact(double[] values, int maxCount) {
    if (values.length == 0) {
      return false;
    }
    for (double v : values) {
      if (v != Math.rint(v) || Math.abs(v) * maxCount >= MAX_SUM) {
        return false;
      }
    }
    return true;
  }

  /** Moves to the next count and returns its sums, increasing. */
  double[] next() {
    count++;
    long width = (long) offsets[offsets.length - 1] * count + 1;
    long[] out = new long[(int) ((width + 63) >>> 6)];
    for (int offset : offsets) {
      shiftOr(bits, out, offset);
    }
    bits = out;
    int size = 0;
    for (long word : out) {
      size += Long.bitCount(word);
    }
    double[] sums = new double[size];
    int k = 0;
    long base = min * count;
    for (int w = 0; w < out.length; w++) {
      long word = out[w];
      while (word != 0) {
        int bit = Long.numberOfTrailingZeros(word);
        sums[k++] = (double) (base + ((long) w << 6) + bit);
        word &= word - 1;
      }
    }
    return sums;
  }

  /** {@code dst |= src << shift}, bits past the end of {@code dst} dropped (there are none: see next). */
  private static void shiftOr(long[] src, long[] dst, int shift) {
    int words = shift >>> 6;
    int bitsShift = shift & 63;
    for (int i = 0; i < src.length && i + words < dst.length; i++) {
      long word = src[i];
      if (word == 0) {
        continue;
      }
      dst[i + words] |= word << bitsShift;
      if (bitsShift != 0 && i + words + 1 < dst.length) {
        dst[i + words + 1] |= word >>> (64 - bitsShift);
      }
    }
  }
}
