package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.testing.Sequences.ints;

import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracr4j.testing.InputGenerator;
import org.tracr4j.testing.Sequences;

/** Selector predicates (key first) and the and/or/not simplification of tracr-reference §1.4. */
class SelectorsTest {
  private static final Interpreter STANDARD = Interpreter.standard();

  @ParameterizedTest
  @EnumSource(Comparison.class)
  void comparisonsCompareTheKeyWithTheQuery(Comparison comparison) {
    BiPredicate<Long, Long> expected = switch (comparison) {
      case EQ -> (k, q) -> k.equals(q);
      case NEQ -> (k, q) -> !k.equals(q);
      case LT -> (k, q) -> k < q;
      case LEQ -> (k, q) -> k <= q;
      case GT -> (k, q) -> k > q;
      case GEQ -> (k, q) -> k >= q;
      case TRUE -> (k, q) -> true;
      case FALSE -> (k, q) -> false;
    };
    // Keys are the tokens, queries the indices, so the two roles cannot be confused.
    List<Value> tokens = ints(3, 0, 2, 1, 1);
    boolean[][] matrix = STANDARD.evaluate(Rasp.select(Rasp.tokens(), Rasp.indices(), comparison), tokens);
    for (int q = 0; q < tokens.size(); q++) {
      for (int k = 0; k < tokens.size(); k++) {
        long key = ((Value.Int) tokens.get(k)).value();
        assertThat(matrix[q][k]).as("key %d %s query %d", key, comparison, q).isEqualTo(expected.test(key, (long) q));
      }
    }
    assertThat(Comparison.fromSymbol(comparison.symbol())).isEqualTo(comparison);
  }

  @Test
  void selectWithIndicesLessThanSelectsEarlierKeys() {
    boolean[][] matrix = STANDARD.evaluate(Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT), ints(0, 0, 0));
    assertThat(matrix[2]).containsExactly(true, true, false);
    assertThat(matrix[0]).containsExactly(false, false, false);
  }

  @Test
  void sameKeysAndQueriesSimplifyToOneSelect() {
    Select lower = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.LT);
    Select upper = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GT);
    assertThat(lower.and(upper)).isInstanceOf(Select.class);
    assertThat(lower.or(upper)).isInstanceOf(Select.class);
    assertThat(lower.not()).isInstanceOf(Select.class);
    Select merged = (Select) lower.or(upper);
    assertThat(merged.keys()).isSameAs(Rasp.tokens());
    assertThat(merged.queries()).isSameAs(Rasp.indices());
    assertThat(merged.predicate()).hasToString("(<) or (>)");
  }

  @Test
  void fullKeysOrQueriesAreAbsorbed() {
    Select byToken = Rasp.select(Rasp.tokens(), Rasp.full(2), Comparison.GEQ);
    Select byIndex = Rasp.select(Rasp.full(1), Rasp.indices(), Comparison.LEQ);
    Selector merged = byToken.and(byIndex);
    assertThat(merged).isInstanceOf(Select.class);
    assertThat(((Select) merged).keys()).isSameAs(Rasp.tokens());
    assertThat(((Select) merged).queries()).isSameAs(Rasp.indices());
  }

  @Test
  void differentKeysOrQueriesGiveCompositeSelectors() {
    Select byToken = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
    Select byIndex = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LEQ);
    assertThat(byToken.and(byIndex)).isInstanceOf(SelectorAnd.class);
    assertThat(byToken.or(byIndex)).isInstanceOf(SelectorOr.class);
    assertThat(byToken.and(byIndex).not()).isInstanceOf(SelectorNot.class);
    // Equal-looking but distinct s-ops are not merged: identity, not structure, decides.
    Select otherTokens = Rasp.select(Rasp.tokens().named("other"), Rasp.tokens(), Comparison.EQ);
    assertThat(byToken.and(otherTokens)).isInstanceOf(SelectorAnd.class);
  }

  @Test
  void simplifiedAndCompositeFormsGiveTheSameMatrices() {
    SOp shiftedIndex = Rasp.indices().add(1);
    List<Select> selects = List.of(
        Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.LT),
        Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GEQ),
        Rasp.select(Rasp.tokens(), Rasp.indices(), (k, q) -> ValueOperations.modulo(
            ValueOperations.add(k, q), Value.of(2)).equals(Value.of(0))),
        Rasp.select(Rasp.full(2), Rasp.indices(), Comparison.LEQ),
        Rasp.select(Rasp.tokens(), Rasp.full(1), Comparison.NEQ),
        Rasp.select(Rasp.indices(), shiftedIndex, Comparison.EQ),
        Rasp.select(Rasp.tokens(), shiftedIndex, Comparison.GT));
    InputGenerator inputs = InputGenerator.uniform(Sequences.intVocab(0, 1, 2, 3), 6);
    Random random = new Random(31);
    int merged = 0;
    for (int trial = 0; trial < 200; trial++) {
      List<Value> input = inputs.generate(random);
      for (Select a : selects) {
        assertSameMatrix(a.not(), new SelectorNot(a, Meta.selector()), input);
        for (Select b : selects) {
          Selector and = a.and(b);
          Selector or = a.or(b);
          merged += and instanceof Select ? 1 : 0;
          assertSameMatrix(and, new SelectorAnd(a, b, Meta.selector()), input);
          assertSameMatrix(or, new SelectorOr(a, b, Meta.selector()), input);
          assertSameMatrix(a.and(b).not(), new SelectorNot(new SelectorAnd(a, b, Meta.selector()), Meta.selector()),
              input);
        }
      }
    }
    assertThat(merged).as("some pairs merge").isPositive();
  }

  private static void assertSameMatrix(Selector simplified, Selector composite, List<Value> input) {
    assertThat(STANDARD.evaluate(simplified, input)).as("%s on %s", simplified, input)
        .isDeepEqualTo(STANDARD.evaluate(composite, input));
    assertThat(Interpreter.causal().evaluate(simplified, input))
        .isDeepEqualTo(Interpreter.causal().evaluate(composite, input));
  }
}
