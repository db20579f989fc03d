package org.tracr4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;

/**
 * The hand-written backward passes against central finite differences (llm.c style): each sublayer
 * (attention with softmax, ReLU MLP) on random dense models, then the whole loss (embedding, residual
 * sums, per-layer loss, both output losses) with respect to W, on random and on compiled models.
 */
class GradientTest {
  private static final double H = 1e-6;

  /** max |a − b| / max(1, |b|) over the entries. */
  private static double relativeError(double[] analytic, double[] numeric) {
    double worst = 0;
    for (int i = 0; i < analytic.length; i++) {
      worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / Math.max(1.0, Math.abs(numeric[i])));
    }
    return worst;
  }

  @ParameterizedTest(name = "causal={0}")
  @ValueSource(booleans = {false, true})
  void everySublayerBackwardMatchesFiniteDifferences(boolean causal) {
    Model model = Programs.random(7, OutputEncoding.CATEGORICAL, causal);
    FrozenLayers net = new FrozenLayers(model);
    int[] ids = {3, 0, 4, 2, 1}; // BOS, tokens, a PAD key in the middle, a token after it
    int t = ids.length;
    int big = model.config().dModel();
    SplittableRandom random = new SplittableRandom(11);
    for (int s = 0; s < net.count(); s++) {
      double[] x = gaussian(random, t * big);
      double[] probe = gaussian(random, t * big); // loss = probe · f(x), so dL/dout = probe
      FrozenLayers.Cache cache = new FrozenLayers.Cache(model.config());
      double[] out = new double[t * big];
      net.forward(s, ids, x, cache, out);
      double[] dx = new double[t * big];
      net.backward(s, t, probe, cache, dx);
      double[] numeric = new double[t * big];
      for (int i = 0; i < x.length; i++) {
        double keep = x[i];
        x[i] = keep + H;
        double plus = dot(probe, sublayer(net, s, ids, x));
        x[i] = keep - H;
        double minus = dot(probe, sublayer(net, s, ids, x));
        x[i] = keep;
        numeric[i] = (plus - minus) / (2 * H);
      }
      assertThat(relativeError(dx, numeric)).as("sublayer %d", s).isLessThan(1e-7);
      assertThat(norm(dx)).as("sublayer %d has a gradient", s).isGreaterThan(1e-3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"random-categorical", "random-numerical", "frac_prevs", "sort_unique"})
  void lossGradientWithRespectToWMatchesFiniteDifferences(String which) {
    Model model = switch (which) {
      case "random-categorical" -> Programs.random(3, OutputEncoding.CATEGORICAL, false);
      case "random-numerical" -> Programs.random(4, OutputEncoding.NUMERICAL, true);
      case "frac_prevs" -> Programs.fracPrevs();
      default -> Programs.sortUnique();
    };
    Objective objective = new Objective(model, 0.01);
    int big = model.config().dModel();
    int d = Math.max(2, big / 2);
    SplittableRandom random = new SplittableRandom(5);
    double[] w = Initialisation.orthonormalColumns(big, d, random);
    for (int i = 0; i < w.length; i++) {
      w[i] += 0.05 * random.nextGaussian(); // off the orthonormal manifold, so nothing is special
    }
    int[][] inputs = new int[3][];
    for (int b = 0; b < inputs.length; b++) {
      inputs[b] = InputDistribution.UNIFORM.sample(model, random);
    }
    double[] grad = new double[w.length];
    for (int[] ids : inputs) {
      objective.accumulate(w, d, ids, 0.3, 0.7, grad, new Objective.Stats(objective.layers().count()));
    }
    double[] numeric = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double keep = w[i];
      w[i] = keep + H;
      double plus = loss(objective, w, d, inputs);
      w[i] = keep - H;
      double minus = loss(objective, w, d, inputs);
      w[i] = keep;
      numeric[i] = (plus - minus) / (2 * H);
    }
    assertThat(relativeError(grad, numeric)).isLessThan(1e-5);
    assertThat(norm(grad)).isGreaterThan(1e-3);
  }

  @Test
  void theGradientIsZeroAtTheIdentityWithZeroLoss() {
    Model model = Programs.fracPrevs();
    Objective objective = new Objective(model, 0.01);
    int big = model.config().dModel();
    double[] identity = new double[big * big];
    for (int i = 0; i < big; i++) {
      identity[i * big + i] = 1;
    }
    double[] grad = new double[identity.length];
    Objective.Stats stats = new Objective.Stats(objective.layers().count());
    SplittableRandom random = new SplittableRandom(2);
    for (int b = 0; b < 20; b++) {
      objective.accumulate(identity, big, InputDistribution.UNIFORM.sample(model, random), 1, 1, grad, stats);
    }
    assertThat(stats.outputLoss + stats.layerLoss).isZero();
    assertThat(norm(grad)).isZero();
    assertThat(stats.sequencesRight).isEqualTo(20);
  }

  private static double loss(Objective objective, double[] w, int d, int[][] inputs) {
    Objective.Stats stats = new Objective.Stats(objective.layers().count());
    for (int[] ids : inputs) {
      objective.accumulate(w, d, ids, 0.3, 0.7, null, stats);
    }
    return stats.outputLoss + stats.layerLoss;
  }

  private static double[] sublayer(FrozenLayers net, int s, int[] ids, double[] x) {
    double[] out = new double[x.length];
    net.forward(s, ids, x, new FrozenLayers.Cache(net.config()), out);
    return out;
  }

  private static double[] gaussian(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
