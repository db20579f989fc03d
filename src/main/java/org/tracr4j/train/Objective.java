package org.tracr4j.train;

import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;

/**
 * The training loss of a compression {@code W} ({@code [D][d]}, row i = the compressed direction of
 * residual feature i) on one input, and its gradient with respect to W.
 *
 * <p>The compressed model keeps a d-wide residual {@code h}: {@code h₀ = e·W} for the embedding {@code
 * e}; sublayer s reads {@code x = h·Wᵀ}, computes {@code o = f_s(x)} with the frozen compiled weights and
 * writes {@code h += o·W}; the output is {@code (h·Wᵀ)·W_U + b_U}. The loss is
 *
 * <pre>
 *   output loss    categorical: cross-entropy of softmax(logits) against the compiled model's output
 *                  distribution softmax(compiled logits), minus that distribution's entropy (so 0 at
 *                  agreement);
 *                  numerical: squared error against the compiled model's output; mean over non-BOS positions
 *   per-layer loss Σ_s ‖o_s·W·Wᵀ − o*_s‖², o*_s the compiled model's sublayer output on the same input
 *                  (the compressed model's layer output read back into the D-wide basis); mean over
 *                  non-BOS positions
 * </pre>
 *
 * and the total is output loss + weight · per-layer loss. BOS's own outputs are never decoded, and a
 * compiled model may compute anything there (a query at BOS attends to BOS through the {@code one}
 * feature), so the per-layer loss leaves them out; what later layers read at BOS still reaches the output
 * loss through them. The backward pass runs the forward pass's
 * steps in reverse, each by hand.
 */
final class Objective {
  private final FrozenLayers net;
  private final Model compiled;
  private final boolean numerical;
  private final double tolerance;

  Objective(Model compiled, double tolerance) {
    this.compiled = compiled;
    this.net = new FrozenLayers(compiled);
    this.numerical = compiled.output().encoding() == OutputEncoding.NUMERICAL;
    this.tolerance = tolerance;
  }

  FrozenLayers layers() {
    return net;
  }

  Model compiled() {
    return compiled;
  }

  /** The compiled model's residual stream on {@code ids} at every sublayer boundary, {@code [t][D]} each. */
  java.util.List<double[]> residuals(int[] ids) {
    Reference ref = reference(ids);
    java.util.List<double[]> residuals = new java.util.ArrayList<>();
    double[] x = ref.embedding.clone();
    residuals.add(x.clone());
    for (double[] out : ref.layerOutputs) {
      for (int i = 0; i < x.length; i++) {
        x[i] += out[i];
      }
      residuals.add(x.clone());
    }
    return residuals;
  }

  /** Sums over a set of inputs: losses (already scaled), accuracy counts and cosine terms per sublayer. */
  static final class Stats {
    double outputLoss;
    double layerLoss;
    long sequences;
    long sequencesRight;
    long positions;
    long positionsRight;
    final double[] dot;
    final double[] normCompressed;
    final double[] normCompiled;

    Stats(int sublayers) {
      dot = new double[sublayers];
      normCompressed = new double[sublayers];
      normCompiled = new double[sublayers];
    }

    /** Adds {@code other} into this one (callers add in a fixed order, so sums are reproducible). */
    void add(Stats other) {
      outputLoss += other.outputLoss;
      layerLoss += other.layerLoss;
      sequences += other.sequences;
      sequencesRight += other.sequencesRight;
      positions += other.positions;
      positionsRight += other.positionsRight;
      for (int s = 0; s < dot.length; s++) {
        dot[s] += other.dot[s];
        normCompressed[s] += other.normCompressed[s];
        normCompiled[s] += other.normCompiled[s];
      }
    }

    /** Cosine similarity of the compressed and compiled outputs of sublayer s, over all positions. */
    double cosine(int s) {
      if (normCompressed[s] == 0.0 && normCompiled[s] == 0.0) {
        return 1.0;
      }
      if (normCompressed[s] == 0.0 || normCompiled[s] == 0.0) {
        return 0.0;
      }
      return dot[s] / Math.sqrt(normCompressed[s] * normCompiled[s]);
    }
  }

