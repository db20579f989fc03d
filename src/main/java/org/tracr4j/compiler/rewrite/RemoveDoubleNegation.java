package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SelectorNot;

/**
 * Two negations cancel.
 *
 * <pre>
 *   not (not s)   →   s
 * </pre>
 * Causal: {@code M ∧ ¬(M ∧ ¬(M ∧ S)) = M ∧ S}, which is how {@code s} itself evaluates.
 */
public final class RemoveDoubleNegation implements RewriteRule {
  @Override
  public boolean beforeOperands() {
    return true;
  }

  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SelectorNot.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    if (expr instanceof SelectorNot outer && outer.inner() instanceof SelectorNot inner) {
      return Optional.of(inner.inner());
    }
    return Optional.empty();
  }
}
