package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Value;

/**
 * Checks a program on concrete inputs for what no static rule can see (tracr-reference §5, dynamic): a
 * categorical aggregate compiles to an attention head that outputs the histogram of the selected values, so
 * it agrees with RASP only where every query selects at most one distinct value. Unlike Tracr's check,
 * an average that happens to equal one of the inputs (mean(1, 2, 3) = 2) is still reported.
 */
public final class DynamicValidation {
  private final ProgramGraph graph;
  private final Interpreter interpreter;

  public DynamicValidation(ProgramGraph graph, boolean causal) {
    this.graph = graph;
    this.interpreter = causal ? Interpreter.causal() : Interpreter.standard();
  }

  /** Every finding on one input (each offending aggregate once, at its first offending position). */
  public List<Finding> check(List<Value> input) {
    List<Finding> findings = new ArrayList<>();
    Interpreter.Evaluation evaluation = null;
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof Aggregate a && a.isCategorical()) {
        if (evaluation == null) {
          evaluation = interpreter.evaluation(input);
        }
        averagedPosition(a, evaluation, input.size()).ifPresent(position -> findings.add(new Finding(RuleCode.CATEGORICAL_MEAN, graph.label(a),
            "a categorical aggregate must select at most one distinct value per query (at most one key where "
                + "the values are not numbers: the interpreter averages only numbers), but at position "
                + position + " it would have to average several", render(input))));
      }
    }
    return findings;
  }

  /**
   * The first input of the vocabulary, up to the maximum length, with a finding, enumerating shortest
   * inputs first; at most {@code cap} inputs are tried.
   */
  public Optional<List<Finding>> firstFailing(List<Value> vocab, int maxSeqLen, long cap) {
    long tried = 0;
    for (int length = 1; length <= maxSeqLen; length++) {
      int[] digits = new int[length];
      while (true) {
        if (tried++ >= cap) {
          return Optional.empty();
        }
        List<Value> input = new ArrayList<>(length);
        for (int d : digits) {
          input.add(vocab.get(d));
        }
        List<Finding> findings = check(input);
        if (!findings.isEmpty()) {
          return Optional.of(findings);
        }
        if (!increment(digits, vocab.size())) {
          break;
        }
      }
    }
    return Optional.of(List.of());
  }

  private static Optional<Integer> averagedPosition(Aggregate a, Interpreter.Evaluation evaluation, int n) {
    boolean[][] selected = evaluation.of(a.selector());
    List<Value> values = evaluation.of(a.sop());
    for (int q = 0; q < n; q++) {
      Value first = null;
      for (int k = 0; k < n; k++) {
        if (selected[q][k]) {
          if (first == null) {
            first = values.get(k);
          } else if (!first.equals(values.get(k)) || !first.isNumeric()) {
            // Two values, or two selections of a string (or none): RASP's mean fails where the model,
            // which sees one value, would answer it.
            return Optional.of(q);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean increment(int[] digits, int base) {
    for (int i = digits.length - 1; i >= 0; i--) {
      if (++digits[i] < base) {
        return true;
      }
      digits[i] = 0;
    }
    return false;
  }

  static String render(List<Value> input) {
    StringBuilder out = new StringBuilder();
    for (Value v : input) {
      out.append(out.length() == 0 ? "" : " ").append(v);
    }
    return out.toString();
  }
}
