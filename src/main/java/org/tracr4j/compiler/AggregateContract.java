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
import org.tracr4j.rasp.Value;

/**
 * The one condition a compiled model needs from its inputs (tracr-reference §5, dynamic): a categorical
 * aggregate is an attention head whose output is the histogram of the selected values, so it is RASP's
 * answer only where every query selects at most one distinct value. For each categorical aggregate this
 * either proves that, or states it as a precondition that the model checks on every input ({@link
 * org.tracr4j.model.Model} refuses an input whose residual shows an average).
 *
 * <p>Proofs, each enough. At most one key per query, whatever the values: the selector is {@code
 * select(k, q, p)} with keys {@code k} that differ at every position (indices; an injective map of such
 * keys; the rank of such keys) and {@code p} {@code ==} or selecting at most one key value per query value;
 * or a conjunction one of whose parts is such a select. Where the aggregated s-op takes only numbers
 * (booleans count) and is never none, also: it takes at most one value; or the selector is {@code
 * select(k, q, p)}, p as before, and the aggregated s-op is {@code k}, a map of {@code k}, or an s-op whose
 * rank {@code k} is (every selected key holds the same value, so every selected value is the same).
 * Several selections of one string are no proof: RASP's mean fails on them. Otherwise a bounded search (the
 * shortest {@value #SEARCHED} inputs) looks for an input that averages, and the precondition names it.
 */
final class AggregateContract {
  /** Inputs tried, shortest first, for a witness of an unproven aggregate. */
  static final int SEARCHED = 256;

  private AggregateContract() {}

