package org.tracr4j.model;

import java.util.Arrays;

/**
 * The forward pass of tracr-reference §7.1 written directly from the formula with the dense {@link Kernels}:
 * every head, every MLP, every weight, nothing skipped. The reference the sparse {@link ForwardPass} is
 * tested against.
 */
final class DenseForwardPass {
  private DenseForwardPass() {}

  /** The unembedded output {@code [T][dVocabOut]} of one sequence of token ids, BOS first. */
  static double[][] run(Model model, int[] ids) {
    ModelConfig c = model.config();
    Weights weights = model.weights();
    int t = ids.length;
    int d = c.dModel();
    int dHead = c.dHead();
    double[] x = new double[t * d];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < d; i++) {
        x[p * d + i] = weights.wE()[ids[p] * d + i] + weights.wPos()[p * d + i];
      }
    }
    double[] q = new double[t * dHead];
    double[] k = new double[t * dHead];
    double[] v = new double[t * dHead];
    double[] pattern = new double[t * t];
    double[] mixed = new double[t * dHead];
    double[] sublayer = new double[t * d];
    double[] hidden = new double[t * c.dMlp()];
    for (Weights.Layer layer : weights.layers()) {
      for (int p = 0; p < t; p++) {
        System.arraycopy(layer.bO(), 0, sublayer, p * d, d);
      }
      for (int h = 0; h < c.heads(); h++) {
        int block = h * d * dHead;
        Kernels.matmulBias(x, layer.wQ(), block, layer.bQ(), h * dHead, q, t, d, dHead);
        Kernels.matmulBias(x, layer.wK(), block, layer.bK(), h * dHead, k, t, d, dHead);
        Kernels.matmulBias(x, layer.wV(), block, layer.bV(), h * dHead, v, t, d, dHead);
        Kernels.matmulTransposed(q, k, pattern, t, dHead, t, 1.0 / Math.sqrt(dHead));
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < t; j++) {
            if (ids[j] == model.vocabulary().pad() || (c.causal() && j > i)) {
              pattern[i * t + j] = ForwardPass.MASKED;
            }
          }
        }
        Kernels.softmaxRows(pattern, t, t);
        Arrays.fill(mixed, 0.0);
        Kernels.matmulAdd(pattern, v, 0, mixed, t, t, dHead);
        Kernels.matmulAdd(mixed, layer.wO(), h * dHead * d, sublayer, t, dHead, d);
      }
      Kernels.addInPlace(x, sublayer, t * d);
      Kernels.matmulBias(x, layer.wIn(), 0, layer.bIn(), 0, hidden, t, d, c.dMlp());
      Kernels.relu(hidden, t * c.dMlp());
      Kernels.matmulBias(hidden, layer.wOut(), 0, layer.bOut(), 0, sublayer, t, c.dMlp(), d);
      Kernels.addInPlace(x, sublayer, t * d);
    }
    double[] out = new double[t * c.dVocabOut()];
    Kernels.matmulBias(x, weights.wU(), 0, weights.bU(), 0, out, t, d, c.dVocabOut());
    return ForwardPass.rows(out, t, c.dVocabOut());
  }
}
