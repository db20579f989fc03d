package org.tracr4j.train;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.model.Model;

class ScratchTest {
  @Test
  void exactSolution() {
    Model model = Programs.fracPrevs();
    List<String> labels = model.residualLabels();
    List<String> keep = List.of("bools", "frac_prevs", "indices:0", "indices:1", "indices:2", "indices:3", "indices:4", "tokens:x");
    int big = labels.size();
    int d = 8;
    double[] w = new double[big * d];
    for (int j = 0; j < d; j++) {
      w[labels.indexOf(keep.get(j)) * d + j] = 1;
    }
    Compressor c = new Compressor(model, 0.01);
    CompressionOptions o = CompressionOptions.defaults(d, 0).withEvalInputs(2000);
    Objective.Stats s = c.evaluate(w, d, o, true);
    System.out.println("exact: acc " + s.sequencesRight / (double) s.sequences + " out " + s.outputLoss + " layer " + s.layerLoss);
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (double noise : new double[] {0.01, 0.05, 0.2}) {
      double[] p = w.clone();
      for (int i = 0; i < p.length; i++) p[i] += noise * r.nextGaussian();
      Objective.Stats s2 = c.evaluate(p, d, o, true);
      System.out.println("noise " + noise + ": acc " + s2.sequencesRight / (double) s2.sequences + " loss " + (s2.outputLoss + s2.layerLoss));
    }
  }
}
