package org.tracr4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;

/** A bounded differential fuzzing run as part of the suite (the 10,000-program run is `tracr4j fuzz`). */
class FuzzerTest {
  @Test
  void exactModeAgreesWithTheInterpreterOnRandomPrograms() {
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(300, 15, 42, CompileOptions.Mode.EXACT, 8, 8, false))
        .run(null);
    assertThat(report.failures()).as("failures: %s", report.failures()).isEmpty();
    assertThat(report.compiled()).as("rejections: %s", report.rejections()).isGreaterThan(290);
    assertThat(report.positionsCompared()).isGreaterThan(10_000);
  }

  @Test
  void causalModelsAgreeWithTheCausalInterpreter() {
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(150, 15, 43, CompileOptions.Mode.EXACT, 8, 8, true))
        .run(null);
    assertThat(report.failures()).as("failures: %s", report.failures()).isEmpty();
    assertThat(report.positionsCompared()).isGreaterThan(5_000);
  }

  /** The same run finds Tracr's silent errors, so the comparison can fail. */
  @Test
  void tracrConstructionsDisagreeSomewhere() {
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(300, 15, 42, CompileOptions.Mode.TRACR, 8, 8, false))
        .run(null);
    assertThat(report.disagreements()).isPositive();
    Fuzzer.Failure first = report.failures().get(0);
    assertThat(first.program().raspSource()).contains("return");
    assertThat(first.problem().expected()).isNotEmpty();
  }

  @Test
  void rejectionsAreGroupedByRuleCode() {
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(200, 2, 44, CompileOptions.Mode.TRACR, 8, 8, false))
        .run(null);
    java.util.Set<String> codes = java.util.Arrays.stream(org.tracr4j.RuleCode.values())
        .map(org.tracr4j.RuleCode::code).collect(java.util.stream.Collectors.toSet());
    assertThat(report.rejections()).isNotEmpty();
    assertThat(codes).containsAll(report.rejections().keySet());
  }


  /**
   * Issue 10 §1: outside the contract (aggregates that may average, functions that may fail) every program is
   * rejected, every input that must average is refused, and every other input is answered right.
   */
  @Test
  void outsideTheContractNothingIsAnsweredWrong() {
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(300, 15, 44, CompileOptions.Mode.EXACT, 8, 8, false,
        true)).run(null);
    assertThat(report.failures()).as("failures: %s", report.failures()).isEmpty();
    assertThat(report.inputsOutsideContract()).as("inputs refused").isPositive();
    // The failing functions drawn outside the contract reached the compiler, which refused each one.
    assertThat(report.generatorRefusals()).containsKey("function-fails");
    assertThat(report.positionsCompared()).isGreaterThan(5_000);
  }
}
