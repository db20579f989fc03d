package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracr4j.testing.Sequences.chars;
import static org.tracr4j.testing.Sequences.ints;

import org.junit.jupiter.api.Test;

/** The fluent builders, in particular map folding (tracr-reference §1.3) and its printed form. */
class RaspTest {
  @Test
  void aMapOverAnUnnamedMapIsFoldedIntoOne() {
    SOp folded = Rasp.tokens().add(1).multiply(2);
    ElementwiseMap map = (ElementwiseMap) folded;
    assertThat(map.inner()).isSameAs(Rasp.tokens());
    assertThat(map.function()).hasToString("x -> (x + 1) * 2");
    assertThat(Interpreter.standard().evaluate(folded, ints(1, 2))).containsExactlyElementsOf(ints(4, 6));
  }

  @Test
  void aNamedMapIsNotFolded() {
    SOp named = Rasp.tokens().add(1).named("plus_one");
    ElementwiseMap map = (ElementwiseMap) named.multiply(2);
    assertThat(map.inner()).isSameAs(named);
  }

  @Test
  void foldingSubstitutesTheInnerBodyAndKeepsStringLiterals() {
    SOp inner = Rasp.tokens().add("x");
    SOp outer = inner.eq("x\"x");
    assertThat(((ElementwiseMap) outer).function()).hasToString("x -> x + \"x\" == \"x\\\"x\"");
    assertThat(Interpreter.standard().evaluate(outer, chars("ab"))).containsExactly(Value.FALSE, Value.FALSE);
    assertThat(Interpreter.standard().evaluate(inner, chars("a"))).containsExactly(Value.of("ax"));
  }

  @Test
  void foldingOverAMapThatMayGiveNoneKeepsTheNone() {
    Term x = new Term.Parameter(0);
    SOp maybe = Rasp.map(Lambda.unary(new Term.Conditional(new Term.Constant(Value.NONE),
        new Term.Binary(Operators.Binary.EQ, x, new Term.Constant(Value.of(1))), x)), Rasp.tokens());
    SOp plusOne = maybe.add(1);
    assertThat(((ElementwiseMap) plusOne).inner()).isSameAs(Rasp.tokens());
    assertThat(((ElementwiseMap) plusOne).function()).hasToString("x -> none if (none if x == 1 else x) == none else "
        + "(none if x == 1 else x) + 1");
    assertThat(Interpreter.standard().evaluate(plusOne, ints(1, 2))).containsExactly(Value.NONE, Value.of(3));
  }

  @Test
  void foldingKeepsTheFailureOfAnInnerMapTheOuterIgnores() {
    SOp inverse = Rasp.map(Lambda.unary(new Term.Binary(Operators.Binary.DIVIDE, new Term.Constant(Value.of(1)),
        new Term.Parameter(0))), Rasp.tokens());
    SOp zero = Rasp.map(Lambda.unary(new Term.Constant(Value.of(0))), inverse);
    assertThat(((ElementwiseMap) zero).inner()).isSameAs(Rasp.tokens());
    assertThatThrownBy(() -> Interpreter.standard().evaluate(zero, ints(0)))
        .isInstanceOf(org.tracr4j.EvaluationException.class).hasMessageContaining("division by zero");
    assertThat(Interpreter.standard().evaluate(zero, ints(2))).containsExactly(Value.of(0));
  }

  @Test
  void javaClosuresStillFoldButAreOpaque() {
    SOp inner = Rasp.map(UnaryFunction.described("x -> x + 1", x -> ValueOperations.add(x, Value.of(1))),
        Rasp.tokens());
    SOp outer = inner.multiply(2);
    assertThat(((ElementwiseMap) outer).inner()).isSameAs(Rasp.tokens());
    assertThat(((ElementwiseMap) outer).function()).hasToString("x -> x * 2 . x -> x + 1");
    assertThat(Interpreter.standard().evaluate(outer, ints(1, 2))).containsExactlyElementsOf(ints(4, 6));
  }
}
