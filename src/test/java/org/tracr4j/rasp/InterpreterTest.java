package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracr4j.testing.Sequences.chars;
import static org.tracr4j.testing.Sequences.ints;
import static org.tracr4j.testing.Sequences.values;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.EvaluationException;

/** The reference semantics of tracr-reference §1.8 and §1.9. */
class InterpreterTest {
  private static final Interpreter STANDARD = Interpreter.standard();
  private static final Interpreter CAUSAL = Interpreter.causal();

  /** Tokens shifted right by one: none at position 0. */
  private static SOp shifted() {
    return Rasp.aggregate(Rasp.select(Rasp.indices(), Rasp.indices(),
        SelectorPredicate.described("(k, q) -> q == k + 1", (k, q) -> q.equals(ValueOperations.add(k, Value.of(1))))),
        Rasp.tokens());
  }

  private static UnaryFunction failingOnNone(String source, UnaryFunction f) {
    return UnaryFunction.described(source, x -> {
      if (x.isNone()) {
        throw new IllegalStateException("called on none");
      }
      return f.apply(x);
    });
  }

  @Test
  void primitives() {
    List<Value> input = chars("xyz");
    assertThat(STANDARD.evaluate(Rasp.tokens(), input)).containsExactlyElementsOf(input);
    assertThat(STANDARD.evaluate(Rasp.indices(), input)).containsExactlyElementsOf(ints(0, 1, 2));
    assertThat(STANDARD.evaluate(Rasp.lengthPrimitive(), input)).containsExactlyElementsOf(ints(3, 3, 3));
    assertThat(STANDARD.evaluate(Rasp.full("f"), input)).containsExactlyElementsOf(chars("fff"));
    assertThat(STANDARD.evaluate(Rasp.tokens(), List.of())).isEmpty();
  }

  @Test
  void mapLeavesNoneAlone() {
    SOp map = Rasp.map(failingOnNone("x -> x + \"!\"", x -> ValueOperations.add(x, Value.of("!"))), shifted());
    assertThat(STANDARD.evaluate(map, chars("ab"))).containsExactlyElementsOf(values(null, "a!"));
  }

  @Test
  void sequenceMapGivesNoneWhenEitherInputIsNone() {
    BinaryFunction concat = BinaryFunction.described("(x, y) -> x + y", (x, y) -> {
      if (x.isNone() || y.isNone()) {
        throw new IllegalStateException("called on none");
      }
      return ValueOperations.add(x, y);
    });
    List<Value> input = chars("abc");
    assertThat(STANDARD.evaluate(Rasp.sequenceMap(concat, shifted(), Rasp.tokens()), input))
        .containsExactlyElementsOf(values(null, "ab", "bc"));
    assertThat(STANDARD.evaluate(Rasp.sequenceMap(concat, Rasp.tokens(), shifted()), input))
        .containsExactlyElementsOf(values(null, "ba", "cb"));
    SOp numbers = Rasp.aggregate(Rasp.select(Rasp.indices(), Rasp.indices(),
        SelectorPredicate.described("(k, q) -> q == k + 1", (k, q) -> q.equals(ValueOperations.add(k, Value.of(1))))),
        Rasp.indices());
    assertThat(STANDARD.evaluate(Rasp.linearSequenceMap(numbers, Rasp.indices(), 2, 10), input))
        .containsExactlyElementsOf(values(null, 10, 22));
  }

