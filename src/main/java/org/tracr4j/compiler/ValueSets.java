package org.tracr4j.compiler;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import org.tracr4j.rasp.RaspExpr;

/**
 * The values each s-op can take over every input of the vocabulary up to the maximum length
 * (tracr-reference §2.2), sorted by {@link org.tracr4j.rasp.Value}'s total order. A categorical s-op gets
 * one residual dimension per value; a numerical MLP discretises on these values.
 */
public record ValueSets(Map<Long, SortedSet<org.tracr4j.rasp.Value>> byId) {
  public ValueSets {
    byId = Collections.unmodifiableMap(byId);
  }

  public SortedSet<org.tracr4j.rasp.Value> of(RaspExpr expr) {
    SortedSet<org.tracr4j.rasp.Value> set = byId.get(expr.id());
    if (set == null) {
      throw new IllegalStateException("no value set for " + expr.describe());
    }
    return set;
  }
}
