package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * The number of keys each query selects (an integer in 0..n). Compiles to an attention head that writes
 * {@code 1/(w+1)} plus an MLP that decodes w (tracr-reference §4.8).
 */
public record SelectorWidth(Selector selector, Meta meta) implements SOp {
  public SelectorWidth {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(selector);
  }

  @Override
  public String defaultName() {
    return "selector_width";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new SelectorWidth(selector, newMeta);
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
