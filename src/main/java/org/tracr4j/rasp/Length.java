package org.tracr4j.rasp;

import java.util.List;

/** The length, broadcast: {@code [n] * n}. Not compilable as a primitive; {@link Rasp#length()} builds the compilable selector-width form. */
public record Length(Meta meta) implements SOp {
  public Length {
    java.util.Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of();
  }

  @Override
  public String defaultName() {
    return "length";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new Length(newMeta);
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
