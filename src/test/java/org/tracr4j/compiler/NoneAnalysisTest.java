package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

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
        .hasMessageContaining("tripled: it is numerical but can be none");
  }

  @Test
  void aNumericalOutputThatMayBeNoneIsFine() {
    SOp program = Library.shiftBy(1, Rasp.tokens()).multiply(3).numerical();
    assertThatCode(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5))).doesNotThrowAnyException();
  }

  @Test
  void aLambdaThatSelectsOnNoneIsRejected() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens()).named("shifted");
    SelectorPredicate notTwo = (k, q) -> !ValueOperations.equal(q, Value.of(2));
    SOp program = Rasp.selectorWidth(Rasp.select(shifted, shifted, notTwo).named("not_two"));
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("not_two: its predicate selects");
  }

  @Test
  void comparisonsNeverSelectOnNoneSoTheyCompile() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens());
    SOp program = Rasp.selectorWidth(Rasp.select(shifted, shifted, org.tracr4j.rasp.Comparison.EQ));
    assertThatCode(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 5))).doesNotThrowAnyException();
  }
}
