package org.tracr4j.train;

import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;

/**
 * A compiled model's pieces as functions of its D-wide residual stream, each with a hand-written backward
 * pass (llm.c style): the embedding, the {@code 2·layers} sublayers (attention, then MLP, per layer) and the
 * unembedding. The weights never change; training only moves the compression around them.
 *
 * <p>The sublayers compute exactly what {@code model.ForwardPass} computes (the test suite checks it):
 * attention {@code Σ_h softmax(mask(q·kᵀ/√dHead))·v·W_O[h] + b_O}, PAD keys (and later keys when causal)
 * masked; MLP {@code ReLU(x·W_in + b_in)·W_out + b_out}.
 */
final class FrozenLayers {
  /** Logit of a masked key, as in the model's forward pass: exp of it is exactly 0. */
  static final double MASKED = -1e30;

  private final ModelConfig c;
  private final Weights w;
  private final int pad;
  private final boolean[][] headUsed; // [layer][head]: false when W_O[h] is all zero, so the head adds 0

  FrozenLayers(Model model) {
    this.c = model.config();
    this.w = model.weights();
    this.pad = model.vocabulary().pad();
    this.headUsed = new boolean[c.layers()][c.heads()];
    int block = c.dHead() * c.dModel();
    for (int l = 0; l < c.layers(); l++) {
      double[] wO = w.layers().get(l).wO();
      for (int h = 0; h < c.heads(); h++) {
        for (int i = h * block; i < (h + 1) * block && !headUsed[l][h]; i++) {
          headUsed[l][h] = wO[i] != 0.0;
        }
      }
    }
  }

  ModelConfig config() {
    return c;
  }

  /** Number of sublayers: two per layer. */
  int count() {
    return 2 * c.layers();
  }

  /** What one sublayer's forward pass keeps for its backward pass, for sequences up to nCtx long. */
  static final class Cache {
    final double[][] q;
    final double[][] k;
    final double[][] v;
    final double[][] pattern;
    final double[][] mixed;
    final double[] pre;

    Cache(ModelConfig c) {
      int t = c.nCtx();
      q = new double[c.heads()][t * c.dHead()];
      k = new double[c.heads()][t * c.dHead()];
      v = new double[c.heads()][t * c.dHead()];
      pattern = new double[c.heads()][t * t];
      mixed = new double[c.heads()][t * c.dHead()];
      pre = new double[t * c.dMlp()];
    }
  }

  /** {@code e[t][D] = W_E[ids[t]] + W_pos[t]}. */
  void embed(int[] ids, double[] e) {
    int d = c.dModel();
    for (int p = 0; p < ids.length; p++) {
      for (int i = 0; i < d; i++) {
        e[p * d + i] = w.wE()[ids[p] * d + i] + w.wPos()[p * d + i];
      }
    }
  }

  /** {@code logits[t][V] = z[t][D]·W_U + b_U}. */
  void unembed(double[] z, int t, double[] logits) {
    Linalg.mul(z, t, c.dModel(), w.wU(), 0, c.dVocabOut(), logits);
    Linalg.addRows(logits, t, w.bU(), 0, c.dVocabOut());
  }

  /** {@code dz = dLogits·W_Uᵀ}. */
  void unembedBackward(double[] dLogits, int t, double[] dz) {
    Linalg.mulTransposed(dLogits, t, c.dVocabOut(), w.wU(), 0, c.dModel(), dz);
  }

  /** Whether position {@code p} of {@code ids} may be attended to. */
  boolean keyAllowed(int[] ids, int p) {
    return ids[p] != pad;
  }

