package org.tracr4j.train;

import java.util.SplittableRandom;

/**
 * Where W starts.
 *
 * <ul>
 *   <li>{@link #PCA}: the top-d eigenvectors of the second-moment matrix of the compiled model's residual
 *       stream (every sublayer boundary, every position, of {@value #PCA_INPUTS} inputs drawn from the
 *       training distribution): the best rank-d linear reading of the residual. BOS's position counts: the
 *       features only BOS holds ({@code tokens:BOS}) steer where the other positions attend.
 *   <li>{@link #ABLATION} (the default): each feature's ablation importance is the loss of the uncompressed
 *       model (W = I) with that feature's row of W set to zero, on the same inputs; a feature is used when
 *       its importance is not zero. When the used features' residual fits in d dimensions (the moment of
 *       the residual restricted to them has rank at most d), W spans it exactly: the start is an exact
 *       compression. Otherwise two starts, and the trainer keeps the one that does better on its
 *       validation inputs: the PCA above with each feature scaled by the square root of its importance
 *       (features no layer needs weigh nothing, the important ones most), and the used features' PCA cut
 *       to d. (Scaling alone would keep the start off exact even when the used features fit: the linear
 *       relations between them, such as one-hot groups summing to {@code one}, do not survive it.)
 *   <li>{@link #RANDOM}: orthonormal columns from Gram–Schmidt on a Gaussian matrix (InterpBench's
 *       orthogonal start).
 * </ul>
 */
public enum Initialisation {
  ABLATION,
  PCA,
  RANDOM;

  static final int PCA_INPUTS = 512;
  /** A feature is used when its ablation importance exceeds this fraction of the largest one. */
  static final double USED = 1e-9;
  /** Eigenvalues below this fraction of the largest count as zero (the moment's rank). */
  static final double RANK_TOLERANCE = 1e-10;

  /** W, {@code [D][d]}, drawing what it needs from {@code random}: the first of {@link #candidates}. */
  double[] initial(Objective objective, CompressionOptions options, SplittableRandom random) {
    return candidates(objective, options, random).get(0);
  }

  /**
   * The starts to choose from, each {@code [D][d]} (the trainer keeps the one that does best on its
   * validation inputs, the first on ties): one for {@link #PCA} and {@link #RANDOM}; for {@link #ABLATION}
   * the exact compression of the used features when they fit, else the importance-weighted PCA and the
   * used features' own PCA cut to d.
   */
  java.util.List<double[]> candidates(Objective objective, CompressionOptions options,
      SplittableRandom random) {
    int big = objective.layers().config().dModel();
    int d = options.dim();
    if (this == RANDOM) {
      return java.util.List.of(orthonormalColumns(big, d, random));
    }
    int[][] inputs = new int[PCA_INPUTS][];
    for (int n = 0; n < inputs.length; n++) {
      inputs[n] = options.inputs().sample(objective.compiled(), random);
    }
    double[] ones = new double[big];
    java.util.Arrays.fill(ones, 1.0);
    if (this == PCA) {
      return java.util.List.of(topColumns(principalDirections(objective, inputs, ones).vectors, big, d));
    }
    double[] importance = ablationImportance(objective, inputs, options.layerLossWeight());
    double most = 0;
    for (double value : importance) {
      most = Math.max(most, value);
    }
    double[] used = new double[big];
    double[] scale = new double[big];
    for (int i = 0; i < big; i++) {
      used[i] = importance[i] > USED * most ? 1.0 : 0.0;
      scale[i] = Math.sqrt(importance[i]);
    }
    Directions exact = principalDirections(objective, inputs, used);
    double[] usedStart = topColumns(exact.vectors, big, d);
    if (exact.rank <= d) {
      return java.util.List.of(usedStart);
    }
    double[] weighted = topColumns(principalDirections(objective, inputs, scale).vectors, big, d);
    return java.util.List.of(weighted, usedStart);
  }

  /** Eigenvectors, {@code [D][D]} with columns by decreasing eigenvalue, and the number not zero. */
  private record Directions(double[] vectors, int rank) {}

  /**
   * The eigenvectors of the second-moment matrix of the compiled residual stream on {@code inputs} (every
   * sublayer boundary, every position, BOS included: what BOS holds steers the attention of the other
   * positions), each feature multiplied by {@code scale}.
   */
  private static Directions principalDirections(Objective objective, int[][] inputs, double[] scale) {
    int big = scale.length;
    double[] moment = new double[big * big];
    for (int[] ids : inputs) {
      for (double[] residual : objective.residuals(ids)) {
        int rows = ids.length;
        double[] x = new double[rows * big];
        for (int p = 0; p < rows; p++) {
          for (int i = 0; i < big; i++) {
            x[p * big + i] = residual[p * big + i] * scale[i];
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
    double[] sorted = new double[big * big];
    for (int j = 0; j < big; j++) {
      for (int i = 0; i < big; i++) {
        sorted[i * big + j] = vectors[i * big + order[j]];
      }
    }
    double top = Math.max(values[order[0]], Double.MIN_NORMAL);
    int rank = 0;
    while (rank < big && values[order[rank]] > RANK_TOLERANCE * top) {
      rank++;
    }
    return new Directions(sorted, rank);
  }

  /** The first {@code d} columns of a {@code [rows][rows]} matrix. */
  private static double[] topColumns(double[] square, int rows, int d) {
    double[] w = new double[rows * d];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(square, i * rows, w, i * d, d);
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
