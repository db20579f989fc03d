package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tracr4j.EvaluationException;
import org.tracr4j.RaspSyntaxException;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;

/**
 * Runs a recovered program (the interpreter) against the model it came from: on every input up to the
 * maximum length when there are at most {@value #EXHAUSTIVE_LIMIT}, else on {@value #SAMPLES} seeded random
 * inputs (by default). Categorical outputs must be equal, numerical ones within {@value #TOLERANCE} relative; an input
 * the program cannot evaluate (averaging non-numbers, as the source program would too) is skipped.
 */
final class Verifier {
  static final int EXHAUSTIVE_LIMIT = 4096;
  static final int SAMPLES = 2000;
  static final double TOLERANCE = 1e-4;
  private static final int BATCH = 256;

  record Result(int inputs, boolean exhaustive) {}

  private Verifier() {}

  static Result check(Model model, String source, int exhaustiveLimit, int samples) {
    Program program;
    try {
      program = RaspLanguage.parse(source, "decompiled.rasp");
    } catch (RaspSyntaxException e) {
      throw new IllegalStateException("the decompiler printed a program it cannot parse: " + e.getMessage()
          + "\n" + source, e);
    }
    List<Value> vocab = Inputs.vocabulary(model);
    boolean exhaustive = Inputs.count(vocab.size(), model.maxSeqLen()) <= exhaustiveLimit;
    List<List<Value>> inputs = exhaustive ? Inputs.all(vocab, model.maxSeqLen())
        : Inputs.sample(vocab, model.maxSeqLen(), samples, new Random(0));
    Interpreter interpreter = model.config().causal() ? Interpreter.causal() : Interpreter.standard();
    for (int start = 0; start < inputs.size(); start += BATCH) {
      List<List<Value>> batch = inputs.subList(start, Math.min(inputs.size(), start + BATCH));
      List<List<Object>> outputs = run(model, batch);
      for (int b = 0; b < batch.size(); b++) {
        if (outputs.get(b) == null) {
          continue; // the model refuses the input (a recorded precondition): there is no answer to compare
        }
        List<Value> expected;
        try {
          expected = interpreter.evaluate(program.output(), batch.get(b));
        } catch (EvaluationException e) {
          continue;
        }
        String disagreement = compare(expected, outputs.get(b));
        if (disagreement != null) {
          throw new UndecompilableModelException("verification", "the recovered program disagrees with the "
              + "model on input " + batch.get(b) + " (" + disagreement + ")");
        }
      }
    }
    return new Result(inputs.size(), exhaustive);
  }

  /** The model's outputs, null for an input it refuses. */
  static List<List<Object>> run(Model model, List<List<Value>> batch) {
    try {
      return model.runBatch(batch.stream().map(Verifier::written).toList());
    } catch (org.tracr4j.InvalidInputException refused) {
      List<List<Object>> outputs = new ArrayList<>();
      for (List<Value> input : batch) {
        try {
          outputs.add(model.run(written(input)));
        } catch (org.tracr4j.InvalidInputException e) {
          outputs.add(null);
        }
      }
      return outputs;
    }
  }

  private static List<String> written(List<Value> input) {
    List<String> tokens = new ArrayList<>();
    for (Value v : input) {
      tokens.add(v.toString());
    }
    return tokens;
  }

  /** Null when the program's and the model's outputs agree, else what differs. */
  static String compare(List<Value> program, List<Object> model) {
    for (int p = 0; p < program.size(); p++) {
      Value want = program.get(p);
      Value got = Value.ofJava(model.get(p));
      if (want.isNone() && got.isNumber()) {
        continue;
      }
      boolean same = want.isNumeric() && got.isNumeric() && (want.isNumber() || got.isNumber())
          ? Math.abs(want.asDouble() - got.asDouble()) <= TOLERANCE * Math.max(1, Math.abs(want.asDouble()))
          : want.equals(got);
      if (!same) {
        return "position " + p + ": model " + got + ", program " + want;
      }
    }
    return null;
  }
}