  @Test
  void aggregateWithNothingSelectedGivesTheDefault() {
    Select nothing = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.FALSE);
    List<Value> input = ints(1, 2, 3);
    assertThat(STANDARD.evaluate(Rasp.aggregate(nothing, Rasp.tokens()), input)).containsOnly(Value.NONE);
    assertThat(STANDARD.evaluate(Rasp.numericalAggregate(nothing, Rasp.tokens()), input)).containsOnly(Value.of(0));
    assertThat(STANDARD.evaluate(Rasp.aggregate(nothing, Rasp.tokens(), "d"), input)).containsOnly(Value.of("d"));
  }

  @Test
  void aggregateOfOneSelectedValueKeepsItsType() {
    Select same = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.EQ);
    assertThat(STANDARD.evaluate(Rasp.aggregate(same, Rasp.tokens()), chars("ab")))
        .containsExactly(new Value.Str("a"), new Value.Str("b"));
    assertThat(STANDARD.evaluate(Rasp.aggregate(same, Rasp.tokens()), values(true, false)))
        .containsExactly(Value.TRUE, Value.FALSE);
    assertThat(STANDARD.evaluate(Rasp.aggregate(same, Rasp.tokens()), ints(4, 5)))
        .allSatisfy(v -> assertThat(v).isInstanceOf(Value.Int.class))
        .containsExactlyElementsOf(ints(4, 5));
  }

  @Test
  void aggregateOfSeveralNumbersIsTheirMeanAsADouble() {
    Select previous = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LEQ);
    List<Value> output = STANDARD.evaluate(Rasp.aggregate(previous, Rasp.tokens()), ints(2, 4, 9));
    assertThat(output).containsExactly(Value.of(2), new Value.Real(3.0), new Value.Real(5.0));
    assertThat(output.get(1)).isInstanceOf(Value.Real.class);
    assertThat(STANDARD.evaluate(Rasp.aggregate(previous, Rasp.tokens()), values(true, false, 0.5)))
        .containsExactly(Value.TRUE, Value.of(0.5), Value.of(0.5));
  }

  @Test
  void aggregateOfSeveralStringsFailsNamingTheExpression() {
    Select all = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.TRUE);
    SOp average = Rasp.aggregate(all, Rasp.tokens()).named("average_letter");
    assertThatThrownBy(() -> STANDARD.evaluate(average, chars("ab")))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("average_letter")
        .satisfies(e -> assertThat(((EvaluationException) e).expression()).contains("average_letter"));
  }

  @Test
  void failuresInFunctionsNameTheExpressionAndPosition() {
    SOp inverse = Rasp.map(UnaryFunction.described("x -> 1 / x", x -> ValueOperations.divide(Value.of(1), x)),
        Rasp.indices()).named("inverse");
    assertThatThrownBy(() -> STANDARD.evaluate(inverse, chars("ab")))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("inverse").hasMessageContaining("position 0");
    Select noneKeys = Rasp.select(shifted(), Rasp.tokens(), Comparison.EQ);
    assertThatThrownBy(() -> STANDARD.evaluate(Rasp.selectorWidth(noneKeys), chars("ab")))
        .isInstanceOf(EvaluationException.class).hasMessageContaining("key is none");
    Select noneQueries = Rasp.select(Rasp.tokens(), shifted(), Comparison.EQ);
    assertThatThrownBy(() -> STANDARD.evaluate(noneQueries, chars("ab")))
        .isInstanceOf(EvaluationException.class).hasMessageContaining("query is none");
  }

  @Test
  void selectorWidthCountsSelectedKeys() {
    Select smaller = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT);
    assertThat(STANDARD.evaluate(Rasp.selectorWidth(smaller), ints(3, 1, 2, 1)))
        .containsExactlyElementsOf(ints(3, 0, 2, 0));
  }

  @Test
  void sharedSubexpressionsAreEvaluatedOnce() {
    int[] calls = {0};
    SOp counted = Rasp.map(UnaryFunction.described("x -> x", x -> {
      calls[0]++;
      return x;
    }), Rasp.tokens());
    SOp doubled = counted.add(counted).add(counted);
    assertThat(STANDARD.evaluate(doubled, ints(1, 2))).containsExactlyElementsOf(ints(3, 6));
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void causalMaskingAppliesToEverySelector() {
    Select all = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.TRUE);
    Select none = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.FALSE);
    Select equalIndex = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.EQ);
    List<Selector> selectors = List.of(all, new SelectorNot(none, Meta.selector()),
        new SelectorOr(none, all, Meta.selector()), new SelectorAnd(all, new SelectorNot(equalIndex, Meta.selector()),
            Meta.selector()),
        new SelectorNot(new SelectorAnd(none, equalIndex, Meta.selector()), Meta.selector()));
    List<Value> input = chars("abcde");
    for (Selector selector : selectors) {
      boolean[][] standard = STANDARD.evaluate(selector, input);
      boolean[][] causal = CAUSAL.evaluate(selector, input);
      for (int q = 0; q < input.size(); q++) {
        for (int k = 0; k < input.size(); k++) {
          assertThat(causal[q][k]).as("%s at query %d, key %d", selector, q, k).isEqualTo(standard[q][k] && k <= q);
        }
      }
    }
    // A negation of a masked selector is masked again: not(mask and false) restricted to k <= q.
    boolean[][] negated = CAUSAL.evaluate(new SelectorNot(none, Meta.selector()), input);
    assertThat(negated[0][1]).isFalse();
    assertThat(negated[1][0]).isTrue();
  }

  @Test
  void causalMaskingAppliesInsideNestedExpressions() {
    SOp width = Rasp.selectorWidth(Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.TRUE));
    // Causally width is 1..n, all distinct, so only the diagonal is equal; non-causally all equal n.
    SOp sameWidth = Rasp.selectorWidth(Rasp.select(width, width, Comparison.EQ));
    List<Value> input = chars("abcd");
    assertThat(STANDARD.evaluate(sameWidth, input)).containsOnly(Value.of(4));
    assertThat(CAUSAL.evaluate(sameWidth, input)).containsOnly(Value.of(1));
    SOp mean = Rasp.numericalAggregate(Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.TRUE), Rasp.tokens());
    assertThat(CAUSAL.evaluate(mean, ints(2, 4, 0))).containsExactly(Value.of(2), Value.of(3.0), Value.of(2.0));
    assertThat(STANDARD.evaluate(mean, ints(2, 4, 0))).containsOnly(Value.of(2.0));
  }
}
