package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * Element-wise function of two s-ops: {@code f(x[i], y[i])}, none where either input is none.
 * Compiles to a categorical MLP with |X|·|Y| hidden neurons (or a lookup table when x and y are the same
 * s-op).
 */
public record SequenceMap(BinaryFunction function, SOp first, SOp second, Meta meta) implements SOp {
  public SequenceMap {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(meta, "meta");
    if (function instanceof Lambda l && l.arity() != 2) {
      throw new IllegalArgumentException("a sequence map needs a function of 2 parameters, got " + l);
    }
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(first, second);
  }

  @Override
  public String defaultName() {
    return "sequence_map";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new SequenceMap(function, first, second, newMeta);
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
