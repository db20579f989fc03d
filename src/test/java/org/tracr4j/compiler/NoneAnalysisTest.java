package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;
import org.tracr4j.testing.Exhaustive;

/** None has no numerical encoding and no direction to attend with (cases found by causal fuzzing). */
class NoneAnalysisTest {
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3), Value.of(4));

  @Test
  void aMapReadingANumericalThatMayBeNoneIsRejected() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens());
    SOp tripled = shifted.multiply(3).numerical().named("tripled");
    SOp program = tripled.ne(9).named("not_nine");
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("tripled: it is numerical but can be none")
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).rules()).containsExactly(RuleCode.NUMERICAL_NONE));
  }

  /**
   * Causal outside-contract fuzzing (seed 32, program 32002098): a numerical mean over an s-op that may be
   * none. RASP's mean fails on [0, none] (and keeps a lone none); the model averaged a 0 and answered.
   */
  @Test
  void aNumericalAggregateReadingANumericalThatMayBeNoneIsRejected() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens());
    SOp isOne = Rasp.numerical(Rasp.map(x -> Value.of(ValueOperations.equal(x, Value.of(1)) ? 1 : 0), shifted))
        .named("is_one");
    SOp program = Rasp.numericalAggregate(Rasp.select(Rasp.indices(), Rasp.indices(),
        org.tracr4j.rasp.Comparison.LEQ), isOne).named("mean");
    assertThatThrownBy(() -> org.tracr4j.rasp.Interpreter.standard().evaluate(program,
        List.of(Value.of(1), Value.of(2), Value.of(3)))).isInstanceOf(org.tracr4j.EvaluationException.class);
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5).withCausal(true)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("is_one: it is numerical but can be none")
        .hasMessageContaining("mean would read 0")
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).rules()).containsExactly(RuleCode.NUMERICAL_NONE));
  }

  @Test
  void aNumericalOutputThatMayBeNoneCompilesAndAgreesWithTheInterpreter() {
    SOp program = Library.shiftBy(1, Rasp.tokens()).multiply(3).numerical();
    Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4));
    Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4).withCausal(true));
  }

  @Test
  void aLambdaThatSelectsOnNoneIsRejected() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens()).named("shifted");
    SelectorPredicate notTwo = (k, q) -> !ValueOperations.equal(q, Value.of(2));
    SOp program = Rasp.selectorWidth(Rasp.select(shifted, shifted, notTwo).named("not_two"));
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("not_two: its predicate selects")
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).rules()).containsExactly(RuleCode.SELECTS_ON_NONE));
  }

  @Test
  void comparisonsNeverSelectOnNoneSoTheyCompileAndAgreeWithTheInterpreter() {
    // None where the token is 4: a comparison with none is an error in RASP, so those inputs have no
    // answer, and on the others the model must agree.
    SelectorPredicate sameButFour = (k, q) -> ValueOperations.equal(k, q) && !ValueOperations.equal(k, Value.of(4));
    SOp maybeNone = Rasp.aggregate(Rasp.select(Rasp.tokens(), Rasp.tokens(), sameButFour), Rasp.tokens())
        .named("maybe_none");
    SOp program = Rasp.selectorWidth(Rasp.select(maybeNone, maybeNone, org.tracr4j.rasp.Comparison.EQ));
    Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4));
    Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4).withCausal(true));
  }
}
