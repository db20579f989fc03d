package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {
  /** The builder gives what the same calls on a zero dense array give, bit for bit, in any call order. */
  @Test
  void builderReplaysCallsPerEntryInOrder() {
    Matrix built = Matrix.builder(2, 3)
        .add(1, 2, 2).set(0, 1, 5).add(1, 2, 0.5).add(0, 1, 1).set(1, 0, -0.0).add(0, 0, 1).add(0, 0, -1)
        .build();
    double[] dense = new double[6];
    dense[5] += 2;
    dense[1] = 5;
    dense[5] += 0.5;
    dense[1] += 1;
    dense[3] = -0.0;
    dense[0] += 1;
    dense[0] += -1;
    assertThat(built.dense()).isEqualTo(dense);
    assertThat(Double.doubleToRawLongBits(built.get(1, 0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(built.sparse().columns()).containsExactly(1, 0, 2); // +0.0 is not stored, -0.0 is
    assertThat(built.sparse().rowStart()).containsExactly(0, 1, 3);
    assertThat(built.get(0, 1)).isEqualTo(6);
    assertThat(built.get(0, 2)).isZero();
  }

  @Test
  void denseAndSparseFormsAreEqualWhenTheirNumbersAre() {
    Matrix dense = Matrix.dense(2, 2, new double[] {0, 3, 4, 0});
    Matrix sparse = Matrix.builder(2, 2).set(1, 0, 4).set(0, 1, 3).build();
    assertThat(sparse).isEqualTo(dense).hasSameHashCodeAs(dense);
    assertThat(dense.sparse().values()).containsExactly(3, 4);
    assertThat(Matrix.dense(2, 2, new double[] {0, 3, 4, -0.0})).isNotEqualTo(sparse);
  }

  @Test
  void refusesEntriesOutsideItsShape() {
    assertThatThrownBy(() -> Matrix.builder(2, 2).add(2, 0, 1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("2x2");
    assertThatThrownBy(() -> Matrix.dense(2, 2, new double[3])).hasMessageContaining("2x2");
  }

  /** A builder written all over becomes dense on the way, with the same numbers as the calls give. */
  @Test
  void aMostlyWrittenBuilderGivesTheSameNumbers() {
    Matrix.Builder builder = Matrix.builder(20, 20);
    double[] dense = new double[400];
    for (int i = 0; i < 400; i++) {
      int at = (i * 7) % 400;
      builder.add(at / 20, at % 20, i * 0.5);
      dense[at] += i * 0.5;
    }
    builder.set(0, 0, -0.0);
    dense[0] = -0.0;
    Matrix built = builder.build();
    assertThat(built.dense()).isEqualTo(dense);
    assertThat(built).isEqualTo(Matrix.dense(20, 20, dense));
  }

  @Test
  void bothFormsHandOverTheSameStoredEntries() {
    double[] values = {0, 2, -0.0, 0, 0, 3};
    for (Matrix matrix : java.util.List.of(Matrix.dense(2, 3, values),
        Matrix.builder(2, 3).set(1, 2, 3).set(0, 1, 2).set(0, 2, -0.0).build())) {
      StringBuilder seen = new StringBuilder();
      matrix.forEachStored((row, column, value) ->
          seen.append(row).append(column).append('=').append(value).append(' '));
      assertThat(seen.toString()).isEqualTo("01=2.0 02=-0.0 12=3.0 ");
      assertThat(matrix.storedCount()).isEqualTo(3);
    }
  }

  /** setRun and reserve give what the same single calls give, whether or not the builder turns dense. */
  @Test
  void runsAndReservationsGiveWhatSingleCallsGive() {
    java.util.Random random = new java.util.Random(15);
    for (int round = 0; round < 200; round++) {
      int rows = 1 + random.nextInt(30);
      int cols = 1 + random.nextInt(30);
      Matrix.Builder single = Matrix.builder(rows, cols);
      Matrix.Builder bulk = Matrix.builder(rows, cols);
      int runs = random.nextInt(3 * rows);
      long calls = 0;
      int[][] made = new int[runs][];
      for (int r = 0; r < runs; r++) {
        int from = random.nextInt(cols + 1);
        made[r] = new int[] {random.nextInt(rows), from, from + random.nextInt(cols - from + 1)};
        calls += made[r][2] - made[r][1];
      }
      if (random.nextBoolean()) {
        bulk.reserve(calls + 1);
      }
      for (int[] run : made) {
        double weight = run[0] + 0.25 * run[1];
        for (int column = run[1]; column < run[2]; column++) {
          single.set(run[0], column, weight);
        }
        bulk.setRun(run[0], run[1], run[2], weight);
      }
      single.add(0, 0, 1);
      bulk.add(0, 0, 1);
      assertThat(bulk.build().dense()).isEqualTo(single.build().dense());
    }
  }
}
