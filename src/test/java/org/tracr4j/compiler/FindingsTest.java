package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/** The stages after static validation collect every finding of their kind, each with its rule code. */
class FindingsTest {
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3));

  private static Select sameToken() {
    return Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
  }

  private static List<RuleCode> rulesOf(SOp program, CompileOptions options) {
    try {
      Compiler.compile(program, options);
    } catch (UnsupportedProgramException e) {
      return e.rules();
    }
    throw new AssertionError("compiled, but should have been rejected");
  }

  @Test
  void valueSetInferenceReportsEveryAggregateItCannotBuild() {
    SOp word = Rasp.map(x -> Value.of("w" + x), Rasp.tokens()).named("word");
    SOp first = Rasp.numerical(Rasp.aggregate(sameToken(), Rasp.numerical(word), 0)).named("first");
    SOp second = Rasp.numerical(Rasp.aggregate(sameToken(), Rasp.numerical(word.add("x")), 0)).named("second");
    SOp program = Rasp.linearSequenceMap(first, second, 1, 1).named("both");
    assertThat(rulesOf(Rasp.numerical(program), CompileOptions.of(VOCAB, 3)))
        .containsExactly(RuleCode.MEAN_OF_NON_NUMBER, RuleCode.MEAN_OF_NON_NUMBER);
  }

  @Test
  void tracrModeRejectsMeansOfNonBinaryValues() {
    SOp doubled = Rasp.numerical(Rasp.tokens().multiply(2)).named("doubled");
    SOp program = Rasp.numerical(Rasp.aggregate(sameToken(), doubled, 0)).named("mean");
    assertThat(rulesOf(program, CompileOptions.of(VOCAB, 3).withMode(CompileOptions.Mode.TRACR)))
        .containsExactly(RuleCode.MEAN_OF_NON_BINARY);
  }

  @Test
  void loweringReportsEveryMapItCannotBuild() {
    SOp number = Rasp.numerical(Rasp.tokens().multiply(1)).named("number");
    // None everywhere (a function that fails is FUNCTION_FAILS, found earlier by value-set inference).
    SOp nowhere = Rasp.map(x -> Value.NONE, number).named("nowhere");
    SOp neverEither = Rasp.map(x -> Value.NONE, number).named("never_either");
    SOp program = Rasp.sequenceMap((x, y) -> x, nowhere, neverEither).named("pair");
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 3)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("gives no value on any input value")
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).findings())
            .extracting(f -> f.expression() + " " + f.rule())
            .containsExactlyInAnyOrder("nowhere NO_DEFINED_VALUE", "never_either NO_DEFINED_VALUE"));
  }

  @Test
  void aFunctionThatTellsFloatingTwinsApartHasItsCode() {
    List<Value> vocab = List.of(Value.of(-2), Value.of(-1), Value.of(0), Value.of(1), Value.of(2));
    SOp balance = Library.makePairBalance(Rasp.tokens(), -2, 0).named("balance");
    SOp separates = Rasp.map(x -> Value.of(!ValueOperations.equal(x, Value.of(-0.2))), balance).named("sep");
    assertThat(rulesOf(separates, CompileOptions.of(vocab, 6))).containsExactly(RuleCode.FLOATING_TWINS);
  }
}
