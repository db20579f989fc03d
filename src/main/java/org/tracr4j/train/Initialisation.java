package org.tracr4j.train;

import java.util.SplittableRandom;

/**
 * Where W starts. {@link #PCA} (the default): the top-d eigenvectors of the second-moment matrix of the
 * compiled model's residual stream (every sublayer boundary, every position, of {@value #PCA_INPUTS} inputs
 * drawn from the training distribution), so training starts from the best rank-d linear reading of the
 * residual; ties between eigenvalues are broken by the sampled inputs. {@link #RANDOM}: orthonormal columns
 * from Gram–Schmidt on a Gaussian matrix (InterpBench's orthogonal start).
 */
public enum Initialisation {
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
    double[] moment = new double[big * big];
    for (int n = 0; n < PCA_INPUTS; n++) {
      int[] ids = options.inputs().sample(objective.compiled(), random);
      for (double[] residual : objective.residuals(ids)) {
        Linalg.transposedMulAdd(residual, ids.length, big, residual, big, moment);
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
