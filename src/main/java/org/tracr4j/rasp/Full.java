package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * A constant sequence {@code [fill] * n}. Not compilable on its own; selector simplification absorbs a
 * {@code Full} used as selector keys or queries (tracr-reference §1.4).
 */
public record Full(Value fill, Meta meta) implements SOp {
  public Full {
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of();
  }

  @Override
  public String defaultName() {
    return "full";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new Full(fill, newMeta);
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
