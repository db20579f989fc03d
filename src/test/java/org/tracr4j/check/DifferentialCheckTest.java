package org.tracr4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Sequences;

class DifferentialCheckTest {
  private static DifferentialCheck check(SOp program, CompileOptions options) {
    return new DifferentialCheck(program, Compiler.compile(program, options).model(), options.causal());
  }

  /** Issue 10 §1: Tracr's histogram decodes 11 as 10 at length 12; the exact mode's does not. */
  @Test
  void findsTracrsHistogramErrorAndNotTheExactModes() {
    SOp hist = Library.makeHist();
    List<Value> input = Sequences.chars("aaaaaaaaaaab");
    CompileOptions options = CompileOptions.of(Sequences.charVocab("ab"), 12);
    Verdict tracr = check(hist, options.withMode(CompileOptions.Mode.TRACR)).check(input);
    assertThat(tracr).isInstanceOfSatisfying(Verdict.Disagreed.class, d -> {
      assertThat(d.position()).isZero();
      assertThat(d.expected().get(0)).isEqualTo(Value.of(11));
      assertThat(d.actual().get(0)).isEqualTo(Value.of(10));
    });
    assertThat(check(hist, options).check(input)).isEqualTo(new Verdict.Agreed(input, 12));
  }

  @Test
  void anInputOnWhichAnAggregateMustAverageIsRefused() {
    SOp program = RaspLanguage.parse("sel = select(tokens, tokens, ==);\nx = aggregate(sel, indices);\n",
        "t.rasp").output();
    DifferentialCheck check = check(program, CompileOptions.of(Sequences.intVocab(1, 2, 3), 4));
    assertThat(check.check(Sequences.ints(1, 1, 2))).isInstanceOfSatisfying(Verdict.Refused.class,
        refused -> assertThat(refused.insideContract()).isFalse());
    assertThat(check.check(Sequences.ints(1, 2, 3))).isInstanceOf(Verdict.Agreed.class);
  }
}
