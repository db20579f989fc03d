package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DoubleSortTest {

  /** The sorted set a {@code TreeSet<Double>} holds: Double.compare's order and equality. */
  private static List<Double> expected(double[] values) {
    TreeSet<Double> set = new TreeSet<>();
    for (double v : values) {
      set.add(v);
    }
    return new ArrayList<>(set);
  }

  private static List<Double> sorted(double[] values) {
    double[] copy = values.clone();
    int size = DoubleSort.sortDistinct(copy, copy.length);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(copy[i]);
    }
    return out;
  }

  @Test
  void sortsAndDropsRepeatsAsATreeSetOfDoubles() {
    Random random = new Random(5);
    for (int trial = 0; trial < 500; trial++) {
      int size = random.nextInt(300);
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(20) / (double) (1 + random.nextInt(9)); // fractions with repeats
          case 1 -> random.nextGaussian() * 1e6;
          case 2 -> random.nextBoolean() ? -0.0 : 0.0;
          default -> Math.pow(10, random.nextInt(12)) * (random.nextBoolean() ? 1 : -1); // clusters
        };
      }
      assertThat(sorted(values)).as(Arrays.toString(values)).containsExactlyElementsOf(expected(values));
    }
  }

  @Test
  void nonFiniteAndCrowdedValuesAreSortedToo() {
    double[] withInfinities = new double[100];
    double[] crowded = new double[100];
    for (int i = 0; i < 100; i++) {
      withInfinities[i] = i % 7 == 0 ? Double.POSITIVE_INFINITY : i % 11 == 0 ? Double.NaN : 100 - i;
      crowded[i] = i == 0 ? 1e300 : (i * 37 % 100) * 1e-3;
    }
    withInfinities[50] = Double.NEGATIVE_INFINITY;
    assertThat(sorted(withInfinities)).containsExactlyElementsOf(expected(withInfinities));
    assertThat(sorted(crowded)).containsExactlyElementsOf(expected(crowded));
  }
}
