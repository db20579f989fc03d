package org.tracr4j.train;

import java.util.ArrayList;
import java.util.List;

/**
 * What a compression did with each residual feature, read off W: {@link Fate#DROPPED} when its row of W
 * is shorter than {@value #DROPPED_BELOW}; otherwise {@link Fate#KEPT} when its direction's largest |cosine|
 * with any other not-dropped feature is below {@value #SUPERPOSED_FROM}, else {@link Fate#SUPERPOSED}.
 */
public final class Features {
  public static final double DROPPED_BELOW = 0.1;
  public static final double SUPERPOSED_FROM = 0.3;

  /** The three fates of a feature. */
  public enum Fate {
    KEPT,
    SUPERPOSED,
    DROPPED
  }

  /**
   * One feature.
   *
   * @param label its residual label
   * @param norm the length of its row of W
   * @param overlap the largest |cosine| with another not-dropped feature (0 when dropped)
   * @param fate dropped, kept or superposed
   */
  public record Feature(String label, double norm, double overlap, Fate fate) {}

  private Features() {}

  /** The fate of every feature of {@code compression}, in residual order. */
  public static List<Feature> of(Compression compression) {
    int big = compression.originalWidth();
    double[] gram = gram(compression);
    double[] norms = new double[big];
    for (int i = 0; i < big; i++) {
      norms[i] = Math.sqrt(gram[i * big + i]);
    }
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < big; i++) {
      String label = compression.compiled().residualLabels().get(i);
      if (norms[i] < DROPPED_BELOW) {
        features.add(new Feature(label, norms[i], 0, Fate.DROPPED));
        continue;
      }
      double overlap = 0;
      for (int j = 0; j < big; j++) {
        if (j != i && norms[j] >= DROPPED_BELOW) {
          overlap = Math.max(overlap, Math.abs(gram[i * big + j]) / (norms[i] * norms[j]));
        }
      }
      features.add(new Feature(label, norms[i], overlap, overlap < SUPERPOSED_FROM ? Fate.KEPT : Fate.SUPERPOSED));
    }
    return features;
  }

  /** {@code W·Wᵀ}, {@code [D][D]}: the dot products of the features' compressed directions (the paper's WᵀW). */
  public static double[] gram(Compression compression) {
    int big = compression.originalWidth();
    int d = compression.width();
    double[] w = compression.w();
    double[] gram = new double[big * big];
    Linalg.mulTransposed(w, big, d, w, 0, big, gram);
    return gram;
  }
}
