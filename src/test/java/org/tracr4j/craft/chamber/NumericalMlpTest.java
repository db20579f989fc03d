package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.TupleValue;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class NumericalMlpTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection OUT = new BasisDirection("map_1");
  private static final VectorSpace RESIDUAL = VectorSpace.of(X, OUT, Streams.ONE, Streams.BOS);
  private static final String PREFIX = "_hidden_map_1_";
  private static final double L = NumericalMlp.DEFAULT_LARGE_NUMBER;

  private static double run(Mlp mlp, double x) {
    double[] row = Streams.with(RESIDUAL, Streams.hot(RESIDUAL, Streams.ONE), X, x);
    return VectorAssert.read(RESIDUAL, mlp.apply(RESIDUAL, new double[][] {row})[0], OUT);
  }

  private static double runAtBos(Mlp mlp) {
    return VectorAssert.read(RESIDUAL, mlp.apply(RESIDUAL, new double[][] {Streams.bos(RESIDUAL)})[0], OUT);
  }

  @Test
  void computesTheFunctionOnEveryInputValue() {
    double[] values = {-1, 0, 1, 2, 3, 4.5, 0.25};
    DoubleFunction<Double> f = x -> x * x - 3;
    Mlp mlp = NumericalMlp.build(X, OUT, Streams.ONE, values, f, L, PREFIX);
    for (double value : values) {
      assertThat(run(mlp, value)).as("f(%s)", value).isCloseTo(f.apply(value), offset(1e-9));
    }
  }

  @Test
  void hasTracrsHiddenLayoutAndWeights() {
    Mlp mlp = NumericalMlp.build(X, OUT, Streams.ONE, new double[] {2, 0, 1}, x -> 10 * x + 1, L, PREFIX);
    BasisDirection start = new BasisDirection(PREFIX + "start");
    BasisDirection step10 = new BasisDirection(PREFIX, TupleValue.of(1, 0));
    BasisDirection step11 = new BasisDirection(PREFIX, TupleValue.of(1, 1));
    BasisDirection step20 = new BasisDirection(PREFIX, TupleValue.of(2, 0));
    BasisDirection step21 = new BasisDirection(PREFIX, TupleValue.of(2, 1));
    assertThat(mlp.hiddenSpace().basis()).containsExactly(step10, step11, step20, step21, start);
    assertThat(mlp.first().input()).isEqualTo(VectorSpace.of(X, Streams.ONE));
    // Breakpoints 0.5 and 1.5.
    assertThat(mlp.first().get(Streams.ONE, start)).isEqualTo(1);
    assertThat(mlp.first().get(X, start)).isEqualTo(0);
    assertThat(mlp.first().get(X, step10)).isEqualTo(L);
    assertThat(mlp.first().get(X, step21)).isEqualTo(L);
    assertThat(mlp.first().get(Streams.ONE, step10)).isEqualTo(1 - L * 0.5);
    assertThat(mlp.first().get(Streams.ONE, step11)).isEqualTo(-L * 0.5);
    assertThat(mlp.first().get(Streams.ONE, step20)).isEqualTo(1 - L * 1.5);
    assertThat(mlp.first().get(Streams.ONE, step21)).isEqualTo(-L * 1.5);
    assertThat(mlp.second().matrix()).containsExactly(10, -10, 10, -10, 1);
  }

  @Test
  void dropsPointsWhereTheFunctionIsUndefined() {
    DoubleFunction<Double> reciprocal = x -> {
      if (x == 0) {
        throw new ArithmeticException("division by zero");
      }
      return x == 3 ? null : 1 / x;
    };
    Mlp mlp = NumericalMlp.build(X, OUT, Streams.ONE, new double[] {0, 1, 2, 3, 4}, reciprocal, L, PREFIX);
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(2 * 3 - 1);
    for (double value : new double[] {1, 2, 4}) {
      assertThat(run(mlp, value)).isCloseTo(1 / value, offset(1e-9));
    }
  }

  @Test
  void oneValueGivesAConstant() {
    Mlp mlp = NumericalMlp.build(X, OUT, Streams.ONE, new double[] {5}, x -> 7.0, L, PREFIX);
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(1);
    assertThat(run(mlp, 5)).isEqualTo(7);
  }

  @Test
  void isExactOnlyWhenTheLargeNumberCoversTheSmallestGap() {
    double gap = 0.05;
    double[] values = {0, gap, 1};
    DoubleFunction<Double> f = x -> x == 0 ? 0.0 : x == gap ? 1.0 : 3.0;
    // L·gap/2 ≥ 1 needs L ≥ 40: at L = 30 the value just below the first breakpoint gets δ = 1 − 30·0.05/2
    // of the next step.
    Mlp loose = NumericalMlp.build(X, OUT, Streams.ONE, values, f, 30, PREFIX);
    assertThat(run(loose, 0)).isCloseTo(0.25, offset(1e-9));
    assertThat(run(loose, gap)).isCloseTo(1, offset(1e-9));
    Mlp tight = NumericalMlp.build(X, OUT, Streams.ONE, values, f, 40, PREFIX);
    for (double value : values) {
      assertThat(run(tight, value)).isCloseTo(f.apply(value), offset(1e-9));
    }
  }

  @Test
  void tracrWeightsPolluteBosWhileTheSilencedVariantWritesZero() {
    double[] values = {1, 2, 3};
    DoubleFunction<Double> f = x -> 10 * x;
    Mlp tracr = NumericalMlp.build(X, OUT, Streams.ONE, values, f, L, PREFIX);
    Mlp silent = NumericalMlp.buildSilentAtBos(X, OUT, Streams.ONE, Streams.BOS, values, f, L, PREFIX);
    // At BOS x = 0: Tracr writes f at the grid point nearest 0.
    assertThat(runAtBos(tracr)).isCloseTo(10, offset(1e-9));
    assertThat(runAtBos(silent)).isEqualTo(0.0);
    for (double value : values) {
      assertThat(run(silent, value)).isCloseTo(f.apply(value), offset(1e-9));
    }
  }

  @Test
  void silencesBosEvenWithNegativeBreakpoints() {
    double[] values = {-500, -3, 0, 2};
    DoubleFunction<Double> f = x -> x / 2 + 4;
    Mlp silent = NumericalMlp.buildSilentAtBos(X, OUT, Streams.ONE, Streams.BOS, values, f, L, PREFIX);
    assertThat(runAtBos(silent)).isEqualTo(0.0);
    for (double value : values) {
      assertThat(run(silent, value)).isCloseTo(f.apply(value), offset(1e-9));
    }
  }
}
