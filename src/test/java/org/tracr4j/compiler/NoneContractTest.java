package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.EvaluationException;
import org.tracr4j.InvalidInputException;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.testing.NumpyScript;
import org.tracr4j.testing.Sequences;

/**
 * Issue 10 §1: a select that compares a none fails in RASP; the model reads the none as a zero vector. The
 * compared s-op records that it must never be none, and the model, a saved directory and the numpy script
 * refuse an input that makes it none, with one line naming it and the position.
 */
class NoneContractTest {
  private static final String SHIFTED_KEYS = "prev = aggregate(select(indices, indices, (k, q) -> k == q - 1), tokens);\n"
      + "same = selector_width(select(prev, prev, ==));\n";

  @TempDir Path dir;

  private static Model compile(String source, boolean causal) {
    SOp program = RaspLanguage.parse(source, "shift.rasp").output();
    return Compiler.compile(program, CompileOptions.of(Sequences.charVocab("ab"), 4).withCausal(causal)).model();
  }

  @Test
  void aComparedSopThatMayBeNoneIsGuardedAndEveryRuntimeRefusesTheInput() throws Exception {
    SOp program = RaspLanguage.parse(SHIFTED_KEYS, "shift.rasp").output();
    assertThatThrownBy(() -> Interpreter.standard().evaluate(program, Sequences.chars("aba")))
        .isInstanceOf(EvaluationException.class).hasMessageContaining("key is none");
    for (boolean causal : List.of(false, true)) {
      Model model = compile(SHIFTED_KEYS, causal);
      Provenance.Expression prev = model.provenance().orElseThrow().expression("prev").orElseThrow();
      assertThat(prev.neverNone()).contains("select", "keys");
      assertThatThrownBy(() -> model.run(Sequences.chars("aba"))).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("prev (shift.rasp:1:8) is none at position 0");
      Path saved = dir.resolve("shift-" + causal);
      ModelDirectory.write(model, saved, DataType.F32);
      assertThatThrownBy(() -> ModelDirectory.read(saved).run(Sequences.chars("ab")))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("is none at position 0");
      Assumptions.assumeTrue(NumpyScript.unavailableReason() == null, NumpyScript.unavailableReason());
      NumpyScript.Outcome numpy = NumpyScript.command(List.of(saved.toString(), "a b a"));
      assertThat(numpy.exitCode()).as(numpy.stderr()).isEqualTo(66);
      assertThat(numpy.stderr().strip()).contains("prev (shift.rasp:1:8) is none at position 0").doesNotContain("\n");
    }
  }

  /** A compared s-op that is never none gets no guard. */
  @Test
  void nothingIsGuardedWhereRaspCannotFailOnNone() {
    Model tokens = compile("same = selector_width(select(tokens, tokens, ==));\n", false);
    assertThat(tokens.provenance().orElseThrow().expressions()).allMatch(e -> e.neverNone() == null);
  }
}