  /**
   * Runs input {@code ids} (BOS first) through the compressed model, adds its loss terms to {@code stats}
   * and, when {@code grad} is not null, its gradient to {@code grad} ({@code [D][d]}).
   *
   * @param outputScale multiplies every position's output loss (1 / output positions of the batch)
   * @param layerScale multiplies every position's per-layer loss (weight / positions of the batch)
   */
  void accumulate(double[] w, int d, int[] ids, double outputScale, double layerScale, double[] grad,
      Stats stats) {
    ModelConfig c = net.config();
    int t = ids.length;
    int big = c.dModel();
    int vOut = c.dVocabOut();
    int subs = net.count();
    FrozenLayers.Cache scratch = new FrozenLayers.Cache(c);

    // The compiled model on the same input: the targets (computed once per distinct input).
    Reference ref = reference(ids);
    double[] e = ref.embedding;
    double[][] target = ref.layerOutputs;
    double[] targetLogits = ref.logits;

    // The compressed model.
    double[][] h = new double[subs + 1][t * d];
    double[][] o = new double[subs][t * big];
    double[][] r = new double[subs][t * d];
    double[][] u = new double[subs][t * big];
    FrozenLayers.Cache[] caches = new FrozenLayers.Cache[subs];
    double[] x = new double[t * big];
    Linalg.mul(e, t, big, w, 0, d, h[0]);
    for (int s = 0; s < subs; s++) {
      caches[s] = grad == null ? scratch : new FrozenLayers.Cache(c);
      Linalg.mulTransposed(h[s], t, d, w, 0, big, x);
      net.forward(s, ids, x, caches[s], o[s]);
      Linalg.mul(o[s], t, big, w, 0, d, r[s]);
      Linalg.mulTransposed(r[s], t, d, w, 0, big, u[s]);
      for (int i = 0; i < t * d; i++) {
        h[s + 1][i] = h[s][i] + r[s][i];
      }
    }
    double[] z = new double[t * big];
    Linalg.mulTransposed(h[subs], t, d, w, 0, big, z);
    double[] logits = new double[t * vOut];
    net.unembed(z, t, logits);

    // Losses, their gradients with respect to the logits and to each read-back layer output, accuracy.
    double[] dLogits = new double[t * vOut];
    boolean sequenceRight = true;
    for (int p = 1; p < t; p++) {
      int row = p * vOut;
      boolean right;
      if (numerical) {
        right = true;
        for (int j = 0; j < vOut; j++) {
          double diff = logits[row + j] - targetLogits[row + j];
          stats.outputLoss += outputScale * diff * diff;
          dLogits[row + j] = 2 * outputScale * diff;
          right &= Math.abs(diff) <= tolerance;
        }
      } else {
        int wanted = decode(targetLogits, row, vOut);
        right = decode(logits, row, vOut) == wanted;
        // Cross-entropy against the compiled model's output distribution softmax(target), minus its
        // entropy (the KL divergence): zero, with a zero gradient, exactly when the logits agree up to a
        // constant. Against the decoded answer alone the loss would keep pushing the margins up, and W
        // with them, away from the compiled computation.
        double max = Double.NEGATIVE_INFINITY;
        double targetMax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vOut; j++) {
          max = Math.max(max, logits[row + j]);
          targetMax = Math.max(targetMax, targetLogits[row + j]);
        }
        double sum = 0.0;
        double targetSum = 0.0;
        for (int j = 0; j < vOut; j++) {
          sum += StrictMath.exp(logits[row + j] - max);
          targetSum += StrictMath.exp(targetLogits[row + j] - targetMax);
        }
        double logSum = max + StrictMath.log(sum);
        double targetLogSum = targetMax + StrictMath.log(targetSum);
        for (int j = 0; j < vOut; j++) {
          double pj = StrictMath.exp(targetLogits[row + j] - targetLogSum);
          double q = StrictMath.exp(logits[row + j] - logSum);
          stats.outputLoss += outputScale * pj * ((targetLogits[row + j] - targetLogSum)
              - (logits[row + j] - logSum));
          dLogits[row + j] = outputScale * (q - pj);
        }
      }
      stats.positions++;
      if (right) {
        stats.positionsRight++;
      }
      sequenceRight &= right;
    }
    stats.sequences++;
    if (sequenceRight) {
      stats.sequencesRight++;
    }
    double[][] du = new double[subs][t * big];
    for (int s = 0; s < subs; s++) {
      for (int i = big; i < t * big; i++) { // from position 1: what BOS's own outputs hold is never decoded
        double diff = u[s][i] - target[s][i];
        stats.layerLoss += layerScale * diff * diff;
        du[s][i] = 2 * layerScale * diff;
        stats.dot[s] += u[s][i] * target[s][i];
        stats.normCompressed[s] += u[s][i] * u[s][i];
        stats.normCompiled[s] += target[s][i] * target[s][i];
      }
    }
    if (grad == null) {
      return;
    }

