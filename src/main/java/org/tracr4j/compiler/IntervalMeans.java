package org.tracr4j.compiler;

/**
 * The means of 1..N values drawn (with repeats) from the integers {@code lo..hi}, every one of them: the
 * set of a numerical aggregate over booleans ({@code 0..1}) or a contiguous integer range, built in
 * increasing order without sorting.
 *
 * <p>Why it is that set: c values of {@code lo..hi} sum to every integer of {@code [c lo, c hi]} (and only
 * those), so the means of count c are {@code lo + p/c} for {@code 0 <= p <= c (hi - lo)}, and their union
 * over c = 1..N is {@code lo + k + f} for each {@code k < hi - lo} and each fraction f in [0, 1) of the
 * Farey sequence of order N, then {@code hi}. A Farey sequence comes out in order from the recurrence on
 * two consecutive terms, one term per step. (Values that are not contiguous leave holes in some count's
 * sums, already at count 1, so the set is only this one when they are.)
 *
 * <p>Each mean is the double {@code (lo + k) q + p} divided by {@code q}, for the fraction p/q in lowest
 * terms: the general path divides another representative {@code s / c} of the same rational, and both
 * operands are exact integers (below {@link IntegerSums}' bound), so the correctly rounded quotient is the
 * same double.
 */
final class IntervalMeans {
  private final long lo;
  private final long width;
  private final int maxCount;

  private IntervalMeans(long lo, long width, int maxCount) {
    this.lo = lo;
    this.width = width;
    this.maxCount = maxCount;
  }

  /**
   * The means of the sorted, repeat-free {@code values} for counts 1..{@code maxCount}, or null when they
   * are not contiguous integers whose sums are {@link IntegerSums#exact} (exact, far apart under rounding
   * tolerance).
   */
  static IntervalMeans applies(double[] values, int maxCount) {
    if (maxCount < 1 || !IntegerSums.exact(values, maxCount)) {
      return null;
    }
    long lo = (long) values[0];
    long previous = lo;
    for (double v : values) {
      long integer = (long) v;
      if (integer != previous && integer != previous + 1) { // -0.0 and 0.0 are one integer
        return null;
      }
      previous = integer;
    }
    return new IntervalMeans(lo, previous - lo, maxCount);
  }

  /**
   * How many means there are, {@code (hi - lo)} times the fractions in (0, 1] of order N, plus lo; or, when
   * that is more than {@code limit}, any number above it (there are at least {@code (hi - lo) N + 1}, and
   * counting a long sequence's fractions is not worth it).
   */
  long size(long limit) {
    long atLeast = width * maxCount + 1;
    return width == 0 || atLeast > limit ? atLeast : width * fractions(maxCount) + 1;
  }

  /**
   * The fractions p/q in (0, 1] with q <= n: Euler's totient summed over 1..n, by a sieve (each prime p
   * takes 1/p off the totient of its multiples).
   */
  static long fractions(int n) {
    int[] phi = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      phi[i] = i;
    }
    long sum = 0;
    for (int i = 1; i <= n; i++) {
      if (i > 1 && phi[i] == i) {
        for (int j = i; j <= n; j += i) {
          phi[j] -= phi[j] / i;
        }
      }
      sum += phi[i];
    }
    return sum;
  }

  /**
   * Writes the means, increasing, to {@code out[0..size)}, {@code size} being {@link #size}'s exact count;
   * false, with {@code out} in an unspecified state, if they do not come out as that many strictly
   * increasing numbers (they always do where {@link #applies} holds; the caller then takes the general
   * path rather than trust this).
   */
  boolean fill(double[] out, int size) {
    long perUnit = width == 0 ? 0 : (size - 1) / width; // the fractions in [0, 1)
    if (width * perUnit + 1 != size || maxCount > 1 && perUnit % 2 != 0) {
      return false;
    }
    double last = Double.NEGATIVE_INFINITY;
    for (long k = 0; k < width; k++) {
      int base = (int) (k * perUnit);
      long whole = lo + k;
      if (maxCount == 1) { // the fractions of order 1 in [0, 1): 0 alone
        out[base] = whole;
        if (!(out[base] > last)) {
          return false;
        }
        last = out[base];
      } else {
        last = halves(out, base, whole, (int) (perUnit / 2), last);
        if (Double.isNaN(last)) {
          return false;
        }
      }
    }
    double hi = (double) (lo + width);
    if (!(hi > last)) {
      return false;
    }
    out[size - 1] = hi;
    return true;
  }

  /**
   * The means {@code whole + f} for the fractions f in [0, 1) of order n >= 2, at {@code out[base..base +
   * 2 lower)}: the {@code lower} fractions below 1/2 (0 included), 1/2, then those above it. Returns the
   * last mean, or NaN if any mean is not above the one before it ({@code last} for the first) or the
   * halves do not have {@code lower} terms.
   *
   * <p>Two Farey recurrences in one loop: one up from 0/1 and 1/n to 1/2, one down from 1/2 and its left
   * neighbour p/q (q = 2p + 1, the largest such q <= n) to 0/1, whose fractions mirrored (1 - g/h) are
   * those above 1/2 in increasing order. Each step waits on an integer division; the two chains do not
   * wait on each other, so the processor overlaps them and the loop takes about half the time of one
   * chain through all the terms.
   */
  private double halves(double[] out, int base, long whole, int lower, double last) {
    int n = maxCount;
    int a = 0; // a/b < c/d, going up
    int b = 1;
    int c = 1;
    int d = n;
    int q = (n & 1) == 1 ? n : n - 1;
    int e = 1; // e/f > g/h, going down
    int f = 2;
    int g = (q - 1) / 2;
    int h = q;
    double half = (double) (2 * whole + 1) / 2;
    out[base + lower] = half;
    double lastUp = last;
    double lastDown = half;
    boolean increasing = true;
    for (int i = 0; i < lower; i++) {
      double up = (double) (whole * b + a) / b;
      out[base + i] = up;
      increasing &= up > lastUp;
      lastUp = up;
      int step = (n + b) / d;
      int nextC = step * c - a;
      int nextD = step * d - b;
      a = c;
      b = d;
      c = nextC;
      d = nextD;
      if (i < lower - 1) {
        double down = (double) (whole * h + h - g) / h;
        out[base + lower + 1 + i] = down;
        increasing &= down > lastDown;
        lastDown = down;
        int stepDown = (n + f) / h;
        int nextG = stepDown * g - e;
        int nextH = stepDown * h - f;
        e = g;
        f = h;
        g = nextG;
        h = nextH;
      }
    }
    // Each chain ends where the other began: the counts were right.
    boolean complete = a == 1 && b == 2 && g == 0 && h == 1;
    return increasing && complete && half > lastUp ? lastDown : Double.NaN;
  }
}
