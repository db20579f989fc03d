package org.tracr4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forward pass of tracr-reference §7.1 on one sequence of token ids, BOS first, in float64:
 *
 * <pre>
 *   x = W_E[t] + W_pos[p]
 *   per layer:  x += Σ_h softmax(mask((x·W_Q[h] + b_Q[h]) · (x·W_K[h] + b_K[h])ᵀ / √dHead))
 *                          · (x·W_V[h] + b_V[h]) · W_O[h]  + b_O
 *               x += ReLU(x·W_in + b_in) · W_out + b_out
 *   out = x·W_U + b_U
 * </pre>
 *
 * The mask replaces the logit of a PAD key, and under the causal flag of a key after the query, by
 * {@value #MASKED}; {@code exp} of that is exactly 0, so masked keys change nothing, and no row is fully
 * masked because position 0 holds BOS, which is never PAD. There is no layer norm.
 */
final class ForwardPass {
  /** Logit of a masked key: large and finite, so that a softmax never divides 0 by 0. */
  static final double MASKED = -1e30;

  private final ModelConfig config;
  private final Weights weights;
  private final int pad;
  private final boolean[][] headContributes; // [layer][head]: false when W_O[h] or (W_V[h], b_V[h]) is 0
  private final boolean[] mlpContributes; //    [layer]: false when W_out is 0

  ForwardPass(ModelConfig config, Weights weights, int pad) {
    this.config = config;
    this.weights = weights;
    this.pad = pad;
    int heads = config.heads();
    int headBlock = config.dModel() * config.dHead();
    headContributes = new boolean[config.layers()][heads];
    mlpContributes = new boolean[config.layers()];
    for (int l = 0; l < config.layers(); l++) {
      Weights.Layer layer = weights.layers().get(l);
      for (int h = 0; h < heads; h++) {
        boolean values = !allZero(layer.wV(), h * headBlock, headBlock)
            || !allZero(layer.bV(), h * config.dHead(), config.dHead());
        headContributes[l][h] = values && !allZero(layer.wO(), h * headBlock, headBlock);
      }
      mlpContributes[l] = !allZero(layer.wOut(), 0, layer.wOut().length);
    }
  }

  /**
   * Runs the model on {@code ids} (valid ids, BOS first, at most nCtx long) and writes the unembedded
   * output, {@code [T][dVocabOut]}, to {@code out}. Records every activation in {@code trace} when it is
   * not null; without a trace, heads and MLPs whose output is identically zero are skipped.
   */
  void run(int[] ids, Workspace w, double[] out, TraceRecorder trace) {
    int t = ids.length;
    int d = config.dModel();
    int dHead = config.dHead();
    double[] x = w.residual;

    for (int p = 0; p < t; p++) { // x = W_E[t] + W_pos[p]
      for (int i = 0; i < d; i++) {
        x[p * d + i] = weights.wE()[ids[p] * d + i] + weights.wPos()[p * d + i];
      }
      w.keyAllowed[p] = ids[p] != pad;
    }
    if (trace != null) {
      trace.inputEmbeddings = rows(x, t, d);
    }

    double scale = 1.0 / Math.sqrt(dHead);
    for (int l = 0; l < config.layers(); l++) {
      Weights.Layer layer = weights.layers().get(l);

      // Attention: every head reads x; their outputs and b_O sum into one sub-layer output.
      for (int p = 0; p < t; p++) {
        System.arraycopy(layer.bO(), 0, w.sublayer, p * d, d);
      }
      double[][][] patterns = trace == null ? null : new double[config.heads()][][];
      for (int h = 0; h < config.heads(); h++) {
        if (trace == null && !headContributes[l][h]) {
          continue;
        }
        int block = h * d * dHead;
        Kernels.matmulBias(x, layer.wQ(), block, layer.bQ(), h * dHead, w.query, t, d, dHead);
        Kernels.matmulBias(x, layer.wK(), block, layer.bK(), h * dHead, w.key, t, d, dHead);
        Kernels.matmulBias(x, layer.wV(), block, layer.bV(), h * dHead, w.value, t, d, dHead);
        Kernels.matmulTransposed(w.query, w.key, w.pattern, t, dHead, t, scale);
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < t; j++) {
            if (!w.keyAllowed[j] || (config.causal() && j > i)) {
              w.pattern[i * t + j] = MASKED;
            }
          }
        }
        Kernels.softmaxRows(w.pattern, t, t);
        if (patterns != null) {
          patterns[h] = rows(w.pattern, t, t);
        }
        Arrays.fill(w.mixed, 0, t * dHead, 0.0);
        Kernels.matmulAdd(w.pattern, w.value, 0, w.mixed, t, t, dHead);
        Kernels.matmulAdd(w.mixed, layer.wO(), h * dHead * d, w.sublayer, t, dHead, d);
      }
      Kernels.addInPlace(x, w.sublayer, t * d);
      if (trace != null) {
        trace.attention.add(patterns);
        trace.layerOutputs.add(rows(w.sublayer, t, d));
        trace.residuals.add(rows(x, t, d));
      }

      // MLP: x += ReLU(x·W_in + b_in)·W_out + b_out
      if (trace != null || mlpContributes[l]) {
        Kernels.matmulBias(x, layer.wIn(), 0, layer.bIn(), 0, w.hidden, t, d, config.dMlp());
        Kernels.relu(w.hidden, t * config.dMlp());
        if (trace != null) {
          trace.mlpHidden.add(rows(w.hidden, t, config.dMlp()));
        }
        Kernels.matmulBias(w.hidden, layer.wOut(), 0, layer.bOut(), 0, w.sublayer, t, config.dMlp(), d);
      } else {
        for (int p = 0; p < t; p++) {
          System.arraycopy(layer.bOut(), 0, w.sublayer, p * d, d);
        }
      }
      Kernels.addInPlace(x, w.sublayer, t * d);
      if (trace != null) {
        trace.layerOutputs.add(rows(w.sublayer, t, d));
        trace.residuals.add(rows(x, t, d));
      }
    }

    Kernels.matmulBias(x, weights.wU(), 0, weights.bU(), 0, out, t, d, config.dVocabOut());
  }

  /** The activations {@link #run} records when tracing. */
  static final class TraceRecorder {
    double[][] inputEmbeddings;
    final List<double[][]> residuals = new ArrayList<>();
    final List<double[][]> layerOutputs = new ArrayList<>();
    final List<double[][][]> attention = new ArrayList<>();
    final List<double[][]> mlpHidden = new ArrayList<>();
  }

  /** Copies the first {@code rows·cols} entries of a row-major buffer into a fresh 2-D array. */
  static double[][] rows(double[] buffer, int rows, int cols) {
    double[][] result = new double[rows][];
    for (int i = 0; i < rows; i++) {
      result[i] = Arrays.copyOfRange(buffer, i * cols, (i + 1) * cols);
    }
    return result;
  }

  private static boolean allZero(double[] array, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (array[i] != 0.0) {
        return false;
      }
    }
    return true;
  }
}
