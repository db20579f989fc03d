package org.tracr4j.compiler;

import java.util.SortedSet;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.RaspExpr;

/**
 * The values each s-op can take over every input of the vocabulary up to the maximum length
 * (tracr-reference §2.2), sorted by {@link org.tracr4j.rasp.Value}'s total order. A categorical s-op gets
 * one residual dimension per value; a numerical MLP discretises on these values.
 */
public record ValueSets(ExpressionMap<SortedSet<org.tracr4j.rasp.Value>> byExpression) {
  /** No value sets (static validation failed). */
  static final ValueSets NONE = new ValueSets(new ExpressionMap<SortedSet<org.tracr4j.rasp.Value>>().freeze());

  public SortedSet<org.tracr4j.rasp.Value> of(RaspExpr expr) {
    SortedSet<org.tracr4j.rasp.Value> set = byExpression.get(expr);
    if (set == null) {
      throw new IllegalStateException("no value set for " + expr.describe());
    }
    return set;
  }
}
