package org.tracr4j.decompile;

import java.util.List;
import java.util.Random;
import org.tracr4j.EvaluationException;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Functional equivalence of a decompiled program and the original: the same interpreter outputs on every
 * input up to the maximum length when there are few, else on seeded random ones. Inputs on which the
 * original program fails to evaluate are outside its meaning and skipped, and so are none positions of a
 * numerical output; numbers agree within 1e-4 relative (the model's weights are float32).
 */
final class Equivalence {
  static final int EXHAUSTIVE = 500;

  private Equivalence() {}

  /** Null when equivalent, else the first input on which they differ. */
  static String check(SOp original, String decompiled, List<Value> vocab, int maxSeqLen, boolean causal,
      int samples, long seed) {
    SOp recovered = RaspLanguage.parse(decompiled, "decompiled.rasp").output();
    Interpreter interpreter = causal ? Interpreter.causal() : Interpreter.standard();
    List<List<Value>> inputs = Inputs.count(vocab.size(), maxSeqLen) <= EXHAUSTIVE
        ? Inputs.all(vocab, maxSeqLen) : Inputs.sample(vocab, maxSeqLen, samples, new Random(seed));
    for (List<Value> input : inputs) {
      List<Value> want;
      try {
        want = interpreter.evaluate(original, input);
      } catch (EvaluationException e) {
        continue;
      }
      List<Value> got;
      try {
        got = interpreter.evaluate(recovered, input);
      } catch (EvaluationException e) {
        return "input " + input + ": the decompiled program fails: " + e.getMessage();
      }
      String difference = compare(want, got, original.isNumerical());
      if (difference != null) {
        return "input " + input + ": " + difference + " (original " + want + ", decompiled " + got + ")";
      }
    }
    return null;
  }

  /** Null when the model computes what {@code original} does (where it is defined), else the first input. */
  static String checkModel(SOp original, org.tracr4j.model.Model model, List<Value> vocab, int maxSeqLen,
      boolean causal, int samples, long seed) {
    Interpreter interpreter = causal ? Interpreter.causal() : Interpreter.standard();
    List<List<Value>> inputs = Inputs.count(vocab.size(), maxSeqLen) <= EXHAUSTIVE
        ? Inputs.all(vocab, maxSeqLen) : Inputs.sample(vocab, maxSeqLen, samples, new Random(seed));
    // An input the model refuses (its residual shows a none that a select compares) has no answer.
    List<List<Object>> outputs = Verifier.run(model, inputs);
    for (int i = 0; i < inputs.size(); i++) {
      if (outputs.get(i) == null) {
        continue;
      }
      List<Value> want;
      try {
        want = interpreter.evaluate(original, inputs.get(i));
      } catch (EvaluationException e) {
        continue;
      }
      String difference = Verifier.compare(want, outputs.get(i));
      if (difference != null) {
        return "input " + inputs.get(i) + ": " + difference;
      }
    }
    return null;
  }

  /**
   * A numerical output that is none in the original (an empty selection's mean, a map of it) has no value:
   * the model writes its direction's 0 there, and Tracr decodes it so, so any number agrees with it, as in
   * {@link Verifier#compare}.
   */
  private static String compare(List<Value> want, List<Value> got, boolean numerical) {
    for (int p = 0; p < want.size(); p++) {
      Value a = want.get(p);
      Value b = got.get(p);
      if (numerical && a.isNone() && b.isNumber()) {
        continue;
      }
      boolean same = a.isNumeric() && b.isNumeric() && (a.isNumber() || b.isNumber())
          ? Math.abs(a.asDouble() - b.asDouble()) <= 1e-4 * Math.max(1, Math.abs(a.asDouble()))
          : a.equals(b);
      if (!same) {
        return "position " + p;
      }
    }
    return null;
  }
}
