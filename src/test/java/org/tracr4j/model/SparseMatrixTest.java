package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The builder of sparse rows against the same calls on a zero dense block. */
class SparseMatrixTest {
  @Test
  void builderGivesWhatTheCallsGiveOnADenseBlock() {
    Random random = new Random(15);
    for (int trial = 0; trial < 500; trial++) {
      int rows = 1 + random.nextInt(5);
      int cols = 1 + random.nextInt(5);
      boolean ordered = trial % 2 == 0;
      SparseMatrix.Builder builder = new SparseMatrix.Builder(rows, cols);
      if (trial % 3 == 0) {
        builder.reserve(random.nextInt(4));
      }
      double[] dense = new double[rows * cols];
      int calls = random.nextInt(3 * rows * cols);
      int key = 0;
      for (int c = 0; c < calls; c++) {
        key = ordered ? key + random.nextInt(2) : random.nextInt(rows * cols);
        if (key >= rows * cols) {
          break;
        }
        double weight = new double[] {0.0, -0.0, 1, -1, 0.5, 2}[random.nextInt(6)];
        if (random.nextBoolean()) {
          builder.add(key / cols, key % cols, weight);
          dense[key] += weight;
        } else {
          builder.set(key / cols, key % cols, weight);
          dense[key] = weight;
        }
      }
      SparseMatrix built = builder.build();
      double[] back = new double[rows * cols];
      built.scatterInto(back, 0);
      for (int i = 0; i < dense.length; i++) {
        assertThat(back[i]).as("trial %d entry %d", trial, i).isEqualTo(dense[i] == 0.0 ? 0.0 : dense[i]);
      }
      SparseMatrix expected = SparseMatrix.of(dense, 0, rows, cols);
      assertThat(built.rowStart()).isEqualTo(expected.rowStart());
      assertThat(built.columns()).isEqualTo(expected.columns());
      assertThat(built.values()).isEqualTo(expected.values());
    }
  }
}
