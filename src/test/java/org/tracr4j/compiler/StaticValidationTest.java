package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Value;

/**
 * Every static rule, triggered by a program that breaks only it, with its rule code and its message. The
 * stage is run on the program as written: some of these (composite selectors, numerical select keys and
 * sequence-map inputs) the rewrite stage converts before validation, so a compile accepts them.
 */
class StaticValidationTest {
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3));
  private static final CompileOptions.Mode EXACT = CompileOptions.Mode.EXACT;
  private static final CompileOptions.Mode TRACR = CompileOptions.Mode.TRACR;

  record Case(String name, CompileOptions.Mode mode, Supplier<SOp> program, RuleCode rule, String message) {
    @Override
    public String toString() {
      return name + " (" + mode.lowerName() + ")";
    }
  }

  private static Select sameToken() {
    return Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
  }

  private static SOp numericalTokens() {
    return Rasp.numerical(Rasp.map(x -> x, Rasp.tokens()).named("number"));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("output is tokens", EXACT, Rasp::tokens, RuleCode.NO_COMPUTATION, "does no computation"),
        new Case("never reads tokens", EXACT, () -> Rasp.indices().add(1), RuleCode.NO_TOKENS,
            "never reads tokens"),
        new Case("numerical tokens", EXACT, () -> Rasp.numerical(Rasp.tokens()).add(1).named("plus"),
            RuleCode.NUMERICAL_PRIMITIVE, "tokens are always categorical"),
        new Case("numerical indices", EXACT, () -> Rasp.map(x -> x, Rasp.numerical(Rasp.indices())).add(Rasp.tokens()),
            RuleCode.NUMERICAL_PRIMITIVE, "indices are always categorical"),
        new Case("length primitive", EXACT, () -> Rasp.tokens().add(Rasp.lengthPrimitive()),
            RuleCode.LENGTH_PRIMITIVE, "the length primitive cannot be compiled"),
        new Case("full", EXACT, () -> Rasp.tokens().add(Rasp.full(1)), RuleCode.CONSTANT_SEQUENCE,
            "a constant sequence (full) cannot be compiled"),
        new Case("numerical sequence map", EXACT, () -> numericalTokens().add(Rasp.tokens()),
            RuleCode.SEQUENCE_MAP_ENCODING, "a (non-linear) sequence_map needs categorical inputs"),
        new Case("categorical linear sequence map", EXACT,
            () -> Rasp.linearSequenceMap(Rasp.tokens(), Rasp.tokens(), 1, 1),
            RuleCode.LINEAR_SEQUENCE_MAP_ENCODING, "linear_sequence_map needs numerical inputs"),
        new Case("aggregate re-encodes", EXACT, () -> Rasp.numerical(Rasp.aggregate(sameToken(), Rasp.tokens(), 0)),
            RuleCode.AGGREGATE_ENCODING, "an aggregate's output encoding must match"),
        new Case("categorical default in Tracr mode", TRACR, () -> Rasp.aggregate(sameToken(), Rasp.tokens(), 1),
            RuleCode.AGGREGATE_DEFAULT, "only supports none as default (Tracr mode)"),
        new Case("numerical default in Tracr mode", TRACR,
            () -> Rasp.numerical(Rasp.aggregate(sameToken(), numericalTokens(), 1)),
            RuleCode.AGGREGATE_DEFAULT, "only supports 0 as default (Tracr mode)"),
        new Case("numerical default none", EXACT,
            () -> Rasp.numerical(Rasp.aggregate(sameToken(), numericalTokens())),
            RuleCode.AGGREGATE_DEFAULT, "default must be a number"),
        new Case("composite selector", EXACT,
            () -> Rasp.aggregate(sameToken().or(Rasp.select(Rasp.indices(), Rasp.tokens(), Comparison.LT)),
                Rasp.tokens()),
            RuleCode.COMPOSITE_SELECTOR, "combines selects with or/not"),
        new Case("and of selects in Tracr mode", TRACR,
            () -> Rasp.aggregate(sameToken().and(Rasp.select(Rasp.indices(), Rasp.tokens(), Comparison.LT)),
                Rasp.tokens()),
            RuleCode.COMPOSITE_SELECTOR, "combines selects"),
        new Case("numerical keys", EXACT,
            () -> Rasp.selectorWidth(Rasp.select(numericalTokens(), Rasp.tokens(), Comparison.EQ)),
            RuleCode.NUMERICAL_SELECT, "select keys must be categorical"),
        new Case("numerical queries", EXACT,
            () -> Rasp.selectorWidth(Rasp.select(Rasp.tokens(), numericalTokens(), Comparison.EQ)),
            RuleCode.NUMERICAL_SELECT, "select queries must be categorical"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleIsReportedWithItsCode(Case c) {
    List<Finding> findings = StaticValidation.check(ProgramGraph.of(c.program().get()), BuildMode.of(c.mode(), 100));
    assertThat(findings).as("findings").hasSize(1);
    assertThat(findings.get(0).rule()).isEqualTo(c.rule());
    assertThat(findings.get(0).reason()).contains(c.message());
  }

  @Test
  void aProgramWithTwoProblemsReportsBoth() {
    SOp width = Rasp.selectorWidth(sameToken()).named("width");
    SOp program = width.add(Rasp.full(2)).add(Rasp.lengthPrimitive()).named("total");
    assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(VOCAB, 4)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("(and 1 more)")
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).rules())
            .containsExactlyInAnyOrder(RuleCode.CONSTANT_SEQUENCE, RuleCode.LENGTH_PRIMITIVE));
  }
}
