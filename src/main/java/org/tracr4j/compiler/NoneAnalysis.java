package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;
import org.tracr4j.rasp.Value;

/**
 * Which s-ops may be none, and the one place where that breaks faithfulness: a numerical encoding has no
 * none (an empty categorical selection is the zero vector, but a numerical 0 is a value), so an element-wise
 * map reading a numerical s-op that may be none would compute {@code f(0)} where RASP keeps none. Such
 * programs are rejected when the {@link BuildMode} checks none (the exact mode) (found by causal fuzzing: a causal sort selects nothing at early
 * positions). A numerical output that may be none is fine: none positions are not compared.
 *
 * <p>The analysis is conservative: a categorical aggregate with default none may be none.
 */
final class NoneAnalysis {
  private final ProgramGraph graph;
  private final ValueSets valueSets;
  private final ExpressionMap<Boolean> mayBeNone;
  /** Whether a map gives none on some input value, where value-set inference saw every one already. */
  private final ExpressionMap<Boolean> givesNone;

  private NoneAnalysis(ProgramGraph graph, ValueSets valueSets, ExpressionMap<Boolean> givesNone) {
    this.graph = graph;
    this.valueSets = valueSets;
    this.mayBeNone = new ExpressionMap<>(graph.nodes().size());
    this.givesNone = givesNone;
  }

  /** The analysis of one program, for {@link #mayBeNone} questions. */
  static NoneAnalysis of(ProgramGraph graph, ValueSets valueSets) {
    return of(graph, valueSets, new ExpressionMap<>());
  }

  /**
   * {@link #of}, told for some maps and sequence maps whether their function gives none (a null or none
   * result, not a failure) on some value of their input sets, which then are not called again.
   */
  static NoneAnalysis of(ProgramGraph graph, ValueSets valueSets, ExpressionMap<Boolean> givesNone) {
    return new NoneAnalysis(graph, valueSets, givesNone);
  }

  /** Every numerical s-op read where it may be none, and every select that selects on none. */
  List<Finding> check() {
    List<Finding> findings = new ArrayList<>();
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      // Each input checked in place: no list of inputs per expression.
      switch (expr) {
        case ElementwiseMap m -> checkInput(expr, m.inner(), findings);
        case SequenceMap m -> {
          checkInput(expr, m.first(), findings);
          checkInput(expr, m.second(), findings);
        }
        case LinearSequenceMap m -> {
          checkInput(expr, m.first(), findings);
          checkInput(expr, m.second(), findings);
        }
        // A numerical mean over a none: RASP's mean fails (or keeps a lone none), the model averages a 0
        // (found by causal outside-contract fuzzing: numerical(map(f, sort(...))) aggregated).
        case org.tracr4j.rasp.Aggregate a when a.isNumerical() -> checkInput(expr, a.sop(), findings);
        case org.tracr4j.rasp.Select select -> checkSelect(select, findings);
        default -> { }
      }
    }
    return findings;
  }

  /** A finding when {@code input}, read by {@code expr}, is numerical and may be none. */
  private void checkInput(RaspExpr expr, SOp input, List<Finding> findings) {
    if (input.isNumerical() && mayBeNone(input)) {
      findings.add(new Finding(RuleCode.NUMERICAL_NONE, graph.label(input), "it is numerical but can be none (where a selection is "
          + "empty), and a numerical encoding has no none: " + graph.label(expr) + " would read 0 where RASP "
          + "keeps none; give the aggregate a default or keep " + graph.label(input) + " categorical"));
    }
  }

  /**
   * A none key or query is the zero vector in the model, so it never attends or is attended to; RASP calls
   * a lambda predicate on it ({@code q != "d"} is true for none). Such a select must never select on none.
   */
  private void checkSelect(org.tracr4j.rasp.Select select, List<Finding> findings) {
    org.tracr4j.rasp.SelectorPredicate predicate = select.predicate();
    if (mayBeNone(select.queries())) {
      for (Value key : withNone(select.keys())) {
        if (UserFunctions.selects(predicate, key, Value.NONE)) {
          findings.add(new Finding(RuleCode.SELECTS_ON_NONE, graph.label(select), "its predicate selects key " + key + " for a none query ("
              + graph.label(select.queries()) + " can be none), but a none query cannot attend in a model"));
          return;
        }
      }
    }
    if (mayBeNone(select.keys())) {
      for (Value query : withNone(select.queries())) {
        if (UserFunctions.selects(predicate, Value.NONE, query)) {
          findings.add(new Finding(RuleCode.SELECTS_ON_NONE, graph.label(select), "its predicate selects a none key for query " + query
              + " (" + graph.label(select.keys()) + " can be none), but a none key cannot be attended to in a model"));
          return;
        }
      }
    }
  }

  private List<Value> withNone(SOp sop) {
    List<Value> values = new ArrayList<>(valueSets.of(sop));
    values.add(Value.NONE);
    return values;
  }

  /** Whether {@code sop} may be none at some position of some input (conservative: true when unsure). */
  boolean mayBeNone(SOp sop) {
    Boolean known = mayBeNone.get(sop);
    if (known != null) {
      return known;
    }
    boolean result = switch (sop) {
      case Tokens t -> false;
      case Indices i -> false;
      case Length l -> false;
      case SelectorWidth w -> false;
      case Full f -> f.fill().isNone();
      case ElementwiseMap m -> mayBeNone(m.inner()) || givesNone(m);
      case SequenceMap m -> mayBeNone(m.first()) || mayBeNone(m.second()) || givesNone(m);
      case LinearSequenceMap m -> mayBeNone(m.first()) || mayBeNone(m.second());
      case Aggregate a -> mayBeNone(a.sop()) || (a.isCategorical() && a.defaultValue().isNone());
    };
    mayBeNone.put(sop, result);
    return result;
  }

  private boolean givesNone(ElementwiseMap m) {
    Boolean known = givesNone.get(m);
    if (known != null) {
      return known;
    }
    for (Value x : valueSets.of(m.inner())) {
      if (isNone(() -> m.function().apply(x))) {
        return true;
      }
    }
    return false;
  }

  private boolean givesNone(SequenceMap m) {
    Boolean known = givesNone.get(m);
    if (known != null) {
      return known;
    }
    for (Value x : valueSets.of(m.first())) {
      for (Value y : valueSets.of(m.second())) {
        if (isNone(() -> m.function().apply(x, y))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A function result that is none; a failing call is not (the interpreter fails there too). */
  private static boolean isNone(java.util.function.Supplier<Value> call) {
    Value v = UserFunctions.call(call);
    return v != null && v.isNone();
  }
}
