package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/**
 * The one evaluator of the function language, where the language's two former evaluators disagreed
 * (abs, round, and/or) decided by Python's semantics, and tables.
 */
class TermTest {
  private static final Term X = new Term.Parameter(0);
  private static final Term Y = new Term.Parameter(1);

  private static Value call(Term.Builtin function, Value... arguments) {
    List<Term> terms = java.util.Arrays.stream(arguments).map(v -> (Term) new Term.Constant(v)).toList();
    return new Term.Call(function, terms).evaluate(List.of());
  }

  @Test
  void absIsPythonsAbs() {
    assertThat(call(Term.Builtin.ABS, Value.TRUE)).isInstanceOf(Value.Int.class).isEqualTo(Value.of(1));
    assertThat(call(Term.Builtin.ABS, Value.of(-2.5))).isEqualTo(Value.of(2.5));
    // Exact on 64-bit integers (the generator's evaluator went through a double: 9007199254740992).
    assertThat(((Value.Int) call(Term.Builtin.ABS, Value.of(-9007199254740993L))).value()).isEqualTo(9007199254740993L);
    assertThatThrownBy(() -> call(Term.Builtin.ABS, Value.of(Long.MIN_VALUE))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> call(Term.Builtin.ABS, Value.of("a"))).isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("abs needs a number");
  }

  @Test
  void roundIsPythonsRoundHalfToEvenAndExactOnIntegers() {
    assertThat(call(Term.Builtin.ROUND, Value.of(2.5))).isInstanceOf(Value.Int.class).isEqualTo(Value.of(2));
    assertThat(call(Term.Builtin.ROUND, Value.of(3.5))).isEqualTo(Value.of(4));
    assertThat(call(Term.Builtin.ROUND, Value.of(-0.5))).isInstanceOf(Value.Int.class).isEqualTo(Value.of(0));
    assertThat(call(Term.Builtin.ROUND, Value.TRUE)).isInstanceOf(Value.Int.class).isEqualTo(Value.of(1));
    assertThat(((Value.Int) call(Term.Builtin.ROUND, Value.of(9007199254740993L))).value())
        .isEqualTo(9007199254740993L);
    // Python raises OverflowError; the generator's evaluator gave Long.MAX_VALUE.
    assertThatThrownBy(() -> call(Term.Builtin.ROUND, Value.of(1e300))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> call(Term.Builtin.FLOOR, Value.of("a"))).isInstanceOf(ArithmeticException.class);
    assertThat(call(Term.Builtin.FLOOR, Value.of(-0.5))).isEqualTo(Value.of(-1));
    assertThat(call(Term.Builtin.CEIL, Value.of(-0.5))).isEqualTo(Value.of(0));
  }

