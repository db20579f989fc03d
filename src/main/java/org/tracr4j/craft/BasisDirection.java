package org.tracr4j.craft;

import java.util.Objects;

/**
 * One named direction of a vector space: a name and an optional value ({@code null} for none).
 *
 * <p>Order (tracr-reference.md §3.1): by name, then a {@code null} value first, then by value when both
 * values are mutually {@link Comparable}, otherwise by their {@code toString()} forms (Tracr's fallback of
 * comparing the printed directions). Values are opaque to craft: the compiler passes RASP values, and craft
 * itself uses {@link TupleValue} for the tuple-valued hidden neurons.
 *
 * @param name the direction's name, usually an SOp label
 * @param value the direction's value, or {@code null}
 */
public record BasisDirection(String name, Object value) implements Comparable<BasisDirection> {

  public BasisDirection {
    Objects.requireNonNull(name, "name");
  }

  /** A direction with no value, such as {@code one} or a numerical SOp's single direction. */
  public BasisDirection(String name) {
    this(name, null);
  }

  @Override
  public int compareTo(BasisDirection other) {
    // Directions of one s-op share the label string: skip comparing it character by character.
    int byName = name == other.name ? 0 : name.compareTo(other.name);
    return byName != 0 ? byName : compareValues(value, other.value);
  }

  // Written out (the record's generated methods go through method handles, and directions are the keys of
  // every basis index); the same results as the generated ones, the hash code included.
  @Override
  public boolean equals(Object other) {
    // The same object first: spaces share their directions, and a construction asks of each direction
    // whether it is BOS or one.
    // A space's directions share one name string: compared by reference before by content.
    return other == this || other instanceof BasisDirection direction
        && (name == direction.name || name.equals(direction.name)) && Objects.equals(value, direction.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Objects.hashCode(value);
  }

  /** {@code name} or {@code name:value}, the residual label form. */
  @Override
  public String toString() {
    return value == null ? name : name + ":" + value;
  }

  /**
   * Compares two opaque values: {@code null} first, then {@link Comparable#compareTo} when the two accept
   * each other, else the printed forms.
   */
  static int compareValues(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    // Values of one class (the common case) are both comparable or both not: one type test, not two.
    if (left instanceof Comparable<?> comparable
        && (left.getClass() == right.getClass() || right instanceof Comparable<?>)) {
      try {
        return compareUnchecked(comparable, right);
      } catch (ClassCastException incomparable) {
        // Python raises TypeError here and Tracr compares the printed directions instead.
      }
    }
    return left.toString().compareTo(right.toString());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareUnchecked(Comparable left, Object right) {
    return left.compareTo(right);
  }
}
