package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/** Element-wise {@code and} of two selectors that could not be simplified into one {@link Select}. */
public record SelectorAnd(Selector first, Selector second, Meta meta) implements Selector {
  public SelectorAnd {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(first, second);
  }

  @Override
  public String defaultName() {
    return "selector_and";
  }

  @Override
  public Selector named(String name) {
    return new SelectorAnd(first, second, meta.named(name));
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
