package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorOr;

/**
 * Two selects over the same keys and queries (a constant {@code full} side is absorbed into the predicate)
 * are one select with the combined predicate: Tracr's merge (tracr-reference §1.4), the same algorithm the
 * {@code rasp} combinators apply at construction.
 *
 * <pre>
 *   select(k, q, p1) and select(k, q, p2)   →   select(k, q, p1 and p2)
 *   select(k, q, p1) or  select(k, q, p2)   →   select(k, q, p1 or p2)
 * </pre>
 */
public final class MergeAlignedSelects implements RewriteRule {
  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SelectorAnd.class, SelectorOr.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    return switch (expr) {
      case SelectorAnd and when and.first() instanceof Select a && and.second() instanceof Select b ->
          merged(Rasp.and(a, b));
      case SelectorOr or when or.first() instanceof Select a && or.second() instanceof Select b ->
          merged(Rasp.or(a, b));
      default -> Optional.empty();
    };
  }

  private static Optional<RaspExpr> merged(RaspExpr combined) {
    return combined instanceof Select select ? Optional.of(select) : Optional.empty();
  }
}
