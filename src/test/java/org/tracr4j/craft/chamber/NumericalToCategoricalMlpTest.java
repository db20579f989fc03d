package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class NumericalToCategoricalMlpTest {
  private static final BasisDirection X = new BasisDirection("frac");
  private static final VectorSpace OUTPUT = VectorSpace.fromValues("map_2", List.of("high", "low", "mid"));
  private static final VectorSpace RESIDUAL = VectorSpace.join(OUTPUT, VectorSpace.of(X, Streams.ONE, Streams.BOS));
  private static final double[] VALUES = {0, 0.2, 0.25, 1.0 / 3, 0.5, 1};
  private static final DoubleFunction<BasisDirection> BUCKET =
      x -> new BasisDirection("map_2", x < 0.3 ? "low" : x < 0.6 ? "mid" : "high");
  private static final String PREFIX = "_hidden_map_2_";

  private static double[] run(Mlp mlp, double x) {
    double[] row = Streams.with(RESIDUAL, Streams.hot(RESIDUAL, Streams.ONE), X, x);
    return VectorAssert.read(RESIDUAL, mlp.apply(RESIDUAL, new double[][] {row})[0], OUTPUT);
  }

  @Test
  void writesTheOneHotOfTheImageOfEveryInputValue() {
    // The smallest gap is 0.05, so L = 100 is exact (L·gap/2 = 2.5 ≥ 1).
    Mlp mlp = NumericalToCategoricalMlp.build(X, OUTPUT, Streams.ONE, VALUES, BUCKET, 100, PREFIX);
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(2 * VALUES.length - 1);
    for (double value : VALUES) {
      VectorAssert.assertClose(OUTPUT, run(mlp, value), OUTPUT.vector(BUCKET.apply(value)).magnitudes(), 1e-9);
    }
  }

  @Test
  void staysRightByArgmaxWhileTheLargeNumberTimesTheGapExceedsOne() {
    // The low → mid step sits in the gap 1/12 between 0.25 and 1/3. At L = 15, L·gap = 1.25 > 1 but
    // L·gap/2 < 1: 0.25 gets δ = 1 − 15/24 = 0.375 of the mid one-hot.
    Mlp mlp = NumericalToCategoricalMlp.build(X, OUTPUT, Streams.ONE, VALUES, BUCKET, 15, PREFIX);
    double[] atQuarter = run(mlp, 0.25);
    assertThat(atQuarter[OUTPUT.indexOf(new BasisDirection("map_2", "low"))]).isCloseTo(0.625, offset(1e-9));
    assertThat(atQuarter[OUTPUT.indexOf(new BasisDirection("map_2", "mid"))]).isCloseTo(0.375, offset(1e-9));
    for (double value : VALUES) {
      assertThat(argmax(run(mlp, value))).as("x = %s", value).isEqualTo(BUCKET.apply(value));
    }
  }

  @Test
  void rejectsImagesOutsideTheOutputSpace() {
    assertThatThrownBy(() -> NumericalToCategoricalMlp.build(X, OUTPUT, Streams.ONE, VALUES,
        x -> new BasisDirection("map_2", "none"), 100, PREFIX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map_2:none")
        .hasMessageContaining("map_2:high");
  }

  @Test
  void silencedVariantWritesNothingAtBos() {
    Mlp tracr = NumericalToCategoricalMlp.build(X, OUTPUT, Streams.ONE, VALUES, BUCKET, 100, PREFIX);
    Mlp silent = NumericalToCategoricalMlp.buildSilentAtBos(X, OUTPUT, Streams.ONE, Streams.BOS, VALUES, BUCKET, 100, PREFIX);
    double[] tracrAtBos = tracr.apply(RESIDUAL, new double[][] {Streams.bos(RESIDUAL)})[0];
    assertThat(VectorAssert.read(RESIDUAL, tracrAtBos, new BasisDirection("map_2", "low"))).isCloseTo(1, offset(1e-9));
    double[] silentAtBos = silent.apply(RESIDUAL, new double[][] {Streams.bos(RESIDUAL)})[0];
    assertThat(silentAtBos).containsOnly(0.0);
    for (double value : VALUES) {
      VectorAssert.assertClose(OUTPUT, run(silent, value), OUTPUT.vector(BUCKET.apply(value)).magnitudes(), 1e-9);
    }
  }

  private static BasisDirection argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return OUTPUT.direction(best);
  }
}
