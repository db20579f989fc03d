package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class LinearSequenceMapMlpTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection Y = new BasisDirection("y");
  private static final BasisDirection OUT = new BasisDirection("sum");
  private static final VectorSpace RESIDUAL = VectorSpace.of(X, Y, OUT, Streams.ONE);
  private static final double[] VALUES = {-2, -0.5, 0, 1, 3.25};

  private static double run(Mlp mlp, double x, double y) {
    double[] row = Streams.hot(RESIDUAL, Streams.ONE);
    Streams.with(RESIDUAL, row, X, x);
    Streams.with(RESIDUAL, row, Y, y);
    return VectorAssert.read(RESIDUAL, mlp.apply(RESIDUAL, new double[][] {row})[0], OUT);
  }

  @Test
  void computesALinearCombinationForEveryPairOfSigns() {
    Mlp mlp = LinearSequenceMapMlp.build(X, Y, OUT, 2, -3, "_hidden_sum_");
    for (double x : VALUES) {
      for (double y : VALUES) {
        assertThat(run(mlp, x, y)).as("2·%s − 3·%s", x, y).isCloseTo(2 * x - 3 * y, offset(1e-12));
      }
    }
  }

  @Test
  void hasFourHiddenNeuronsInTracrsOrder() {
    Mlp mlp = LinearSequenceMapMlp.build(X, Y, OUT, 2, -3, "_hidden_sum_");
    assertThat(mlp.hiddenSpace().basis()).extracting(BasisDirection::toString)
        .containsExactly("_hidden_sum_x:-1", "_hidden_sum_x:1", "_hidden_sum_y:-1", "_hidden_sum_y:1");
    assertThat(mlp.second().matrix()).containsExactly(-2, 2, 3, -3);
  }

  @Test
  void theSameDirectionTwiceGivesTheSumOfTheCoefficients() {
    Mlp mlp = LinearSequenceMapMlp.build(X, X, OUT, 2, 5, "_hidden_sum_");
    for (double x : VALUES) {
      assertThat(run(mlp, x, 0)).isCloseTo(7 * x, offset(1e-12));
    }
  }
}
