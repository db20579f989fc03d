package org.tracr4j.decompile;

import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;

/** Small products of one residual vector with a layer's weights. */
final class Blocks {
  private Blocks() {}

  /** {@code x·W[h] + b[h]} for W of shape {@code [heads][dModel][dHead]}. */
  static double[] project(ModelConfig c, double[] x, double[] w, double[] b, int head) {
    int k = c.dHead();
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = b[head * k + j];
    }
    for (int i = 0; i < c.dModel(); i++) {
      if (x[i] == 0) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        out[j] += x[i] * w[Weights.qkvIndex(c, head, i, j)];
      }
    }
    return out;
  }

  /** What head {@code h} writes for a key with residual {@code x}: {@code (x·W_V + b_V)·W_O}. */
  static double[] ov(ModelConfig c, Weights.Layer layer, double[] x, int head) {
    double[] value = project(c, x, layer.wV(), layer.bV(), head);
    double[] out = new double[c.dModel()];
    for (int j = 0; j < c.dHead(); j++) {
      if (value[j] == 0) {
        continue;
      }
      for (int i = 0; i < c.dModel(); i++) {
        out[i] += value[j] * layer.wO()[Weights.outputIndex(c, head, j, i)];
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Whether row {@code i} of W[h] ({@code [heads][dModel][dHead]}) has a non-zero entry. */
  static boolean readsRow(ModelConfig c, double[] w, int head, int i) {
    for (int j = 0; j < c.dHead(); j++) {
      if (!Numbers.isZero(w[Weights.qkvIndex(c, head, i, j)])) {
        return true;
      }
    }
    return false;
  }

  /** Whether head {@code h} writes residual dimension {@code i} (column i of W_O[h] is not zero). */
  static boolean writesColumn(ModelConfig c, double[] wO, int head, int i) {
    for (int j = 0; j < c.dHead(); j++) {
      if (!Numbers.isZero(wO[Weights.outputIndex(c, head, j, i)])) {
        return true;
      }
    }
    return false;
  }
}
