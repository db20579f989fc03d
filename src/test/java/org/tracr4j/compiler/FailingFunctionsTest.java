package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Sequences;

/**
 * Issue 10 §1: a function that fails on a value its input can take leaves inputs on which RASP has no
 * answer; the exact mode rejects the program, naming the value and why (Tracr's mode compiles it).
 */
class FailingFunctionsTest {
  private static SOp parse(String source) {
    return RaspLanguage.parse(source, "f.rasp").output();
  }

  private static Finding onlyFinding(SOp program, List<Value> vocab) {
    UnsupportedProgramException e = catchThrowableOfType(UnsupportedProgramException.class,
        () -> Compiler.compile(program, CompileOptions.of(vocab, 3)));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.findings()).hasSize(1);
    return e.findings().get(0);
  }

  @Test
  void divisionByZero() {
    SOp program = parse("x = map(v -> 1 / v, tokens);\n");
    Finding finding = onlyFinding(program, Sequences.intVocab(0, 1, 2));
    assertThat(finding.rule()).isEqualTo(RuleCode.FUNCTION_FAILS);
    assertThat(finding.expression()).isEqualTo("x");
    assertThat(finding.reason()).contains("fails on 0 (a value of tokens)", "division by zero");
    assertThat(Compiler.compile(program, CompileOptions.of(Sequences.intVocab(0, 1, 2), 3)
        .withMode(CompileOptions.Mode.TRACR)).model()).as("Tracr's mode leaves 0 out").isNotNull();
    assertThat(Compiler.compile(program, CompileOptions.of(Sequences.intVocab(1, 2), 3)).model())
        .as("without 0 in the vocabulary it compiles").isNotNull();
  }

  @Test
  void comparingANumberWithAString() {
    Finding finding = onlyFinding(parse("x = tokens < \"a\";\n"), Sequences.values(1L, "a"));
    assertThat(finding.rule()).isEqualTo(RuleCode.FUNCTION_FAILS);
    assertThat(finding.reason()).contains("fails on 1", "cannot order");
  }

  @Test
  void aNonFiniteResult() {
    Finding finding = onlyFinding(parse("x = map(v -> 1e308 * 10 if v == \"a\" else 2, tokens);\n"),
        Sequences.charVocab("ab"));
    assertThat(finding.rule()).isEqualTo(RuleCode.FUNCTION_FAILS);
    assertThat(finding.reason()).contains("fails on a", "not a finite number");
  }

  @Test
  void aSequenceMapNamesThePair() {
    Finding finding = onlyFinding(parse("x = sequence_map((a, b) -> a / b, tokens, indices);\n"),
        Sequences.intVocab(1, 2));
    assertThat(finding.reason()).contains("fails on (1, 0)", "division by zero");
  }

  @Test
  void aPredicateThatFails() {
    SOp program = parse("s = select(tokens, indices, <);\nx = aggregate(s, tokens);\n");
    Finding finding = onlyFinding(program, Sequences.charVocab("ab"));
    assertThat(finding.rule()).isEqualTo(RuleCode.PREDICATE_FAILS);
    assertThat(finding.expression()).isEqualTo("s");
    assertThat(finding.reason()).contains("key a (of tokens)", "query 0 (of indices)");
  }
}
