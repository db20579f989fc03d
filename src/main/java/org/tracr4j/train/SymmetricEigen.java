package org.tracr4j.train;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: simple, accurate to
 * rounding, and deterministic (a fixed sweep order). Residual widths are at most a few hundred.
 */
final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private SymmetricEigen() {}

  /**
   * The eigenvalues of {@code a} ({@code [n][n]}, symmetric, not modified); {@code vectors} receives the
   * eigenvectors as columns, {@code vectors[i][k]} = component i of the eigenvector of eigenvalue k.
   */
  static double[] decompose(double[] a, int n, double[] vectors) {
    double[] m = a.clone();
    java.util.Arrays.fill(vectors, 0.0);
    for (int i = 0; i < n; i++) {
      vectors[i * n + i] = 1.0;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0.0;
      double total = 0.0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          total += m[i * n + j] * m[i * n + j];
          if (i != j) {
            off += m[i * n + j] * m[i * n + j];
          }
        }
      }
      if (off <= 1e-30 * Math.max(total, Double.MIN_NORMAL)) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p * n + q];
          if (apq == 0.0) {
            continue;
          }
          double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0.0) {
            t = 1.0;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) { // columns p and q
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) { // rows p and q
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = vectors[k * n + p];
            double vkq = vectors[k * n + q];
            vectors[k * n + p] = c * vkp - s * vkq;
            vectors[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = m[i * n + i];
    }
    return values;
  }
}
