package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.tracr4j.craft.VectorAssert.row;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiAttentionHeadTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection A = new BasisDirection("a");
  private static final BasisDirection B = new BasisDirection("b");
  private static final VectorSpace RESIDUAL = VectorSpace.of(X, A, B);

  /** A uniform head (zero logits) copying x into {@code out} with the given weight. */
  private static AttentionHead meanInto(BasisDirection out, double weight) {
    Bilinear qk = new Bilinear(VectorSpace.of(X), VectorSpace.of(X), new double[] {0});
    return new AttentionHead(qk, Linear.builder(VectorSpace.of(X), VectorSpace.of(out)).add(X, out, weight).build());
  }

  @Test
  void sumsTheOutputsOfItsHeads() {
    MultiAttentionHead heads = new MultiAttentionHead(List.of(meanInto(A, 1), meanInto(B, 2), meanInto(A, 10)));
    double[][] stream = {row(RESIDUAL, Map.of(X, 1.0)), row(RESIDUAL, Map.of(X, 3.0))};
    double[][] written = heads.apply(RESIDUAL, stream);
    assertThat(VectorAssert.read(RESIDUAL, written[0], A)).isCloseTo(22, offset(1e-12));
    assertThat(VectorAssert.read(RESIDUAL, written[1], B)).isCloseTo(4, offset(1e-12));
    assertThat(heads.writeSpace()).isEqualTo(VectorSpace.of(A, B));
  }

  @Test
  void needsAHead() {
    assertThatThrownBy(() -> new MultiAttentionHead(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
