package org.tracr4j.compiler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * The second condition a compiled model needs from its inputs: RASP evaluates a select's predicate on every
 * key-query pair, and a comparison of a none fails ("key is none"), so where a categorical s-op that may be
 * none is compared by a select, an input that makes it none has no answer. The model holds a none as the
 * zero vector and would answer; so the s-op records that it must never be none, and the model (like the
 * numpy script) refuses an input whose residual shows its features all zero at a position.
 *
 * <p>Recorded where the predicate fails on none whatever the other side holds (every comparison; a lambda
 * such as {@code k < q}); a predicate that fails on none only for some partners is left to {@code run} and
 * {@code check}, which run the interpreter.
 */
final class NoneContract {
  private NoneContract() {}

  /** Per s-op id, why it must never be none (exact mode), for the s-ops a failing select compares. */
  static Map<Long, String> neverNone(ProgramGraph graph, ValueSets valueSets, NoneAnalysis none, BuildMode mode) {
    if (!mode.guardsAggregates()) {
      return Map.of();
    }
    Map<Long, String> out = new LinkedHashMap<>();
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (!(expr instanceof Select s)) {
        continue;
      }
      for (boolean keySide : new boolean[] {true, false}) {
        SOp side = keySide ? s.keys() : s.queries();
        SOp other = keySide ? s.queries() : s.keys();
        if (side.isCategorical() && none.mayBeNone(side)
            && failsOnNone(s.predicate(), keySide, valueSets.of(other))) {
          out.putIfAbsent(side.id(), "select " + graph.label(s)
              + (s.meta().origin() == null ? "" : " (" + s.meta().origin() + ")") + " compares it as its "
              + (keySide ? "keys" : "queries") + ", and RASP fails on a none there");
        }
      }
    }
    return out;
  }

  /** Whether the predicate fails with none on {@code keySide} for every value of the other side. */
  private static boolean failsOnNone(SelectorPredicate predicate, boolean keySide, Set<Value> others) {
    if (others.isEmpty()) {
      return false;
    }
    for (Value other : others) {
      try {
        if (keySide) {
          predicate.test(Value.NONE, other);
        } else {
          predicate.test(other, Value.NONE);
        }
        return false;
      } catch (RuntimeException fails) {
        // RASP's evaluation of this pair fails: the next partner value.
      }
    }
    return true;
  }
}
