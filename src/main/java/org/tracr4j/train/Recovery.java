package org.tracr4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Can superposition be reverted? Learns a sparse dictionary on a compressed model's residual activations
 * and scores it against the compiler's features, which are known exactly: feature f's compressed direction
 * is row f of W.
 *
 * <p>The dictionary is a sparse autoencoder with an L1 penalty (as in Anthropic's "Towards
 * Monosemanticity" and SAELens): codes {@code z = ReLU(h·E + b)}, reconstruction {@code ĥ = z·A} with
 * unit-length atoms (the rows of A, renormalised after every step), loss {@code mean ‖ĥ − h‖² + λ · mean
 * Σ z}, Adam, {@value #STEPS} steps of {@value #BATCH} activations. The activations are the compressed
 * residual {@code h} at every sublayer boundary and non-BOS position of {@value #INPUTS} inputs from the
 * training distribution; atoms start at normalised activations. A feature's score is the largest cosine
 * between its direction and an atom; it counts as recovered from {@value #RECOVERED_FROM}.
 */
public final class Recovery {
  public static final int INPUTS = 512;
  public static final int STEPS = 3000;
  public static final int BATCH = 256;
  public static final double L1 = 0.1;
  public static final double LEARNING_RATE = 0.005;
  /** Atoms per original feature. */
  public static final int ATOMS_PER_FEATURE = 2;
  public static final double RECOVERED_FROM = 0.9;
  public static final String DESCRIPTION = "Sparse autoencoder (L1 " + L1 + ", " + ATOMS_PER_FEATURE
      + "·D unit atoms, Adam " + LEARNING_RATE + ", " + STEPS + " steps of " + BATCH + ") on the compressed "
      + "residual activations of " + INPUTS + " inputs; each cell is the largest cosine between the "
      + "feature's row of W and an atom; recovered from " + RECOVERED_FROM + ".";

  /**
   * The score of one dictionary.
   *
   * @param bestCosines per residual feature, the largest cosine of its direction with an atom
   * @param recovered features whose best cosine is at least {@link #RECOVERED_FROM}
   * @param recoveredOfUsed the same among features that were not dropped
   * @param used features that were not dropped
   * @param reconstruction the mean squared reconstruction error per activation, relative to the mean
   *     squared activation
   */
  public record Result(double[] bestCosines, int recovered, int recoveredOfUsed, int used,
      double reconstruction) {
    public Map<String, Object> json() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("recovered", recovered);
      doc.put("recovered_of_not_dropped", recoveredOfUsed);
      doc.put("not_dropped", used);
      doc.put("relative_reconstruction_error", reconstruction);
      List<Double> cosines = new ArrayList<>();
      for (double c : bestCosines) {
        cosines.add(c);
      }
      doc.put("best_cosines", cosines);
      return doc;
    }
  }

  private Recovery() {}

  /** Learns a dictionary for {@code compression} (seeded by its seed) and scores it. */
  public static Result learn(Compression compression) {
    return learn(compression, L1, STEPS);
  }

  /** {@link #learn(Compression)} with L1 weight {@code l1} and {@code steps} steps. */
  static Result learn(Compression compression, double l1, int steps) {
    Objective objective = new Objective(compression.compiled(), compression.options().tolerance());
    int d = compression.width();
    int big = compression.originalWidth();
    SplittableRandom random = new SplittableRandom(compression.options().seed() * 31 + 7);
    List<double[]> data = new ArrayList<>();
    for (int n = 0; n < INPUTS; n++) {
      int[] ids = compression.options().inputs().sample(compression.compiled(), random);
      for (double[] h : objective.compressedResiduals(compression.w(), d, ids)) {
        for (int p = 1; p < ids.length; p++) {
          data.add(java.util.Arrays.copyOfRange(h, p * d, (p + 1) * d));
        }
      }
    }
    int m = ATOMS_PER_FEATURE * big;
    double[] atoms = new double[m * d];
    for (int k = 0; k < m; k++) {
      double[] h = data.get(random.nextInt(data.size()));
      for (int j = 0; j < d; j++) {
        atoms[k * d + j] = h[j] + 0.01 * random.nextGaussian();
      }
    }
    normaliseRows(atoms, m, d);
    double[] enc = new double[d * m]; // tied start: E = Aᵀ
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < d; j++) {
        enc[j * m + k] = atoms[k * d + j];
      }
    }
    double[] bias = new double[m];
    Compressor.Adam adamA = new Compressor.Adam(atoms.length);
    Compressor.Adam adamE = new Compressor.Adam(enc.length);
    Compressor.Adam adamB = new Compressor.Adam(m);
    double[] x = new double[BATCH * d];
    double[] pre = new double[BATCH * m];
    double[] z = new double[BATCH * m];
    double[] rec = new double[BATCH * d];
    for (int step = 0; step < steps; step++) {
      for (int b = 0; b < BATCH; b++) {
        System.arraycopy(data.get(random.nextInt(data.size())), 0, x, b * d, d);
      }
      Linalg.mul(x, BATCH, d, enc, 0, m, pre);
      Linalg.addRows(pre, BATCH, bias, 0, m);
      for (int i = 0; i < z.length; i++) {
        z[i] = Math.max(0, pre[i]);
      }
      Linalg.mul(z, BATCH, m, atoms, 0, d, rec);
      double[] dRec = new double[BATCH * d];
      for (int i = 0; i < dRec.length; i++) {
        dRec[i] = 2 * (rec[i] - x[i]) / BATCH;
      }
      double[] gA = new double[atoms.length];
      Linalg.transposedMulAdd(z, BATCH, m, dRec, d, gA);
      double[] dz = new double[BATCH * m];
      Linalg.mulTransposed(dRec, BATCH, d, atoms, 0, m, dz);
      double[] gB = new double[m];
      for (int i = 0; i < dz.length; i++) {
        dz[i] = pre[i] > 0 ? dz[i] + l1 / BATCH : 0;
        gB[i % m] += dz[i];
      }
      double[] gE = new double[enc.length];
      Linalg.transposedMulAdd(x, BATCH, d, dz, m, gE);
      adamA.step(atoms, gA, LEARNING_RATE);
      adamE.step(enc, gE, LEARNING_RATE);
      adamB.step(bias, gB, LEARNING_RATE);
      normaliseRows(atoms, m, d);
    }
    double error = 0;
    double energy = 0;
    double[] one = new double[d];
    double[] code = new double[m];
    double[] back = new double[d];
    for (double[] h : data) {
      System.arraycopy(h, 0, one, 0, d);
      Linalg.mul(one, 1, d, enc, 0, m, code);
      for (int k = 0; k < m; k++) {
        code[k] = Math.max(0, code[k] + bias[k]);
      }
      Linalg.mul(code, 1, m, atoms, 0, d, back);
      for (int j = 0; j < d; j++) {
        error += (back[j] - h[j]) * (back[j] - h[j]);
        energy += h[j] * h[j];
      }
    }
    List<Features.Feature> fates = Features.of(compression);
    double[] best = new double[big];
    int recovered = 0;
    int recoveredOfUsed = 0;
    int used = 0;
    for (int f = 0; f < big; f++) {
      double[] w = compression.direction(f);
      double norm = Math.sqrt(dot(w, w, 0, d));
      best[f] = -1;
      for (int k = 0; k < m; k++) {
        best[f] = Math.max(best[f], norm == 0 ? 0 : dot(w, atoms, k * d, d) / norm);
      }
      boolean isUsed = fates.get(f).fate() != Features.Fate.DROPPED;
      used += isUsed ? 1 : 0;
      if (best[f] >= RECOVERED_FROM) {
        recovered++;
        recoveredOfUsed += isUsed ? 1 : 0;
      }
    }
    return new Result(best, recovered, recoveredOfUsed, used, energy == 0 ? 0 : error / energy);
  }

  private static double dot(double[] w, double[] atoms, int off, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += w[j] * atoms[off + j];
    }
    return s;
  }

  private static void normaliseRows(double[] a, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      double n = 0;
      for (int j = 0; j < cols; j++) {
        n += a[r * cols + j] * a[r * cols + j];
      }
      n = Math.sqrt(n);
      if (n > 0) {
        for (int j = 0; j < cols; j++) {
          a[r * cols + j] /= n;
        }
      }
    }
  }
}
