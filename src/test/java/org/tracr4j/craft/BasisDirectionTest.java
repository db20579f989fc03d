package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasisDirectionTest {
  private static final BasisDirection ONE = new BasisDirection("one");

  @Test
  void ordersByNameFirst() {
    assertThat(ONE).isLessThan(new BasisDirection("tokens", "a"));
    assertThat(new BasisDirection("map_10", 9)).isLessThan(new BasisDirection("map_9", 0));
  }

  @Test
  void putsTheMissingValueFirst() {
    assertThat(new BasisDirection("x")).isLessThan(new BasisDirection("x", 0));
    assertThat(new BasisDirection("x", 0)).isGreaterThan(new BasisDirection("x"));
    assertThat(new BasisDirection("x")).isEqualByComparingTo(new BasisDirection("x"));
  }

  @Test
  void comparesComparableValuesNaturally() {
    assertThat(new BasisDirection("indices", 2)).isLessThan(new BasisDirection("indices", 10));
    assertThat(new BasisDirection("t", "B")).isLessThan(new BasisDirection("t", "c"));
  }

  @Test
  void fallsBackToPrintedFormsForIncomparableValues() {
    // Python cannot compare 1 with "compiler_bos"; Tracr compares "tokens:1" with "tokens:compiler_bos".
    BasisDirection number = new BasisDirection("tokens", 12);
    BasisDirection text = new BasisDirection("tokens", "compiler_bos");
    assertThat(number).isLessThan(text);
    assertThat(text).isGreaterThan(number);
    assertThat(new BasisDirection("tokens", 3)).isGreaterThan(new BasisDirection("tokens", "10"));
  }

  @Test
  void sortsHiddenNeuronsOfTheDiscretisingMlpAsTracrDoes() {
    String prefix = "_hidden_m_";
    List<BasisDirection> directions = new ArrayList<>(List.of(
        new BasisDirection(prefix + "start"),
        new BasisDirection(prefix, TupleValue.of(2, 0)),
        new BasisDirection(prefix, TupleValue.of(1, 1)),
        new BasisDirection(prefix, TupleValue.of(1, 0))));
    directions.sort(null);
    assertThat(directions).extracting(BasisDirection::toString).containsExactly(
        "_hidden_m_:(1, 0)", "_hidden_m_:(1, 1)", "_hidden_m_:(2, 0)", "_hidden_m_start");
  }

  @Test
  void printsNameOrNameColonValue() {
    assertThat(ONE.toString()).isEqualTo("one");
    assertThat(new BasisDirection("tokens", "a").toString()).isEqualTo("tokens:a");
    assertThat(new BasisDirection("x", null)).isEqualTo(new BasisDirection("x"));
  }
}
