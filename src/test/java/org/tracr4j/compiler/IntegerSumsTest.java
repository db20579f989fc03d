package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IntegerSumsTest {

  @Test
  void eachCountsSumsAreThoseOfAddingEveryValueToTheLastCountsSums() {
    double[][] sets = {{0, 1}, {-3, -1, 0, 2, 7}, {5}, {-70, 64, 65, 130}, {-0.0, 0.0, 1}};
    for (double[] values : sets) {
      IntegerSums sums = IntegerSums.applies(values, 6);
      assertThat(sums).isNotNull();
      TreeSet<Double> expected = new TreeSet<>(List.of(0.0));
      for (int count = 1; count <= 6; count++) {
        TreeSet<Double> next = new TreeSet<>();
        for (double sum : expected) {
          for (double v : values) {
            next.add(sum + v);
          }
        }
        expected = next;
        List<Double> actual = new ArrayList<>();
        for (double s : sums.next()) {
          actual.add(s);
        }
        assertThat(actual).as("count %d of %s", count, java.util.Arrays.toString(values))
            .containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void fractionsHugeValuesAndWideRangesTakeTheGeneralPath() {
    assertThat(IntegerSums.applies(new double[] {0, 0.5}, 4)).isNull();
    assertThat(IntegerSums.applies(new double[] {0, 1e8}, 4)).isNull();
    assertThat(IntegerSums.applies(new double[] {0, 1_000_000}, 80)).isNull();
    assertThat(IntegerSums.applies(new double[] {}, 4)).isNull();
  }
}
