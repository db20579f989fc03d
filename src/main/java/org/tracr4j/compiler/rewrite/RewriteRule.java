package org.tracr4j.compiler.rewrite;

import java.util.Optional;
import java.util.Set;
import org.tracr4j.rasp.RaspExpr;

/**
 * One rewrite at the root of an expression whose operands are already rewritten.
 *
 * <p>The result must compute the same values as the expression on every input, in standard and causal
 * evaluation, and be of the same kind (an s-op for an s-op, a selector for a selector). A result built by
 * the rule takes the identity (name, origin, id) of the expression it replaces; an operand returned as it
 * is keeps its own.
 */
public interface RewriteRule {
  /** The rewritten expression, or empty when the rule does not apply. */
  Optional<RaspExpr> apply(RaspExpr expr);

  /**
   * True for a rule that must see an expression before its operands are rewritten (a negation before its
   * operand becomes a select; an OR before it becomes a product-route select); such rules run first, at
   * every expression, top-down.
   */
  default boolean beforeOperands() {
    return false;
  }

  /**
   * The kinds of expression at whose root this rule can apply, or null for any: the rewriter offers an
   * expression only to the rules of its kind (most nodes of a program meet none of the selector rules).
   */
  default Set<Class<? extends RaspExpr>> kinds() {
    return null;
  }
}
