package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.tracr4j.EvaluationException;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Exhaustive;

/** A rewrite keeps the selection matrix: checked on every input up to length 4, standard and causal. */
final class SameSelection {
  static final List<Value> VOCAB = List.of(Value.of(0), Value.of(1), Value.of(2));

  private SameSelection() {}

  static void assertSameSelection(Selector before, Selector after) {
    int compared = 0;
    for (List<Value> input : Exhaustive.inputs(VOCAB, 4)) {
      for (Interpreter interpreter : List.of(Interpreter.standard(), Interpreter.causal())) {
        boolean[][] expected;
        try {
          expected = interpreter.evaluate(before, input);
        } catch (EvaluationException e) {
          continue;
        }
        assertThat(interpreter.evaluate(after, input)).as("%s on %s", after, input).isDeepEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isPositive();
  }
}
