package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.check.OutputAgreement;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Sequences;

/**
 * Each silent error of Tracr (tracr-reference §8) on a concrete program and input: the model built with
 * Tracr's constructions ({@code --compat tracr}) disagrees with RASP, the exact mode's model agrees.
 */
class TracrGapsTest {
  private static List<Value> run(SOp program, CompileOptions options, List<Value> input) {
    Model model = Compiler.compile(program, options).model();
    List<Value> out = new ArrayList<>();
    for (Object o : model.run(input)) {
      out.add(Value.ofJava(o));
    }
    return out;
  }

  private static boolean agrees(SOp program, List<Value> actual, List<Value> expected) {
    return OutputAgreement.firstDifference(program.isNumerical(), expected, actual) < 0;
  }

  private static void tracrWrongExactRight(SOp program, List<Value> vocab, int maxSeqLen, List<Value> input) {
    List<Value> expected = Interpreter.standard().evaluate(program, input);
    CompileOptions exact = CompileOptions.of(vocab, maxSeqLen);
    assertThat(agrees(program, run(program, exact, input), expected)).as("exact mode").isTrue();
    assertThat(agrees(program, run(program, exact.withMode(CompileOptions.Mode.TRACR), input), expected))
        .as("Tracr's construction").isFalse();
  }

  /** §8.1: categorical→numerical MLPs clip negative outputs. */
  @Test
  void negativeNumericalMapOutputs() {
    SOp program = Rasp.tokens().subtract(2).numerical();
    tracrWrongExactRight(program, Sequences.ints(1, 2, 3), 3, Sequences.ints(1, 2, 3));
  }

  /** §8.2: selector width is inexact from N = 7 (numerical) at the default mlp_exactness. */
  @Test
  void numericalLengthAtLengthSeven() {
    SOp program = Library.makeLength().numerical();
    tracrWrongExactRight(program, Sequences.charVocab("ab"), 7, Sequences.chars("abababa"));
  }

  /** §8.2: categorical selector width decodes width 10 as 9 at the default mlp_exactness. */
  @Test
  void categoricalHistogramAtLengthTen() {
    tracrWrongExactRight(Library.makeHist(), Sequences.charVocab("ab"), 10, Sequences.chars("aaaaaaaaaa"));
  }

  /** §8.3: a numerical aggregate's value set lacks k/l for k > 1, so a later MLP discretises wrongly. */
  @Test
  void numericalAggregateMeansBeyondOneOverL() {
    SOp fraction = Library.makeFracPrevs(Rasp.tokens().eq("a"));
    SOp program = fraction.gt(0.6).named("mostly_a");
    tracrWrongExactRight(program, Sequences.charVocab("ab"), 5, Sequences.chars("aabab"));
  }

  /** §8.4: a numerical MLP writes into BOS, so an empty selection returns that value, not the default. */
  @Test
  void bosPollution() {
    SOp frac = Rasp.numericalAggregate(Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LEQ),
        Rasp.tokens().eq("a").numerical());
    SOp below = Rasp.map(org.tracr4j.rasp.UnaryFunction.described("x -> 1 if x < 0.5 else 0",
        x -> Value.of(x.asDouble() < 0.5 ? 1L : 0L)), frac).numerical();
    SOp program = Rasp.numericalAggregate(Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT), below);
    tracrWrongExactRight(program, Sequences.charVocab("ab"), 4, Sequences.chars("abab"));
  }
}
