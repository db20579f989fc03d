package org.tracr4j.rasp;

import java.util.List;

/** The positions: {@code indices(xs) = [0, 1, ..., n-1]}. Always categorical. */
public record Indices(Meta meta) implements SOp {
  public Indices {
    java.util.Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of();
  }

  @Override
  public String defaultName() {
    return "indices";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new Indices(newMeta);
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
