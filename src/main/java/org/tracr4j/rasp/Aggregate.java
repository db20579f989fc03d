package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * Averages {@code sop} over the keys each query selects: none selected gives {@code defaultValue}, one
 * selected gives that value unchanged, several numeric values give their mean (tracr-reference §1.8).
 * Compiles to one attention head.
 */
public record Aggregate(Selector selector, SOp sop, Value defaultValue, Meta meta) implements SOp {
  public Aggregate {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(sop, "sop");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(meta, "meta");
    if (defaultValue instanceof Value.Tuple) {
      throw new IllegalArgumentException("an aggregate default must be none, a number, a boolean or a string");
    }
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(selector, sop);
  }

  @Override
  public String defaultName() {
    return "aggregate";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new Aggregate(selector, sop, defaultValue, newMeta);
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
