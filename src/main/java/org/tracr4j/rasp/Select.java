package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * The basic selector: query q attends to key k iff {@code predicate.test(keys[k], queries[q])}. Note the
 * argument order, keys first, as in RASP.
 */
public record Select(SOp keys, SOp queries, SelectorPredicate predicate, Meta meta) implements Selector {
  public Select {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(predicate, "predicate");
    Objects.requireNonNull(meta, "meta");
    if (predicate instanceof Lambda l && l.arity() != 2) {
      throw new IllegalArgumentException("a select needs a function of 2 parameters, got " + l);
    }
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(keys, queries);
  }

  @Override
  public String defaultName() {
    return "select";
  }

  @Override
  public Selector named(String name) {
    return new Select(keys, queries, predicate, meta.named(name));
  }
  @Override
  public boolean equals(Object o) {
    return o instanceof RaspExpr e && e.id() == id();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id());
  }

  @Override
  public String toString() {
    return name();
  }
}
