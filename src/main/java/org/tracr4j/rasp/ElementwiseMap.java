package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * Element-wise function of one s-op: {@code map(f, x)[i] = f(x[i])}; none stays none (f is not called).
 * Build with {@link Rasp#map}, which folds a map over an unnamed map into one (tracr-reference §1.3) but,
 * unlike Tracr, never folds away a map the user named. Tracr calls it {@code Map}; the name here keeps it
 * apart from {@code java.util.Map}, which every stage uses too.
 */
public record ElementwiseMap(UnaryFunction function, SOp inner, Meta meta) implements SOp {
  public ElementwiseMap {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(meta, "meta");
    if (function instanceof Lambda l && l.arity() != 1) {
      throw new IllegalArgumentException("a map needs a function of 1 parameter, got " + l);
    }
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(inner);
  }

  @Override
  public String defaultName() {
    return "map";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new ElementwiseMap(function, inner, newMeta);
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
