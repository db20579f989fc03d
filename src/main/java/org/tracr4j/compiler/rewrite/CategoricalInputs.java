package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.UnaryFunction;

/**
 * A numerical s-op read where only categorical ones compile (a non-linear sequence map, the keys or
 * queries of a select) is converted first: a numerical s-op has a finite, known value set, so the
 * categorical identity map of it is one discretising MLP (numerical → categorical). A numerical non-linear
 * sequence map is computed categorically and then converted back (categorical → numerical MLP).
 *
 * <pre>
 *   sequence_map(f, x: numerical, y)        →   sequence_map(f, categorical(map(v -> v, x)), y)
 *   numerical sequence_map(f, x, y)         →   numerical map(v -> v, categorical sequence_map(f, x, y))
 *   select(k: numerical, q, p)              →   select(categorical(map(v -> v, k)), q, p)
 * </pre>
 * The identity map keeps none as none, as RASP does; a numerical s-op that may be none is still rejected by
 * the none analysis (a numerical encoding has no none, so the conversion cannot see it).
 */
public final class CategoricalInputs implements RewriteRule {
  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SequenceMap.class, Select.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    return switch (expr) {
      case SequenceMap m when m.isNumerical() ->
          Optional.of(Rasp.numerical(Rasp.map(identity(), categoricalSequenceMap(m))));
      case SequenceMap m when m.first().isNumerical() || m.second().isNumerical() ->
          Optional.of(categoricalSequenceMap(m));
      case Select s when s.keys().isNumerical() || s.queries().isNumerical() -> {
        SOp keys = categorical(s.keys());
        SOp queries = s.queries().equals(s.keys()) ? keys : categorical(s.queries());
        yield Optional.of(Rasp.select(keys, queries, s.predicate()));
      }
      default -> Optional.empty();
    };
  }

  /** The same operands read once each: a map of an s-op with itself stays on the diagonal. */
  private static SOp categoricalSequenceMap(SequenceMap m) {
    SOp first = categorical(m.first());
    SOp second = m.second().equals(m.first()) ? first : categorical(m.second());
    return Rasp.sequenceMap(m.function(), first, second);
  }

  /** A categorical copy of a numerical s-op (a map over an unnamed map folds into one lookup). */
  private static SOp categorical(SOp sop) {
    return sop.isNumerical() ? Rasp.categorical(Rasp.map(identity(), sop)) : sop;
  }

  private static UnaryFunction identity() {
    return UnaryFunction.described("x -> x", x -> x);
  }
}
