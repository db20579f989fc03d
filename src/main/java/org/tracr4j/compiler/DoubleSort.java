package org.tracr4j.compiler;

import java.util.Arrays;

/**
 * Sorts doubles and drops exact repeats, in {@link Double#compare}'s order and equality (a
 * {@code TreeSet<Double>}'s): the means of a numerical aggregate, a few thousand per compile at length 80.
 *
 * <p>Why not {@link Arrays#sort(double[])}: the means spread over a known range, so distributing them into
 * as many buckets as there are values (a counting pass, then one copy) puts about one in each, and only a
 * bucket's few values are compared. That is several times faster on a few thousand values, where a
 * comparison sort mispredicts about every other branch. The bucket of a value is monotone in it, so the
 * buckets in order, each sorted, are the sorted values; a crowded bucket is sorted with {@code Arrays.sort}.
 */
final class DoubleSort {
  /** Below this many values, or where the range is not finite, {@link Arrays#sort(double[])} is used. */
  private static final int MIN_BUCKETED = 32;
  /** A bucket with more values than this (a cluster) is sorted with {@link Arrays#sort(double[])}. */
  private static final int MAX_INSERTION = 16;

  private DoubleSort() {}

  /** Sorts {@code values[0..size)} and drops exact repeats in place; returns the new size. */
  static int sortDistinct(double[] values, int size) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      low = Math.min(low, values[i]); // a NaN makes both NaN
      high = Math.max(high, values[i]);
    }
    double scale = (size - 1) / (high - low);
    if (size < MIN_BUCKETED || !(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      Arrays.sort(values, 0, size);
    } else {
      bucketSort(values, size, low, scale);
    }
    return distinct(values, size);
  }

  private static void bucketSort(double[] values, int size, double low, double scale) {
    int[] starts = new int[size + 1];
    int[] buckets = new int[size];
    for (int i = 0; i < size; i++) {
      buckets[i] = Math.min(size - 1, (int) ((values[i] - low) * scale));
      starts[buckets[i] + 1]++;
    }
    for (int b = 0; b < size; b++) {
      starts[b + 1] += starts[b];
    }
    double[] sorted = new double[size];
    int[] next = Arrays.copyOf(starts, size);
    for (int i = 0; i < size; i++) {
      sorted[next[buckets[i]]++] = values[i];
    }
    for (int b = 0; b < size; b++) {
      int from = starts[b];
      int to = starts[b + 1];
      if (to - from > MAX_INSERTION) {
        Arrays.sort(sorted, from, to);
      } else {
        insertionSort(sorted, from, to);
      }
    }
    System.arraycopy(sorted, 0, values, 0, size);
  }

  private static void insertionSort(double[] values, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      double v = values[i];
      int j = i - 1;
      for (; j >= from && Double.compare(values[j], v) > 0; j--) {
        values[j + 1] = values[j];
      }
      values[j + 1] = v;
    }
  }

  /** Drops exact repeats from the sorted {@code values[0..size)} in place; returns the new size. */
  static int distinct(double[] values, int size) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (kept == 0 || Double.compare(values[kept - 1], values[i]) != 0) {
        values[kept++] = values[i];
      }
    }
    return kept;
  }
}
