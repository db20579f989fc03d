package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/** Element-wise negation of a selector that is not a {@link Select} (a Select is negated in place). */
public record SelectorNot(Selector inner, Meta meta) implements Selector {
  public SelectorNot {
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(inner);
  }

  @Override
  public String defaultName() {
    return "selector_not";
  }

  @Override
  public Selector named(String name) {
    return new SelectorNot(inner, meta.named(name));
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
