package org.tracr4j.rasp;

import java.util.List;
import java.util.Objects;

/**
 * {@code firstFactor * first + secondFactor * second}, element-wise; none where either input is none.
 * Compiles to a 4-neuron numerical MLP, so all three s-ops must be numerical.
 */
public record LinearSequenceMap(SOp first, SOp second, Value firstFactor, Value secondFactor, Meta meta)
    implements SOp {
  public LinearSequenceMap {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(meta, "meta");
    if (!firstFactor.isNumeric() || !secondFactor.isNumeric()) {
      throw new IllegalArgumentException("linear_sequence_map factors must be numbers, got "
          + firstFactor + " and " + secondFactor);
    }
  }

  /** The function this map computes, with Python arithmetic. */
  public Value apply(Value x, Value y) {
    return ValueOperations.add(ValueOperations.multiply(firstFactor, x),
        ValueOperations.multiply(secondFactor, y));
  }

  @Override
  public List<RaspExpr> children() {
    return List.of(first, second);
  }

  @Override
  public String defaultName() {
    return "linear_sequence_map";
  }

  @Override
  public SOp withMeta(Meta newMeta) {
    return new LinearSequenceMap(first, second, firstFactor, secondFactor, newMeta);
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