  /** {@code out[t][D] = sublayer s}({@code x[t][D]}), filling {@code cache}. */
  void forward(int s, int[] ids, double[] x, Cache cache, double[] out) {
    int t = ids.length;
    int d = c.dModel();
    Weights.Layer layer = w.layers().get(s / 2);
    java.util.Arrays.fill(out, 0, t * d, 0.0);
    if (s % 2 == 1) {
      Linalg.mul(x, t, d, layer.wIn(), 0, c.dMlp(), cache.pre);
      Linalg.addRows(cache.pre, t, layer.bIn(), 0, c.dMlp());
      double[] hidden = new double[t * c.dMlp()];
      for (int i = 0; i < t * c.dMlp(); i++) {
        hidden[i] = Math.max(cache.pre[i], 0.0);
      }
      Linalg.mul(hidden, t, c.dMlp(), layer.wOut(), 0, d, out);
      Linalg.addRows(out, t, layer.bOut(), 0, d);
      return;
    }
    int dh = c.dHead();
    double scale = 1.0 / Math.sqrt(dh);
    for (int h = 0; h < c.heads(); h++) {
      if (!headUsed[s / 2][h]) {
        continue;
      }
      int off = h * d * dh;
      Linalg.mul(x, t, d, layer.wQ(), off, dh, cache.q[h]);
      Linalg.addRows(cache.q[h], t, layer.bQ(), h * dh, dh);
      Linalg.mul(x, t, d, layer.wK(), off, dh, cache.k[h]);
      Linalg.addRows(cache.k[h], t, layer.bK(), h * dh, dh);
      Linalg.mul(x, t, d, layer.wV(), off, dh, cache.v[h]);
      Linalg.addRows(cache.v[h], t, layer.bV(), h * dh, dh);
      double[] pattern = cache.pattern[h];
      Linalg.mulTransposed(cache.q[h], t, dh, cache.k[h], 0, t, pattern);
      for (int i = 0; i < t; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < t; j++) {
          int ij = i * t + j;
          pattern[ij] = !keyAllowed(ids, j) || (c.causal() && j > i) ? MASKED : pattern[ij] * scale;
          max = Math.max(max, pattern[ij]);
        }
        double sum = 0.0;
        for (int j = 0; j < t; j++) {
          double e = StrictMath.exp(pattern[i * t + j] - max);
          pattern[i * t + j] = e;
          sum += e;
        }
        for (int j = 0; j < t; j++) {
          pattern[i * t + j] /= sum;
        }
      }
      Linalg.mul(pattern, t, t, cache.v[h], 0, dh, cache.mixed[h]);
      Linalg.mulAdd(cache.mixed[h], t, dh, layer.wO(), h * dh * d, d, out);
    }
    Linalg.addRows(out, t, layer.bO(), 0, d);
  }

  /** {@code dx[t][D]} (overwritten) from {@code dOut[t][D]}, using the cache of the forward pass. */
  void backward(int s, int t, double[] dOut, Cache cache, double[] dx) {
    int d = c.dModel();
    Weights.Layer layer = w.layers().get(s / 2);
    if (s % 2 == 1) {
      double[] dHidden = new double[t * c.dMlp()];
      Linalg.mulTransposed(dOut, t, d, layer.wOut(), 0, c.dMlp(), dHidden);
      for (int i = 0; i < t * c.dMlp(); i++) {
        if (cache.pre[i] <= 0.0) {
          dHidden[i] = 0.0;
        }
      }
      Linalg.mulTransposed(dHidden, t, c.dMlp(), layer.wIn(), 0, d, dx);
      return;
    }
    java.util.Arrays.fill(dx, 0, t * d, 0.0);
    int dh = c.dHead();
    double scale = 1.0 / Math.sqrt(dh);
    double[] dMixed = new double[t * dh];
    double[] dPattern = new double[t * t];
    double[] dq = new double[t * dh];
    double[] dk = new double[t * dh];
    double[] dv = new double[t * dh];
    for (int h = 0; h < c.heads(); h++) {
      if (!headUsed[s / 2][h]) {
        continue;
      }
      int off = h * d * dh;
      double[] pattern = cache.pattern[h];
      Linalg.mulTransposed(dOut, t, d, layer.wO(), h * dh * d, dh, dMixed);
      Linalg.mulTransposed(dMixed, t, dh, cache.v[h], 0, t, dPattern);
      java.util.Arrays.fill(dv, 0.0);
      Linalg.transposedMulAdd(pattern, t, t, dMixed, dh, dv);
      // softmax backward: dS_ij = P_ij (dP_ij − Σ_k P_ik dP_ik); masked keys have P = 0, so dS = 0 there
      for (int i = 0; i < t; i++) {
        double dot = 0.0;
        for (int j = 0; j < t; j++) {
          dot += pattern[i * t + j] * dPattern[i * t + j];
        }
        for (int j = 0; j < t; j++) {
          int ij = i * t + j;
          dPattern[ij] = pattern[ij] * (dPattern[ij] - dot) * scale;
        }
      }
      Linalg.mul(dPattern, t, t, cache.k[h], 0, dh, dq);
      java.util.Arrays.fill(dk, 0.0);
      Linalg.transposedMulAdd(dPattern, t, t, cache.q[h], dh, dk);
      Linalg.mulTransposedAdd(dq, t, dh, layer.wQ(), off, d, dx);
      Linalg.mulTransposedAdd(dk, t, dh, layer.wK(), off, d, dx);
      Linalg.mulTransposedAdd(dv, t, dh, layer.wV(), off, d, dx);
    }
  }
}
