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
 * <p>Proofs, each enough: the selector is {@code select(indices, q, ==)} (indices are distinct, so at most
 * one key matches), or a conjunction with one; or the aggregated s-op takes only numbers (booleans count),
 * is never none, and either takes at most one value or the selector is {@code select(k, q, ==)} with the
 * aggregated s-op {@code k} or a map of {@code k} (every selected key equals the query, so every selected
 * value is the same). Several selections of one string are no proof: RASP's mean fails on them. Otherwise a bounded search (the
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
    NoneAnalysis none = NoneAnalysis.of(graph, valueSets);
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof Aggregate a && a.isCategorical() && !proven(a, valueSets, none)) {
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
      boolean numbers = valueSets.of(a.sop()).stream().allMatch(org.tracr4j.rasp.Value::isNumeric);
      out.put(id, "every query must select at most one distinct value of " + graph.label(a.sop())
          + (numbers ? "" : " and, as they are not all numbers, at most one key (RASP averages only numbers)")
          + " (a categorical aggregate cannot average); not proven at compile time"
          + (witness == null ? ", and none of the shortest " + SEARCHED + " inputs averages"
              : "; input " + witness + " averages"));
    });
    return out;
  }

  private static boolean proven(Aggregate a, ValueSets valueSets, NoneAnalysis none) {
    if (selectsOneKey(a.selector())) {
      return true;
    }
    // Several keys with one value: the interpreter's mean is that value only for numbers (and booleans); it
    // fails on several strings, even equal ones, where the model would answer the common value. A value set
    // leaves none out: one value and none are two (none averaged with 0 is no answer either).
    boolean numbers = valueSets.of(a.sop()).stream().allMatch(org.tracr4j.rasp.Value::isNumeric)
        && !none.mayBeNone(a.sop());
    return numbers && (valueSets.of(a.sop()).size() <= 1 || selectsOneValue(a.selector(), a.sop()));
  }

  /** Name suffix of the residual directions of an aggregate's key channel ({@link #countsKeys}). */
  static final String KEYS = "#keys";

  /**
   * Whether the aggregate's head also writes the histogram of the selected keys' indices (its key channel,
   * directions {@code label#keys:i}), so that the model sees when a query selects several keys: where the
   * values may be strings or none, several selections are outside RASP even when they hold one value, and
   * the value features alone (one-hot of that value) cannot show it.
   */
  static boolean countsKeys(Aggregate a, ValueSets valueSets, NoneAnalysis none, BuildMode mode) {
    return mode.guardsAggregates() && a.isCategorical() && !selectsOneKey(a.selector())
        && (!valueSets.of(a.sop()).stream().allMatch(org.tracr4j.rasp.Value::isNumeric) || none.mayBeNone(a.sop()));
  }

  /** {@code select(indices, q, ==)}, or a conjunction with one: indices are distinct, so one key at most. */
  private static boolean selectsOneKey(Selector selector) {
    return switch (selector) {
      case Select s -> s.predicate() == Comparison.EQ && s.keys() instanceof Indices;
      case SelectorAnd and -> selectsOneKey(and.first()) || selectsOneKey(and.second());
      default -> false;
    };
  }

  private static boolean selectsOneValue(Selector selector, SOp values) {
    return switch (selector) {
      case Select s -> s.predicate() == Comparison.EQ && functionOf(values, s.keys());
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
