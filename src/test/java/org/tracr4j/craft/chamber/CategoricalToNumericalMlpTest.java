package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.craft.chamber.Streams.hot;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class CategoricalToNumericalMlpTest {
  private static final VectorSpace TOKENS = VectorSpace.fromValues("tokens", List.of(1, 2, 3, 7));
  private static final BasisDirection OUT = new BasisDirection("map_2");
  private static final VectorSpace RESIDUAL = VectorSpace.join(TOKENS, VectorSpace.of(OUT, Streams.ONE));
  private static final ToDoubleFunction<BasisDirection> MINUS_TWO = d -> (int) d.value() - 2.5;

  private static double run(Mlp mlp, BasisDirection token) {
    double[] written = mlp.apply(RESIDUAL, new double[][] {hot(RESIDUAL, token, Streams.ONE)})[0];
    return VectorAssert.read(RESIDUAL, written, OUT);
  }

  @Test
  void tracrVariantClipsNegativeValues() {
    Mlp mlp = CategoricalToNumericalMlp.tracr(TOKENS, OUT, MINUS_TWO);
    assertThat(mlp.hiddenSpace()).isEqualTo(VectorSpace.of(OUT));
    for (BasisDirection token : TOKENS.basis()) {
      assertThat(run(mlp, token)).as("%s", token).isEqualTo(Math.max(0, MINUS_TWO.applyAsDouble(token)));
    }
    assertThat(run(mlp, new BasisDirection("tokens", 1))).isZero();
  }

  @Test
  void exactVariantKeepsTheSign() {
    Mlp mlp = CategoricalToNumericalMlp.exact(TOKENS, OUT, MINUS_TWO, "_hidden_map_2_");
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(2);
    for (BasisDirection token : TOKENS.basis()) {
      assertThat(run(mlp, token)).as("%s", token).isEqualTo(MINUS_TWO.applyAsDouble(token));
    }
    assertThat(run(mlp, new BasisDirection("tokens", 1))).isEqualTo(-1.5);
  }

  @Test
  void tracrWeightsForIsX() {
    VectorSpace tokens = VectorSpace.fromValues("tokens", List.of("a", "b", "c", "x"));
    BasisDirection isX = new BasisDirection("is_x");
    Mlp mlp = CategoricalToNumericalMlp.tracr(tokens, isX, d -> d.value().equals("x") ? 1 : 0);
    assertThat(mlp.first().matrix()).containsExactly(0, 0, 0, 1);
    assertThat(mlp.second().matrix()).containsExactly(1);
  }
}
