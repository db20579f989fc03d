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
 *
 * <p>Compiled weights are mostly zeros, so the products run on {@link SparseWeights} ({@link Kernels} says
 * why the results equal the dense products).
 */
final class ForwardPass {
  /** Logit of a masked key: large and finite, so that a softmax never divides 0 by 0. */
  static final double MASKED = -1e30;

  private final ModelConfig config;
  /** The dense weights of a model built or read as such, else null. */
  private final Weights dense;
  private final int pad;
  // Built on the first run (the entries from the dense weights when there are only those); immutable, so
  // a race only builds them twice (the racy single-check idiom).
  private volatile WeightEntries entries;
  private volatile SparseWeights sparse;

  /** A forward pass over {@code dense} weights or, when that is null, over {@code entries}. */
  ForwardPass(ModelConfig config, Weights dense, WeightEntries entries, int pad) {
    this.config = config;
    this.dense = dense;
    this.entries = entries;
    this.pad = pad;
  }

  private WeightEntries entries() {
    WeightEntries e = entries;
    if (e == null) {
      e = WeightEntries.of(config, dense);
      entries = e;
    }
    return e;
  }

  private SparseWeights sparse() {
    SparseWeights s = sparse;
    if (s == null) {
      s = SparseWeights.of(config, entries());
      sparse = s;
    }
    return s;
  }

  /**
   * Runs the model on {@code ids} (valid ids, BOS first, at most nCtx long) and writes the unembedded
   * output, {@code [T][dVocabOut]}, to {@code out}. Records every activation in {@code trace} when it is
   * not null; without a trace, heads and MLPs whose output is identically zero are skipped.
   */
  void run(int[] ids, Workspace w, double[] out, TraceRecorder trace) {
    SparseWeights sparseWeights = sparse();
    WeightEntries weights = entries();
    int t = ids.length;
    int d = config.dModel();
    int dHead = config.dHead();
    int dMlp = config.dMlp();
    double[] x = w.residual;

    for (int p = 0; p < t; p++) { // x = W_E[t] + W_pos[p]
      for (int i = 0; i < d; i++) {
        x[p * d + i] = weights.wE[ids[p] * d + i] + weights.wPos[p * d + i];
      }
      w.keyAllowed[p] = ids[p] != pad;
    }
    if (trace != null) {
      trace.inputEmbeddings = rows(x, t, d);
    }

    double scale = 1.0 / Math.sqrt(dHead);
    for (int l = 0; l < config.layers(); l++) {
      WeightEntries.Layer layer = weights.layers[l];
      SparseWeights.Layer sparseLayer = sparseWeights.layers[l];

      // Attention: every head reads x; their outputs and b_O sum into one sub-layer output. Only the
      // components a sub-layer writes are computed (a traced run records all, the others 0).
      if (trace != null) {
        Arrays.fill(w.sublayer, 0, t * d, 0.0);
      }
      Kernels.fillColumns(w.sublayer, t, d, layer.bO(), 0, sparseLayer.attentionWrites());
      Kernels.nonzeros(x, t, d, sparseLayer.attentionReads(), w.residualIndex, w.residualCount);
      double[][][] patterns = trace == null ? null : new double[config.heads()][][];
      for (int h = 0; h < config.heads(); h++) {
        SparseWeights.Head head = sparseLayer.heads()[h];
        if (trace == null && !head.contributes()) {
          continue;
        }
        Kernels.fillColumns(w.query, t, dHead, layer.bQ(), h * dHead, head.scoreColumns());
        Kernels.matmulAdd(x, w.residualIndex, w.residualCount, head.wQ(), w.query, t);
        Kernels.fillColumns(w.key, t, dHead, layer.bK(), h * dHead, head.scoreColumns());
        Kernels.matmulAdd(x, w.residualIndex, w.residualCount, head.wK(), w.key, t);
        Kernels.fillColumns(w.value, t, dHead, layer.bV(), h * dHead, head.valueColumns());
        Kernels.matmulAdd(x, w.residualIndex, w.residualCount, head.wV(), w.value, t);
        Kernels.matmulTransposed(w.query, w.key, w.pattern, t, dHead, t, scale, head.scoreColumns(),
            w.components);
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
        Kernels.matmulColumns(w.pattern, w.value, w.mixed, t, t, dHead, head.valueColumns());
        Kernels.nonzeros(w.mixed, t, dHead, head.valueColumns(), w.mixedIndex, w.mixedCount);
        Kernels.matmulAdd(w.mixed, w.mixedIndex, w.mixedCount, head.wO(), w.sublayer, t);
      }
      Kernels.addColumns(x, w.sublayer, t, d, sparseLayer.attentionWrites());
      if (trace != null) {
        trace.attention.add(patterns);
        trace.layerOutputs.add(rows(w.sublayer, t, d));
        trace.residuals.add(rows(x, t, d));
      }

      // MLP: x += ReLU(x·W_in + b_in)·W_out + b_out, on the hidden units that reach W_out (all when traced)
      if (trace != null) {
        Arrays.fill(w.sublayer, 0, t * d, 0.0);
      }
      Kernels.fillColumns(w.sublayer, t, d, layer.bOut(), 0, sparseLayer.mlpWrites());
      if (trace != null || !sparseLayer.wOut().isZero()) {
        int[] units = trace == null ? sparseLayer.hiddenUnits() : sparseWeights.allHiddenUnits;
        Kernels.nonzeros(x, t, d, sparseLayer.mlpReads(), w.residualIndex, w.residualCount);
        Kernels.fillColumns(w.hidden, t, dMlp, layer.bIn(), 0, units);
        Kernels.matmulAdd(x, w.residualIndex, w.residualCount,
            trace == null ? sparseLayer.wInReaching() : sparseLayer.wIn(), w.hidden, t);
        Kernels.reluColumns(w.hidden, t, dMlp, units);
        if (trace != null) {
          trace.mlpHidden.add(rows(w.hidden, t, dMlp));
        }
        Kernels.nonzeros(w.hidden, t, dMlp, sparseLayer.hiddenUnits(), w.hiddenIndex, w.hiddenCount);
        Kernels.matmulAdd(w.hidden, w.hiddenIndex, w.hiddenCount, sparseLayer.wOut(), w.sublayer, t);
      }
      Kernels.addColumns(x, w.sublayer, t, d, sparseLayer.mlpWrites());
      if (trace != null) {
        trace.layerOutputs.add(rows(w.sublayer, t, d));
        trace.residuals.add(rows(x, t, d));
      }
    }

    int dOut = config.dVocabOut();
    for (int p = 0; p < t; p++) { // out = x·W_U + b_U
      System.arraycopy(weights.bU, 0, out, p * dOut, dOut);
    }
    Kernels.nonzeros(x, t, d, sparseWeights.unembeddingReads, w.residualIndex, w.residualCount);
    Kernels.matmulAdd(x, w.residualIndex, w.residualCount, sparseWeights.wU, out, t);
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
}
