package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.testing.Sequences.chars;
import static org.tracr4j.testing.Sequences.ints;

import org.junit.jupiter.api.Test;

/** The fluent builders, in particular map folding (tracr-reference §1.3) and its printed form. */
class RaspTest {
  @Test
  void aMapOverAnUnnamedMapIsFoldedIntoOne() {
    SOp folded = Rasp.tokens().add(1).multiply(2);
    Map map = (Map) folded;
    assertThat(map.inner()).isSameAs(Rasp.tokens());
    assertThat(map.function()).hasToString("x -> (x + 1) * 2");
    assertThat(Interpreter.standard().evaluate(folded, ints(1, 2))).containsExactlyElementsOf(ints(4, 6));
  }

  @Test
  void aNamedMapIsNotFolded() {
    SOp named = Rasp.tokens().add(1).named("plus_one");
    Map map = (Map) named.multiply(2);
    assertThat(map.inner()).isSameAs(named);
  }

  @Test
  void foldingLeavesStringLiteralsAndLongerNamesAlone() {
    SOp inner = Rasp.map(UnaryFunction.described("x -> x + \"x\"", x -> ValueOperations.add(x, Value.of("x"))),
        Rasp.tokens());
    SOp outer = Rasp.map(UnaryFunction.described("x -> x == \"x\\\"x\" or max(x, xs)", x -> Value.TRUE), inner);
    assertThat(((Map) outer).function())
        .hasToString("x -> (x + \"x\") == \"x\\\"x\" or max((x + \"x\"), xs)");
    assertThat(Interpreter.standard().evaluate(inner, chars("a"))).containsExactly(Value.of("ax"));
  }
}
