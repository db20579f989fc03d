package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.craft.VectorAssert.row;

import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttentionHeadTest {
  private static final BasisDirection SELECT = new BasisDirection("select");
  private static final BasisDirection KEY = new BasisDirection("key");
  private static final BasisDirection VALUE = new BasisDirection("value");
  private static final BasisDirection OUT = new BasisDirection("out");
  private static final VectorSpace RESIDUAL = VectorSpace.of(SELECT, KEY, VALUE, OUT);

  /** Every query with select = 1 attends to keys with key = 1 at logit 100 (others 0); copies value. */
  private static AttentionHead head(boolean causal) {
    Bilinear qk = new Bilinear(VectorSpace.of(SELECT), VectorSpace.of(KEY), new double[] {100});
    Linear ov = Linear.builder(VectorSpace.of(VALUE), VectorSpace.of(OUT)).add(VALUE, OUT, 1).build();
    return new AttentionHead(qk, ov, causal);
  }

  private static double[][] stream() {
    return new double[][] {
        row(RESIDUAL, Map.of(SELECT, 1.0, KEY, 1.0, VALUE, 3.0)),
        row(RESIDUAL, Map.of(SELECT, 1.0, KEY, 0.0, VALUE, 100.0)),
        row(RESIDUAL, Map.of(SELECT, 1.0, KEY, 1.0, VALUE, 5.0)),
        row(RESIDUAL, Map.of(SELECT, 0.0, KEY, 1.0, VALUE, 8.0)),
    };
  }

  @Test
  void averagesTheSelectedValues() {
    double[][] written = head(false).apply(RESIDUAL, stream());
    // Keys 0, 2 and 3 are selected (logit 100); key 1 gets weight about e^-100.
    assertThat(VectorAssert.read(RESIDUAL, written[0], OUT)).isCloseTo(16.0 / 3, offset(1e-9));
    assertThat(VectorAssert.read(RESIDUAL, written[2], OUT)).isCloseTo(16.0 / 3, offset(1e-9));
    // With select = 0 all logits are 0: a plain mean of all four values.
    assertThat(VectorAssert.read(RESIDUAL, written[3], OUT)).isCloseTo(116.0 / 4, offset(1e-9));
    assertThat(VectorAssert.read(RESIDUAL, written[0], VALUE)).isZero();
  }

  @Test
  void causalMaskHidesLaterKeys() {
    double[][] written = head(true).apply(RESIDUAL, stream());
    assertThat(VectorAssert.read(RESIDUAL, written[0], OUT)).isEqualTo(3);
    // Position 1 sees keys 0 (selected) and 1 (not): almost all weight on key 0.
    assertThat(VectorAssert.read(RESIDUAL, written[1], OUT)).isCloseTo(3, offset(1e-9));
    assertThat(VectorAssert.read(RESIDUAL, written[2], OUT)).isCloseTo(4, offset(1e-9));
    assertThat(VectorAssert.read(RESIDUAL, written[3], OUT)).isCloseTo(29, offset(1e-9));
  }

  @Test
  void exposesWhatItReadsAndWrites() {
    AttentionHead head = head(false);
    assertThat(head.readSpace()).isEqualTo(VectorSpace.of(SELECT, KEY, VALUE));
    assertThat(head.writeSpace()).isEqualTo(VectorSpace.of(OUT));
    assertThat(head.residualSpace()).isEqualTo(RESIDUAL);
  }
}
