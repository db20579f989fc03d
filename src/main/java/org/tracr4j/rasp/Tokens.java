package org.tracr4j.rasp;

import java.util.List;

/** The input sequence itself: {@code tokens(xs) = xs}. Always categorical. */
public record Tokens(Meta meta) implements SOp {
  public Tokens {
    java.util.Objects.requireNonNull(meta, "meta");
  }

  @Override
  public List<RaspExpr> children() {
    return List.of();
  }

  @Override
  public String defaultName() {
    return "tokens";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new Tokens(newMeta);
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
