package org.tracr4j.craft;

import java.util.Arrays;

/** The few dense kernels of the craft forward pass, on row-major {@code double[]} matrices. */
final class Dense {
  private Dense() {}

  /** {@code result = x·matrix} for a row vector {@code x} and a row-major matrix with {@code columns}. */
  static void multiplyRow(double[] x, double[] matrix, int columns, double[] result) {
    Arrays.fill(result, 0);
    for (int k = 0; k < x.length; k++) {
      double scale = x[k];
      if (scale == 0) {
        continue;
      }
      int base = k * columns;
      for (int j = 0; j < columns; j++) {
        result[j] += scale * matrix[base + j];
      }
    }
  }

  /** {@code rows·matrix}, one output row per input row (i-k-j order). */
  static double[][] multiply(double[][] rows, double[] matrix, int columns) {
    double[][] result = new double[rows.length][columns];
    for (int t = 0; t < rows.length; t++) {
      multiplyRow(rows[t], matrix, columns, result[t]);
    }
    return result;
  }

  /** Gathers the columns {@code positions} of each row; a negative position reads as zero. */
  static double[][] gather(double[][] stream, int[] positions) {
    double[][] result = new double[stream.length][positions.length];
    for (int t = 0; t < stream.length; t++) {
      for (int i = 0; i < positions.length; i++) {
        if (positions[i] >= 0) {
          result[t][i] = stream[t][positions[i]];
        }
      }
    }
    return result;
  }

  /** A {@code [T][width]} zero stream with {@code values} added into the columns {@code positions}. */
  static double[][] scatter(double[][] values, int[] positions, int width) {
    double[][] result = new double[values.length][width];
    for (int t = 0; t < values.length; t++) {
      for (int i = 0; i < positions.length; i++) {
        result[t][positions[i]] += values[t][i];
      }
    }
    return result;
  }

  static void reluInPlace(double[][] values) {
    for (double[] row : values) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.max(0, row[i]);
      }
    }
  }

  /** Adds {@code addend} into {@code target}, entry by entry. */
  static void addInPlace(double[][] target, double[][] addend) {
    for (int t = 0; t < target.length; t++) {
      for (int i = 0; i < target[t].length; i++) {
        target[t][i] += addend[t][i];
      }
    }
  }

  /** Softmax of {@code logits[0..length)} in place (entries from {@code length} on are set to zero). */
  static void softmaxPrefixInPlace(double[] logits, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    for (int i = 0; i < logits.length; i++) {
      logits[i] = i < length ? logits[i] / sum : 0;
    }
  }
}
