package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each sparse kernel against its dense reference, on random mostly-zero operands: the same doubles. */
class KernelsTest {
  private final Random random = new Random(7);

  @Test
  void sparseMatmulAddEqualsTheDenseProduct() {
    for (int round = 0; round < 200; round++) {
      int rows = 1 + random.nextInt(6);
      int inner = 1 + random.nextInt(9);
      int cols = 1 + random.nextInt(9);
      double[] a = sparse(rows * inner, 0.6);
      double[] b = sparse(inner * cols, 0.7);
      double[] bias = sparse(cols, 0.5);
      double[] expected = new double[rows * cols];
      Kernels.matmulBias(a, b, 0, bias, 0, expected, rows, inner, cols);

      int[] all = range(inner);
      int[] index = new int[rows * inner];
      int[] count = new int[rows];
      Kernels.nonzeros(a, rows, inner, all, index, count);
      double[] actual = new double[rows * cols];
      Kernels.fillColumns(actual, rows, cols, bias, 0, range(cols));
      Kernels.matmulAdd(a, index, count, SparseMatrix.of(b, 0, inner, cols), actual, rows);
      assertSame(actual, expected);
    }
  }

  @Test
  void nonzerosListsTheNonzeroColumnsInOrder() {
    double[] a = {0, 2, 0, -1, /* row 1 */ 0, 0, 0, 0, /* row 2 */ 5, 0, 0, 3};
    int[] index = new int[12];
    int[] count = new int[3];
    Kernels.nonzeros(a, 3, 4, new int[] {0, 1, 3}, index, count);
    assertThat(count).containsExactly(2, 0, 2);
    assertThat(Arrays.copyOfRange(index, 0, 2)).containsExactly(1, 3);
    assertThat(Arrays.copyOfRange(index, 8, 10)).containsExactly(0, 3);
  }

  @Test
  void scoresOverTheUsedComponentsEqualTheDenseScores() {
    for (int round = 0; round < 200; round++) {
      int rows = 1 + random.nextInt(7);
      int cols = 1 + random.nextInt(7);
      int inner = 1 + random.nextInt(9);
      double[] a = sparse(rows * inner, 0.5);
      double[] b = sparse(cols * inner, 0.8);
      // components where a or b is 0 in every row may be left out
      boolean[] used = new boolean[inner];
      for (int k = 0; k < inner; k++) {
        boolean inA = false;
        boolean inB = false;
        for (int i = 0; i < rows; i++) {
          inA |= a[i * inner + k] != 0.0;
        }
        for (int j = 0; j < cols; j++) {
          inB |= b[j * inner + k] != 0.0;
        }
        used[k] = (inA && inB) || random.nextBoolean();
      }
      double[] expected = new double[rows * cols];
      Kernels.matmulTransposed(a, b, expected, rows, inner, cols, 0.37);
      double[] actual = new double[rows * cols];
      int[] usedIndices = indices(used);
      Kernels.matmulTransposed(a, b, actual, rows, inner, cols, 0.37, usedIndices,
          new int[(rows + cols) * usedIndices.length]);
      assertSame(actual, expected);
    }
  }

  @Test
  void columnProductsEqualTheDenseProductOnThoseColumns() {
    for (int round = 0; round < 200; round++) {
      int rows = 1 + random.nextInt(6);
      int inner = 1 + random.nextInt(6);
      int cols = 1 + random.nextInt(8);
      double[] a = sparse(rows * inner, 0.3);
      double[] b = sparse(inner * cols, 0.6);
      double[] expected = new double[rows * cols];
      Kernels.matmulAdd(a, b, 0, expected, rows, inner, cols);
      boolean[] chosen = new boolean[cols];
      for (int j = 0; j < cols; j++) {
        chosen[j] = random.nextBoolean();
      }
      double[] actual = new double[rows * cols];
      Arrays.fill(actual, Double.NaN); // columns not chosen are left alone
      Kernels.matmulColumns(a, b, actual, rows, inner, cols, indices(chosen));
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double want = chosen[j] ? expected[i * cols + j] : Double.NaN;
          assertThat(Double.compare(actual[i * cols + j], want) == 0 || actual[i * cols + j] == want)
              .as("[%d][%d]", i, j).isTrue();
        }
      }
    }
  }

  @Test
  void sparseMatrixKeepsTheNonzeroEntriesByRow() {
    double[] dense = {0, 1.5, 0, /* row 1 */ 0, 0, 0, /* row 2 */ -2, 0, 4};
    SparseMatrix m = SparseMatrix.of(dense, 0, 3, 3);
    assertThat(m.rowStart()).containsExactly(0, 1, 1, 3);
    assertThat(m.columns()).containsExactly(1, 0, 2);
    assertThat(m.values()).containsExactly(1.5, -2, 4);
    assertThat(m.usedRows()).containsExactly(true, false, true);
    assertThat(m.usedColumns()).containsExactly(true, true, true);
    SparseMatrix kept = m.keepColumns(new boolean[] {true, false, false});
    assertThat(kept.columns()).containsExactly(0);
    assertThat(kept.rowStart()).containsExactly(0, 0, 0, 1);
    assertThat(SparseMatrix.of(new double[4], 0, 2, 2).isZero()).isTrue();
  }

  private double[] sparse(int length, double zeroFraction) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextDouble() < zeroFraction ? 0.0 : random.nextGaussian();
    }
    return values;
  }

  private static int[] range(int n) {
    int[] values = new int[n];
    Arrays.setAll(values, i -> i);
    return values;
  }

  private static int[] indices(boolean[] flags) {
    return java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
  }

  private static void assertSame(double[] actual, double[] expected) {
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != expected[i]) {
        throw new AssertionError("entry " + i + ": " + actual[i] + ", expected " + expected[i]);
      }
    }
  }
}
