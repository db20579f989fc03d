package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BilinearTest {
  private static final VectorSpace QUERIES = VectorSpace.fromValues("q", List.of(0, 1, 2));
  private static final VectorSpace KEYS = VectorSpace.fromValues("k", List.of(0, 1));

  @Test
  void buildsEntriesFromAnAction() {
    Bilinear form = Bilinear.fromAction(QUERIES, KEYS,
        (query, key) -> (int) query.value() >= (int) key.value() ? 1 : 0);
    assertThat(form.matrix()).containsExactly(1, 0, 1, 1, 1, 1);
    assertThat(form.get(new BasisDirection("q", 0), new BasisDirection("k", 1))).isZero();
  }

  @Test
  void evaluatesXWYTranspose() {
    Bilinear form = new Bilinear(QUERIES, KEYS, new double[] {1, 2, 3, 4, 5, 6});
    VectorInBasis x = new VectorInBasis(QUERIES, new double[] {1, 0, 2});
    VectorInBasis y = new VectorInBasis(KEYS, new double[] {1, 10});
    // x·W = [1 + 10, 2 + 12] = [11, 14]; times y = 11 + 140.
    assertThat(form.apply(x, y)).isEqualTo(151);
    assertThatThrownBy(() -> form.apply(y, x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k:0");
  }
}
