package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracr4j.craft.VectorAssert.row;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection H1 = new BasisDirection("h", 1);
  private static final BasisDirection H2 = new BasisDirection("h", 2);
  private static final BasisDirection OUT = new BasisDirection("out");
  private static final BasisDirection OTHER = new BasisDirection("other");

  /** out = ReLU(x) − ReLU(−x) = x. */
  private static Mlp identityThroughRelu() {
    VectorSpace hidden = VectorSpace.of(H1, H2);
    Linear first = Linear.builder(VectorSpace.of(X), hidden).add(X, H1, 1).add(X, H2, -1).build();
    Linear second = Linear.builder(hidden, VectorSpace.of(OUT)).add(H1, OUT, 1).add(H2, OUT, -1).build();
    return new Mlp(first, second);
  }

  @Test
  void appliesReluBetweenTheLayersAndWritesOnlyItsOutput() {
    Mlp mlp = identityThroughRelu();
    VectorSpace residual = VectorSpace.of(X, OUT, OTHER);
    double[][] stream = {
        row(residual, Map.of(X, 2.5, OTHER, 7.0)),
        row(residual, Map.of(X, -4.0)),
    };
    double[][] written = mlp.apply(residual, stream);
    assertThat(written[0]).containsExactly(0, 2.5, 0);
    assertThat(written[1]).containsExactly(0, -4, 0);
    assertThat(mlp.applyResidual(residual, stream)[0]).containsExactly(7, 2.5, 2.5);
    assertThat(stream[0]).containsExactly(7, 0, 2.5);
  }

  @Test
  void withoutTheNegativeNeuronReluClips() {
    Linear first = Linear.builder(VectorSpace.of(X), VectorSpace.of(H1)).add(X, H1, 1).build();
    Linear second = Linear.builder(VectorSpace.of(H1), VectorSpace.of(OUT)).add(H1, OUT, 1).build();
    VectorSpace residual = VectorSpace.of(X, OUT);
    double[][] written = new Mlp(first, second).apply(residual, new double[][] {row(residual, Map.of(X, -3.0))});
    assertThat(written[0]).containsExactly(0, 0);
  }

  @Test
  void refusesMismatchedHiddenSpaces() {
    Linear first = Linear.identity(VectorSpace.of(X));
    Linear second = Linear.identity(VectorSpace.of(H1));
    assertThatThrownBy(() -> new Mlp(first, second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[x]")
        .hasMessageContaining("[h:1]");
  }

  @Test
  void refusesToWriteOutsideTheResidual() {
    VectorSpace residual = VectorSpace.of(X);
    assertThatThrownBy(() -> identityThroughRelu().apply(residual, new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[out]");
  }

  @Test
  void combinesInParallelOverTheUnionOfHiddenNeurons() {
    BasisDirection y = new BasisDirection("y");
    BasisDirection g = new BasisDirection("g");
    BasisDirection out2 = new BasisDirection("out2");
    Mlp doubling = new Mlp(
        Linear.builder(VectorSpace.of(y), VectorSpace.of(g)).add(y, g, 2).build(),
        Linear.builder(VectorSpace.of(g), VectorSpace.of(out2)).add(g, out2, 1).build());
    Mlp combined = Mlp.combineInParallel(List.of(identityThroughRelu(), doubling));
    assertThat(combined.hiddenSpace().basis()).containsExactly(g, H1, H2);
    assertThat(combined.readSpace()).isEqualTo(VectorSpace.of(X, y));
    VectorSpace residual = VectorSpace.of(X, y, OUT, out2);
    double[][] written = combined.apply(residual, new double[][] {row(residual, Map.of(X, -1.5, y, 3.0))});
    assertThat(VectorAssert.read(residual, written[0], OUT)).isEqualTo(-1.5);
    assertThat(VectorAssert.read(residual, written[0], out2)).isEqualTo(6);
  }
}
