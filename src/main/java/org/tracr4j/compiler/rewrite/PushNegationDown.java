package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;

/**
 * De Morgan: a negation moves below an and or an or, so that (with {@link NegateSelect}) negations end up
 * in the predicates of selects and what remains is an and/or tree over selects.
 *
 * <pre>
 *   not (a and b)   →   (not a) or (not b)
 *   not (a or b)    →   (not a) and (not b)
 * </pre>
 * Causal: with the mask M applied at every level, both sides are {@code M ∧ (¬A ∨ ¬B)} (resp. ∧).
 */
public final class PushNegationDown implements RewriteRule {
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
    if (expr instanceof SelectorNot not) {
      return switch (not.inner()) {
        case SelectorAnd and -> Optional.of(Rasp.or(Rasp.not(and.first()), Rasp.not(and.second())));
        case SelectorOr or -> Optional.of(Rasp.and(Rasp.not(or.first()), Rasp.not(or.second())));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }
}
