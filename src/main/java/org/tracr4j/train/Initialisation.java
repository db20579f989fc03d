package org.tracr4j.train;

import java.util.SplittableRandom;

/**
 * Where W starts.
 *
 * <ul>
 *   <li>{@link #PCA}: the top-d eigenvectors of the second-moment matrix of the compiled model's residual
 *       stream (every sublayer boundary, every non-BOS position, of {@value #PCA_INPUTS} inputs drawn from
 *       the training distribution): the best rank-d linear reading of the residual.
 *   <li>{@link #ABLATION} (the default): the same with each feature scaled by the square root of its
 *       ablation importance, the loss of the uncompressed model (W = I) with that feature's row of W set
 *       to zero, on the same inputs. Features no layer needs (tokens never read, {@code one} where it only
 *       steers BOS) weigh nothing, so training starts inside the span of what the computation uses.
 *   <li>{@link #RANDOM}: orthonormal columns from Gram–Schmidt on a Gaussian matrix (InterpBench's
 *       orthogonal start).
 * </ul>
 */
public enum Initialisation {
  ABLATION,
  PCA,
  RANDOM;

  static final int PCA_INPUTS = 512;

  /** W, {@code [D][d]}, drawing what it needs from {@code random}. */
  double[] initial(Objective objective, CompressionOptions options, SplittableRandom random) {
    int big = objective.layers().config().dModel();
    int d = options.dim();
    if (this == RANDOM) {
      return orthonormalColumns(big, d, random);
    }
    int[][] inputs = new int[PCA_INPUTS][];
    for (int n = 0; n < inputs.length; n++) {
      inputs[n] = options.inputs().sample(objective.compiled(), random);
    }
    double[] scale = new double[big];
    java.util.Arrays.fill(scale, 1.0);
    if (this == ABLATION) {
      scale = ablationImportance(objective, inputs, options.layerLossWeight());
      for (int i = 0; i < big; i++) {
        scale[i] = Math.sqrt(scale[i]);
      }
    }
    double[] moment = new double[big * big];
    for (int[] ids : inputs) {
      for (double[] residual : objective.residuals(ids)) {
        int rows = ids.length - 1;
        double[] x = new double[rows * big];
        for (int p = 0; p < rows; p++) {
          for (int i = 0; i < big; i++) {
            x[p * big + i] = residual[(p + 1) * big + i] * scale[i];
          }
        }
        Linalg.transposedMulAdd(x, rows, big, x, big, moment);
      }
    }
    double[] vectors = new double[big * big];
    double[] values = SymmetricEigen.decompose(moment, big, vectors);
    Integer[] order = new Integer[big];
    for (int i = 0; i < big; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    double[] w = new double[big * d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < big; i++) {
        w[i * d + j] = vectors[i * big + order[j]];
      }
    }
    return w;
  }

  /** Per feature, the loss on {@code inputs} of the identity compression with that feature's row zeroed. */
  static double[] ablationImportance(Objective objective, int[][] inputs, double layerWeight) {
    int big = objective.layers().config().dModel();
    long outputPositions = 0;
    for (int[] ids : inputs) {
      outputPositions += ids.length - 1;
    }
    double[] importance = new double[big];
    for (int f = 0; f < big; f++) {
      double[] w = new double[big * big];
      for (int i = 0; i < big; i++) {
        w[i * big + i] = i == f ? 0.0 : 1.0;
      }
      Objective.Stats stats = new Objective.Stats(objective.layers().count());
      for (int[] ids : inputs) {
        objective.accumulate(w, big, ids, 1.0 / outputPositions, layerWeight / outputPositions, null, stats);
      }
      importance[f] = stats.outputLoss + stats.layerLoss;
    }
    return importance;
  }

  /** A {@code [rows][cols]} matrix with orthonormal columns, from Gram–Schmidt on Gaussian entries. */
  static double[] orthonormalColumns(int rows, int cols, SplittableRandom random) {
    double[] m = new double[rows * cols];
    for (int i = 0; i < m.length; i++) {
      m[i] = random.nextGaussian();
    }
    for (int j = 0; j < cols; j++) {
      for (int pass = 0; pass < 2; pass++) { // twice: classical Gram–Schmidt loses orthogonality once
        for (int k = 0; k < j; k++) {
          double dot = 0.0;
          for (int i = 0; i < rows; i++) {
            dot += m[i * cols + j] * m[i * cols + k];
          }
          for (int i = 0; i < rows; i++) {
            m[i * cols + j] -= dot * m[i * cols + k];
          }
        }
      }
      double norm = 0.0;
      for (int i = 0; i < rows; i++) {
        norm += m[i * cols + j] * m[i * cols + j];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < rows; i++) {
        m[i * cols + j] /= norm;
      }
    }
    return m;
  }
}
