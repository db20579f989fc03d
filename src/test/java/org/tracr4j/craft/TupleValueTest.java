package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TupleValueTest {
  @Test
  void comparesElementByElementWithPrefixFirst() {
    assertThat(TupleValue.of(1, 1)).isLessThan(TupleValue.of(2, 0));
    assertThat(TupleValue.of(1, 0)).isLessThan(TupleValue.of(1, 1));
    assertThat(TupleValue.of(1)).isLessThan(TupleValue.of(1, 0));
    assertThat(TupleValue.of("a", 3)).isEqualByComparingTo(TupleValue.of("a", 3));
  }

  @Test
  void printsLikeAPythonTuple() {
    assertThat(TupleValue.of("length_5", 0, "indices", 1).toString()).isEqualTo("('length_5', 0, 'indices', 1)");
    assertThat(TupleValue.of(7).toString()).isEqualTo("(7,)");
    assertThat(TupleValue.of(1, 0).toString()).isEqualTo("(1, 0)");
  }

  @Test
  void equalTuplesAreEqual() {
    assertThat(TupleValue.of(1, 0)).isEqualTo(TupleValue.of(1, 0)).hasSameHashCodeAs(TupleValue.of(1, 0));
    assertThat(TupleValue.of(1, 0)).isNotEqualTo(TupleValue.of(0, 1));
  }
}
