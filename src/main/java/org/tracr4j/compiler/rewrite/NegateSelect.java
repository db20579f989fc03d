package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorNot;

/**
 * The negation of a select is a select with the negated predicate.
 *
 * <pre>
 *   not select(k, q, p)   →   select(k, q, not p)
 * </pre>
 * Causal evaluation masks both sides alike: {@code M ∧ ¬(M ∧ S) = M ∧ ¬S}.
 */
public final class NegateSelect implements RewriteRule {
  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SelectorNot.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    if (expr instanceof SelectorNot not && not.inner() instanceof Select select) {
      return Optional.of(Rasp.not(select));
    }
    return Optional.empty();
  }
}