  /** The precondition of each categorical aggregate that is not proven, by expression id. */
  static Map<Long, String> preconditions(ProgramGraph graph, ValueSets valueSets, NoneAnalysis none,
      CompileOptions options) {
    if (!BuildMode.of(options).guardsAggregates()) {
      return Map.of();
    }
    Map<Long, Aggregate> unproven = new LinkedHashMap<>();
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (expr instanceof Aggregate a && a.isCategorical() && !proven(a, valueSets, none, options.causal())) {
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

  private static boolean proven(Aggregate a, ValueSets valueSets, NoneAnalysis none, boolean causal) {
    if (selectsOneKey(a.selector(), valueSets, none, causal)) {
      return true;
    }
    // Several keys with one value: the interpreter's mean is that value only for numbers (and booleans); it
    // fails on several strings, even equal ones, where the model would answer the common value. A value set
    // leaves none out: one value and none are two (none averaged with 0 is no answer either).
    boolean numbers = valueSets.of(a.sop()).stream().allMatch(org.tracr4j.rasp.Value::isNumeric)
        && !none.mayBeNone(a.sop());
    return numbers && (valueSets.of(a.sop()).size() <= 1
        || selectsOneValue(a.selector(), a.sop(), valueSets, none, causal));
  }

  /** Name suffix of the residual directions of an aggregate's key channel ({@link #countsKeys}). */
  static final String KEYS = "#keys";

  /**
   * Whether the aggregate's head also writes the histogram of the selected keys' indices (its key channel,
   * directions {@code label#keys:i}), so that the model sees when a query selects several keys: where the
   * values may be strings or none, several selections are outside RASP even when they hold one value, and
   * the value features alone (one-hot of that value) cannot show it. The one-key proof is taken as if
   * causal (where a rank proves less), so a channel is never missing where {@link #preconditions} needs it.
   */
  static boolean countsKeys(Aggregate a, ValueSets valueSets, NoneAnalysis none, BuildMode mode) {
    return mode.guardsAggregates() && a.isCategorical() && !selectsOneKey(a.selector(), valueSets, none, true)
        && (!valueSets.of(a.sop()).stream().allMatch(org.tracr4j.rasp.Value::isNumeric) || none.mayBeNone(a.sop()));
  }

  /**
   * A select on keys that differ at every position ({@link #distinct}) whose predicate admits at most one
   * key value per query, or a conjunction with one: at most one key is selected.
   */
  private static boolean selectsOneKey(Selector selector, ValueSets valueSets, NoneAnalysis none, boolean causal) {
    return switch (selector) {
      case Select s -> distinct(s.keys(), valueSets, none, causal)
          && (s.predicate() == Comparison.EQ || oneKeyValuePerQuery(s, valueSets));
      case SelectorAnd and -> selectsOneKey(and.first(), valueSets, none, causal)
          || selectsOneKey(and.second(), valueSets, none, causal);
      default -> false;
    };
  }

  private static boolean selectsOneValue(Selector selector, SOp values, ValueSets valueSets, NoneAnalysis none,
      boolean causal) {
    return switch (selector) {
      case Select s -> functionOf(values, s.keys(), valueSets, none, causal)
          && (s.predicate() == Comparison.EQ || oneKeyValuePerQuery(s, valueSets));
      case SelectorAnd and -> selectsOneValue(and.first(), values, valueSets, none, causal)
          || selectsOneValue(and.second(), values, valueSets, none, causal);
      default -> false;
    };
  }

  /**
   * Whether {@code sop} holds a different value at every position of every input: indices; an injective
   * map or sequence map (on its value sets, never none) of such an s-op; the selector width of a strict
   * order ({@code <}, {@code >}) on such an s-op, which is its rank (not under causal evaluation, where a
   * query sees only a prefix).
   */
  static boolean distinct(SOp sop, ValueSets valueSets, NoneAnalysis none, boolean causal) {
    return switch (sop) {
      case Indices i -> true;
      case org.tracr4j.rasp.ElementwiseMap m -> distinct(m.inner(), valueSets, none, causal)
          && !none.mayBeNone(m) && injective(valueSets.of(m.inner()), List.of(Value.NONE),
              (x, unused) -> UserFunctions.call(() -> m.function().apply(x)));
      case org.tracr4j.rasp.SequenceMap m -> !m.first().equals(m.second()) && !none.mayBeNone(m)
          && (distinct(m.first(), valueSets, none, causal) || distinct(m.second(), valueSets, none, causal))
          && injective(valueSets.of(m.first()), valueSets.of(m.second()),
              (x, y) -> UserFunctions.call(() -> m.function().apply(x, y)));
      case org.tracr4j.rasp.SelectorWidth w -> !causal && w.selector() instanceof Select s
          && s.keys().equals(s.queries()) && !none.mayBeNone(s.keys())
          && distinct(s.keys(), valueSets, none, causal) && strictTotalOrder(s.predicate(), valueSets.of(s.keys()));
      default -> false;
    };
  }

  private static boolean rankOf(SOp keys, SOp sop, ValueSets valueSets, NoneAnalysis none, boolean causal) {
    return !causal && keys instanceof org.tracr4j.rasp.SelectorWidth w && w.selector() instanceof Select s
        && s.keys().equals(s.queries()) && s.keys().equals(sop) && !none.mayBeNone(sop)
        && strictTotalOrder(s.predicate(), valueSets.of(sop));
  }

  /** Whether exactly one of {@code p(x, y)}, {@code p(y, x)} holds for distinct values, and never {@code p(x, x)}. */
  private static boolean strictTotalOrder(org.tracr4j.rasp.SelectorPredicate p, java.util.Collection<Value> values) {
    if ((p == Comparison.LT || p == Comparison.GT) && values.stream().allMatch(Value::isNumber)) {
      return true; // < and > order distinct numbers totally
    }
    for (Value x : values) {
      for (Value y : values) {
        boolean xy = UserFunctions.selects(p, x, y);
        if (x.equals(y) ? xy : xy == UserFunctions.selects(p, y, x)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code f} gives a different value, never none or a failure, on every pair. */
  private static boolean injective(java.util.Collection<Value> xs, java.util.Collection<Value> ys,
      java.util.function.BinaryOperator<Value> f) {
    java.util.Set<Value> seen = new java.util.TreeSet<>();
    for (Value x : xs) {
      for (Value y : ys) {
        Value z = f.apply(x, y);
        if (z == null || z.isNone() || !seen.add(z)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether every query value selects at most one key value (then the selected keys all hold that value;
   * a none query selects nothing, which the none analysis has checked).
   */
  private static boolean oneKeyValuePerQuery(Select s, ValueSets valueSets) {
    java.util.SortedSet<org.tracr4j.rasp.Value> keys = valueSets.of(s.keys());
    for (org.tracr4j.rasp.Value query : valueSets.of(s.queries())) {
      int selected = 0;
      for (org.tracr4j.rasp.Value key : keys) {
        if (UserFunctions.selects(s.predicate(), key, query) && ++selected > 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code sop} is {@code keys} or a chain of maps of it, or of an s-op whose rank {@code keys} is
   * (a selector width of a strict total order on it: equal ranks hold equal values; not causal, where a
   * rank counts a prefix only). Then equal keys give equal values.
   */
  private static boolean functionOf(SOp sop, SOp keys, ValueSets valueSets, NoneAnalysis none, boolean causal) {
    SOp current = sop;
    while (true) {
      if (current.equals(keys) || rankOf(keys, current, valueSets, none, causal)) {
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
