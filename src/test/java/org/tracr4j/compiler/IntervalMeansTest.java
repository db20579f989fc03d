package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IntervalMeansTest {

  @Test
  void theMeansAreTheGeneralPathsBitForBitOnRandomIntegerSets() {
    Random random = new Random(15);
    int fast = 0;
    for (int trial = 0; trial < 400; trial++) {
      int maxCount = 1 + random.nextInt(trial % 4 == 0 ? 200 : 40);
      long lo = random.nextInt(41) - 20;
      int width = random.nextInt(trial % 3 == 0 ? 12 : 4);
      TreeSet<Double> set = new TreeSet<>();
      for (long v = lo; v <= lo + width; v++) {
        set.add((double) v);
      }
      if (trial % 5 == 1 && width >= 2) { // a gap: not an interval
        set.remove((double) (lo + 1 + random.nextInt(width - 1)));
      }
      if (trial % 7 == 2) { // a large offset, where rounding tolerance spans more
        TreeSet<Double> shifted = new TreeSet<>();
        for (double v : set) {
          shifted.add(v + 900_000);
        }
        set = shifted;
      }
      double[] values = set.stream().mapToDouble(Double::doubleValue).toArray();
      fast += IntervalMeans.applies(values, maxCount) != null ? 1 : 0;
      assertSame(values, maxCount);
    }
    assertThat(fast).isGreaterThan(200);
  }

  @Test
  void edgeCasesMatchTheGeneralPath() {
    double[][] sets = {{0, 1}, {1}, {-0.0, 1}, {-0.0, 0.0, 1}, {-1, 0}, {-3, -2, -1}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {0, 2}, {0, 0.5, 1}, {0, 1, 3}, {99_999_999, 100_000_000}};
    for (double[] values : sets) {
      for (int maxCount : new int[] {1, 2, 3, 5, 10, 40, 80, 81, 200}) {
        assertSame(values, maxCount);
      }
    }
  }

  @Test
  void tooManyMeansIsNullOnBothPaths() {
    double[] wide = new double[21];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = i;
    }
    assertThat(IntervalMeans.applies(wide, 80)).isNotNull();
    assertThat(ValueSetInference.means(wide, 80, true)).isNull();
    assertThat(ValueSetInference.means(wide, 80, false)).isNull();
    assertSame(Arrays.copyOf(wide, 10), 80); // 9 * 1967 + 1 = 17,704: just under the limit
  }

  @Test
  void onlyContiguousIntegersApply() {
    assertThat(IntervalMeans.applies(new double[] {0, 2}, 5)).isNull();
    assertThat(IntervalMeans.applies(new double[] {0, 0.5, 1}, 5)).isNull();
    assertThat(IntervalMeans.applies(new double[] {}, 5)).isNull();
    assertThat(IntervalMeans.applies(new double[] {0, 1e8}, 5)).isNull();
    assertThat(IntervalMeans.applies(new double[] {-0.0, 0.0, 1}, 5)).isNotNull();
    assertThat(IntervalMeans.applies(new double[] {7}, 5)).isNotNull();
  }

  @Test
  void fractionsCountsTheReducedFractionsOfEachOrder() {
    TreeSet<Double> fractions = new TreeSet<>();
    for (int n = 1; n <= 120; n++) {
      for (int p = 1; p <= n; p++) {
        fractions.add((double) p / n);
      }
      assertThat(IntervalMeans.fractions(n)).as("order %d", n).isEqualTo(fractions.size());
    }
  }

  private static void assertSame(double[] values, int maxCount) {
    ValueSetInference.Means fast = ValueSetInference.means(values, maxCount, true);
    ValueSetInference.Means general = ValueSetInference.means(values, maxCount, false);
    String what = Arrays.toString(values) + " N=" + maxCount;
    if (general == null) {
      assertThat(fast).as(what).isNull();
      return;
    }
    assertThat(fast).as(what).isNotNull();
    assertThat(Arrays.copyOf(fast.sorted(), fast.size())).as(what)
        .isEqualTo(Arrays.copyOf(general.sorted(), general.size()));
  }
}
