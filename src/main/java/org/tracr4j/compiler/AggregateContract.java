package org.tracr4j.compiler;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;

/**
 * The one condition a compiled model needs from its inputs (tracr-reference §5, dynamic): a categorical
 * aggregate is an attention head whose output is the histogram of the selected values, so it is RASP's
 * answer only where every query selects at most one distinct value. For each categorical aggregate this
 * either proves that, or states it as a precondition that the model checks on every input ({@link
 * org.tracr4j.model.Model} refuses an input whose residual shows an average).
 *
 * <p>Proofs, each enough: the aggregated s-op takes at most one value; the selector is {@code select(indices,
 * q, ==)} (indices are distinct, so at most one key matches); the selector is {@code select(k, q, ==)} and the
 * aggregated s-op is {@code k} or a map of {@code k} (every selected key equals the query, so every selected
 * value is the same); or a conjunction one of whose parts is such a select. Otherwise a bounded search (the
 * shortest {@value #SEARCHED} inputs) looks for an input that averages, and the precondition names it.
 */
final class AggregateContract {
  /** Inputs tried, shortest first, for a witness of an unproven aggregate. */
  static final int SEARCHED = 256;

  private AggregateContract() {}

  /** The precondition of each categorical aggregate that is not proven, by expression id. */
  static Map<Long, String> preconditions(ProgramGraph graph, ValueSets valueSets, CompileOptions options) {
    if (!BuildMode.of(options).guardsAggregates()) {
      return Map.of();
    }
    Map<Long, Aggregate> unproven = new LinkedHashMap<>();
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof Aggregate a && a.isCategorical() && !proven(a, valueSets)) {
        unproven.put(a.id(), a);
      }
    }
    if (unproven.isEmpty()) {
      return Map.of();
    }
    Map<String, String> witnesses = witnesses(graph, options);
    Map<Long, String> out = new HashMap<>();
    unproven.forEach((id, a) -> {
      String label = graph.label(a);
      String witness = witnesses.get(label);
      out.put(id, "every query must select at most one distinct value of " + graph.label(a.sop())
          + " (a categorical aggregate cannot average); not proven at compile time"
          + (witness == null ? ", and none of the shortest " + SEARCHED + " inputs averages"
              : "; input " + witness + " averages"));
    });
    return out;
  }

  private static boolean proven(Aggregate a, ValueSets valueSets) {
    return valueSets.of(a.sop()).size() <= 1 || selectsOneValue(a.selector(), a.sop());
  }

  private static boolean selectsOneValue(Selector selector, SOp values) {
    return switch (selector) {
      case Select s -> s.predicate() == Comparison.EQ
          && (s.keys() instanceof Indices || functionOf(values, s.keys()));
      case SelectorAnd and -> selectsOneValue(and.first(), values) || selectsOneValue(and.second(), values);
      default -> false;
    };
  }

  /** Whether {@code sop} is {@code keys} or a chain of maps of it (equal keys give equal values). */
  private static boolean functionOf(SOp sop, SOp keys) {
    SOp current = sop;
    while (true) {
      if (current.equals(keys)) {
        return true;
      }
      if (!(current instanceof org.tracr4j.rasp.ElementwiseMap m)) {
        return false;
      }
      current = m.inner();
    }
  }

  /**
   * The labels of the aggregates that average on the first input (of the shortest {@link #SEARCHED}) on
   * which any does, with that input.
   */
  private static Map<String, String> witnesses(ProgramGraph graph, CompileOptions options) {
    DynamicValidation dynamic = new DynamicValidation(graph, options.causal());
    Map<String, String> found = new HashMap<>();
    List<Finding> first;
    try {
      first = dynamic.firstFailing(options.vocab(), options.maxSeqLen(), SEARCHED).orElse(List.of());
    } catch (org.tracr4j.EvaluationException e) {
      return found;
    }
    for (Finding f : first) {
      found.putIfAbsent(f.expression(), "`" + f.input() + "`");
    }
    return found;
  }
}
