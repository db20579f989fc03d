package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.craft.VectorAssert.row;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesWithResidualsTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection Y = new BasisDirection("y");
  private static final BasisDirection Z = new BasisDirection("z");

  private static Mlp copy(BasisDirection from, BasisDirection to, double factor) {
    BasisDirection hidden = new BasisDirection("h_" + to.name());
    return new Mlp(
        Linear.builder(VectorSpace.of(from), VectorSpace.of(hidden)).add(from, hidden, factor).build(),
        Linear.builder(VectorSpace.of(hidden), VectorSpace.of(to)).add(hidden, to, 1).build());
  }

  @Test
  void laterBlocksSeeWhatEarlierBlocksWrote() {
    SeriesWithResiduals series = new SeriesWithResiduals(List.of(copy(X, Y, 2), copy(Y, Z, 3)));
    VectorSpace residual = VectorSpace.of(X, Y, Z);
    double[][] stream = {row(residual, Map.of(X, 1.5))};
    assertThat(series.apply(residual, stream)[0]).containsExactly(0, 3, 9);
    assertThat(series.applyResidual(residual, stream)[0]).containsExactly(1.5, 3, 9);
    assertThat(stream[0]).containsExactly(1.5, 0, 0);
    assertThat(series.residualSpace()).isEqualTo(residual);
  }
}
