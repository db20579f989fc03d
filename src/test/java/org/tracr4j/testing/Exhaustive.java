package org.tracr4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.EvaluationException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.DynamicValidation;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Compiles a program and checks the model against the interpreter on every input of the vocabulary up to
 * the maximum length (standard or causal evaluation, as the options say), within {@code 1e-6} relative.
 * Inputs on which the interpreter fails have no answer, and inputs outside the compiler's contract (a
 * categorical aggregate that would average several values, {@link DynamicValidation}) have no faithful
 * model: both are skipped. Meant for small vocabularies.
 */
public final class Exhaustive {
  private Exhaustive() {}

  /** Asserts agreement on every input; returns the number of inputs compared (at least one). */
  public static int assertAgrees(SOp program, CompileOptions options) {
    Model model = Compiler.compile(program, options).model();
    Interpreter interpreter = options.causal() ? Interpreter.causal() : Interpreter.standard();
    DynamicValidation contract = new DynamicValidation(ProgramGraph.of(program), options.causal());
    Agreement agreement = new Agreement(org.tracr4j.rasp.Tolerance.MODEL_OUTPUT);
    int compared = 0;
    for (List<Value> input : inputs(options.vocab(), options.maxSeqLen())) {
      List<Value> expected;
      try {
        expected = interpreter.evaluate(program, input);
      } catch (EvaluationException e) {
        continue;
      }
      if (!contract.check(input).isEmpty()) {
        continue;
      }
      agreement.check(program + " on " + input, expected, model.run(input));
      compared++;
    }
    assertThat(compared).as("inputs the interpreter answers").isPositive();
    return compared;
  }

  /** Every sequence over {@code vocab} of length 1 to {@code maxLength}, shortest first. */
  public static List<List<Value>> inputs(List<Value> vocab, int maxLength) {
    List<List<Value>> all = new ArrayList<>();
    List<List<Value>> previous = List.of(List.of());
    for (int length = 1; length <= maxLength; length++) {
      List<List<Value>> next = new ArrayList<>();
      for (List<Value> prefix : previous) {
        for (Value token : vocab) {
          List<Value> input = new ArrayList<>(prefix);
          input.add(token);
          next.add(List.copyOf(input));
        }
      }
      all.addAll(next);
      previous = next;
    }
    return all;
  }
}