  @Test
  void minAndMaxReturnTheFirstOfEqualExtremes() {
    assertThat(call(Term.Builtin.MIN, Value.of(1), Value.of(1.0))).isInstanceOf(Value.Int.class);
    assertThat(call(Term.Builtin.MAX, Value.TRUE, Value.of(1), Value.of(0))).isEqualTo(Value.TRUE)
        .isInstanceOf(Value.Bool.class);
    assertThat(call(Term.Builtin.MIN, Value.of(3), Value.of(1), Value.of(2))).isEqualTo(Value.of(1));
    assertThatThrownBy(() -> new Term.Call(Term.Builtin.MIN, List.of(X))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void andOrShortCircuitAndReturnAnOperand() {
    // x != 0 and 1 / x > 1: Python never divides by zero here (the generator's evaluator did).
    Term guarded = new Term.Binary(Operators.Binary.AND, new Term.Binary(Operators.Binary.NE, X, constant(0)),
        new Term.Binary(Operators.Binary.GT, new Term.Binary(Operators.Binary.DIVIDE, constant(1), X), constant(1)));
    assertThat(guarded.evaluate(List.of(Value.of(0)))).isEqualTo(Value.FALSE);
    Term or = new Term.Binary(Operators.Binary.OR, X, constant("fallback"));
    assertThat(or.evaluate(List.of(Value.of(""))).toString()).isEqualTo("fallback");
    assertThat(or.evaluate(List.of(Value.of(3)))).isEqualTo(Value.of(3));
  }

  @Test
  void aConditionalEvaluatesOnlyTheBranchTaken() {
    Term safe = new Term.Conditional(constant(0), new Term.Binary(Operators.Binary.EQ, X, constant(0)),
        new Term.Binary(Operators.Binary.DIVIDE, constant(1), X));
    assertThat(safe.evaluate(List.of(Value.of(0)))).isEqualTo(Value.of(0));
    assertThat(safe.evaluate(List.of(Value.of(2)))).isEqualTo(Value.of(0.5));
  }

  @Test
  void tablesFindKeysByPythonEquality() {
    Term.Table table = Term.Table.of(Map.of(Value.of(1), Value.of("one")), null, X);
    assertThat(table.evaluate(List.of(Value.of(1)))).isEqualTo(Value.of("one"));
    assertThat(table.evaluate(List.of(Value.of(1.0)))).isEqualTo(Value.of("one"));
    assertThat(table.evaluate(List.of(Value.TRUE))).isEqualTo(Value.of("one"));
    assertThatThrownBy(() -> table.evaluate(List.of(Value.of(2)))).isInstanceOf(ArithmeticException.class)
        .hasMessage("no table entry for 2");
    Term.Table withDefault = Term.Table.of(Map.of(Value.TRUE, Value.of("yes")), Value.NONE, X);
    assertThat(withDefault.evaluate(List.of(Value.of(1)))).isEqualTo(Value.of("yes"));
    assertThat(withDefault.evaluate(List.of(Value.of("a")))).isEqualTo(Value.NONE);
  }

  @Test
  void tablesKeyedByPairs() {
    SequencedMap<List<Value>, Value> entries = new LinkedHashMap<>();
    entries.put(List.of(Value.of(1), Value.of("a")), Value.TRUE);
    entries.put(List.of(Value.of(2), Value.of("a")), Value.FALSE);
    Term.Table table = new Term.Table(entries, Value.FALSE, List.of(X, Y));
    assertThat(table.evaluate(List.of(Value.of(1), Value.of("a")))).isEqualTo(Value.TRUE);
    assertThat(table.evaluate(List.of(Value.of(1), Value.of("b")))).isEqualTo(Value.FALSE);
    assertThat(Lambda.predicate(table).test(Value.of(1.0), Value.of("a"))).isTrue();
  }

  @Test
  void aTableRefusesKeysThatPythonWouldMerge() {
    SequencedMap<List<Value>, Value> entries = new LinkedHashMap<>();
    entries.put(List.of(Value.of(1)), Value.of(1));
    entries.put(List.of(Value.TRUE), Value.of(2));
    assertThatThrownBy(() -> new Term.Table(entries, null, List.of(X))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table key true is the same key as 1");
    SequencedMap<List<Value>, Value> none = new LinkedHashMap<>();
    none.put(List.of(Value.NONE), Value.of(1));
    assertThatThrownBy(() -> new Term.Table(none, null, List.of(X))).isInstanceOf(IllegalArgumentException.class);
    SequencedMap<List<Value>, Value> wide = new LinkedHashMap<>();
    wide.put(List.of(Value.of(1), Value.of(2)), Value.of(1));
    assertThatThrownBy(() -> new Term.Table(wide, null, List.of(X))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aComparisonFailsOnNoneWhereTheOperatorDoesNot() {
    Term strict = Term.Compare.of(Comparison.EQ);
    Term lenient = new Term.Binary(Operators.Binary.EQ, X, Y);
    List<Value> withNone = List.of(Value.NONE, Value.of(1));
    assertThatThrownBy(() -> strict.evaluate(withNone)).isInstanceOf(ArithmeticException.class);
    assertThat(lenient.evaluate(withNone)).isEqualTo(Value.FALSE);
  }

  @Test
  void aLambdaChecksItsArityAndWhereItIsUsed() {
    assertThatThrownBy(() -> new Lambda(List.of("x"), Y)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lambda(List.of("x", "x"), X)).isInstanceOf(IllegalArgumentException.class);
    Lambda binary = Lambda.binary(new Term.Binary(Operators.Binary.ADD, X, Y));
    assertThatThrownBy(() -> Rasp.map(binary, Rasp.tokens())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a map needs a function of 1 parameter");
    assertThatThrownBy(() -> binary.apply(Value.of(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void composingKeepsNoneAndFailuresOfTheInnerFunction() {
    Lambda plusOne = Lambda.unary(new Term.Binary(Operators.Binary.ADD, X, constant(1)));
    Lambda timesTwo = Lambda.unary(new Term.Binary(Operators.Binary.MULTIPLY, X, constant(2)));
    assertThat(Lambda.compose(timesTwo, plusOne)).hasToString("x -> (x + 1) * 2");
    Lambda zero = Lambda.unary(constant(0));
    Lambda inverse = Lambda.unary(new Term.Binary(Operators.Binary.DIVIDE, constant(1), X));
    Lambda composed = Lambda.compose(zero, inverse);
    assertThatThrownBy(() -> composed.apply(Value.of(0))).isInstanceOf(ArithmeticException.class);
    assertThat(composed.apply(Value.of(4))).isEqualTo(Value.of(0));
  }

  @Test
  void predicatesCombineIntoOneLambda() {
    SelectorPredicate combined = Predicates.or(Comparison.LT, Predicates.not(Comparison.GEQ));
    assertThat(combined).isInstanceOf(Lambda.class).hasToString("(<) or (not (>=))");
    assertThat(combined.test(Value.of(1), Value.of(2))).isTrue();
    assertThat(combined.test(Value.of(2), Value.of(2))).isFalse();
    SelectorPredicate fixed = Predicates.withKey(Comparison.LT, Value.of(1));
    assertThat(fixed.test(Value.of(5), Value.of(2))).isTrue();
    assertThat(fixed).hasToString("(k, q) -> 1 < q");
  }

  private static Term constant(Object value) {
    return new Term.Constant(Value.ofJava(value));
  }
}