    // Backward, from the output to the embedding; every "+=" into grad is one use of W.
    double[] dz = new double[t * big];
    net.unembedBackward(dLogits, t, dz);
    double[] dh = new double[t * d];
    Linalg.mul(dz, t, big, w, 0, d, dh); //                 z = h·Wᵀ
    Linalg.transposedMulAdd(dz, t, big, h[subs], d, grad);
    double[] dr = new double[t * d];
    double[] dOut = new double[t * big];
    double[] dx = new double[t * big];
    for (int s = subs - 1; s >= 0; s--) {
      System.arraycopy(dh, 0, dr, 0, t * d); //             h_{s+1} = h_s + r_s
      Linalg.mulAdd(du[s], t, big, w, 0, d, dr); //          u = r·Wᵀ
      Linalg.transposedMulAdd(du[s], t, big, r[s], d, grad);
      Linalg.mulTransposed(dr, t, d, w, 0, big, dOut); //    r = o·W
      Linalg.transposedMulAdd(o[s], t, big, dr, d, grad);
      net.backward(s, t, dOut, caches[s], dx); //            o = f_s(x)
      Linalg.mulAdd(dx, t, big, w, 0, d, dh); //             x = h·Wᵀ
      Linalg.transposedMulAdd(dx, t, big, h[s], d, grad);
    }
    Linalg.transposedMulAdd(e, t, big, dh, d, grad); //      h₀ = e·W
  }

  /** The compressed residual {@code h}, {@code [t][d]}, at every sublayer boundary (embedding first). */
  java.util.List<double[]> compressedResiduals(double[] w, int d, int[] ids) {
    ModelConfig c = net.config();
    int t = ids.length;
    int big = c.dModel();
    FrozenLayers.Cache cache = new FrozenLayers.Cache(c);
    double[] e = new double[t * big];
    net.embed(ids, e);
    double[] h = new double[t * d];
    Linalg.mul(e, t, big, w, 0, d, h);
    java.util.List<double[]> states = new java.util.ArrayList<>();
    states.add(h.clone());
    double[] x = new double[t * big];
    double[] o = new double[t * big];
    double[] r = new double[t * d];
    for (int s = 0; s < net.count(); s++) {
      Linalg.mulTransposed(h, t, d, w, 0, big, x);
      net.forward(s, ids, x, cache, o);
      Linalg.mul(o, t, big, w, 0, d, r);
      for (int i = 0; i < t * d; i++) {
        h[i] += r[i];
      }
      states.add(h.clone());
    }
    return states;
  }

  /** The compressed model's output logits, {@code [t][dVocabOut]}, on {@code ids}. */
  double[] logits(double[] w, int d, int[] ids) {
    ModelConfig c = net.config();
    int t = ids.length;
    java.util.List<double[]> residuals = compressedResiduals(w, d, ids);
    double[] x = new double[t * c.dModel()];
    Linalg.mulTransposed(residuals.get(residuals.size() - 1), t, d, w, 0, c.dModel(), x);
    double[] logits = new double[t * c.dVocabOut()];
    net.unembed(x, t, logits);
    return logits;
  }

  /** The compiled model's embedding, sublayer outputs and logits on one input. */
  private record Reference(double[] embedding, double[][] layerOutputs, double[] logits) {}

  /** Inputs seen so far; small programs have few distinct inputs, and every step redraws from them. */
  private final java.util.concurrent.ConcurrentHashMap<java.util.List<Integer>, Reference> references =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_REFERENCES = 100_000;

  private Reference reference(int[] ids) {
    java.util.List<Integer> key = java.util.Arrays.stream(ids).boxed().toList();
    Reference known = references.get(key);
    if (known != null) {
      return known;
    }
    Reference computed = computeReference(ids);
    if (references.size() < MAX_REFERENCES) {
      references.putIfAbsent(key, computed);
    }
    return computed;
  }

  private Reference computeReference(int[] ids) {
    ModelConfig c = net.config();
    int t = ids.length;
    int big = c.dModel();
    double[] e = new double[t * big];
    net.embed(ids, e);
    double[][] target = new double[net.count()][t * big];
    double[] xs = e.clone();
    FrozenLayers.Cache scratch = new FrozenLayers.Cache(c);
    for (int s = 0; s < net.count(); s++) {
      net.forward(s, ids, xs, scratch, target[s]);
      for (int i = 0; i < t * big; i++) {
        xs[i] += target[s][i];
      }
    }
    double[] logits = new double[t * c.dVocabOut()];
    net.unembed(xs, t, logits);
    return new Reference(e, target, logits);
  }

  /** The model's categorical decoding of one output row: the index of the largest entry, −1 for none. */
  static int decode(double[] logits, int row, int width) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      if (logits[row + j] > logits[row + best]) {
        best = j;
      }
    }
    return logits[row + best] < Model.CATEGORICAL_THRESHOLD ? -1 : best;
  }
}
