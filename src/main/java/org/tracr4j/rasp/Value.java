package org.tracr4j.rasp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A RASP value: integer (64-bit), floating point (double), boolean, string, none, or (Java API only) a
 * tuple. Values are immutable.
 *
 * <p><b>Equality</b>: integers and doubles compare numerically ({@code Int(1).equals(Real(1.0))}, with equal
 * hash codes). Booleans are their own type for equality and ordering ({@code true != 1}), but arithmetic
 * treats them as 0/1, as Python does.
 *
 * <p><b>Total order</b> (used to sort every basis): first by kind, {@code none < bool < number < string <
 * tuple}; within a kind: {@code false < true}; numbers numerically (an integer and an equal double compare
 * as equal); strings by Unicode code point; tuples lexicographically, a prefix first.
 *
 * <p><b>Printed forms</b> ({@link #toString()}): integers without a decimal point, doubles in the shortest
 * round-trip form ({@code 0.5}, {@code 2.0}), booleans {@code true}/{@code false}, strings raw, none as
 * {@code _}, tuples as {@code (a, b)}.
 */
public sealed interface Value extends Comparable<Value> {

  Value NONE = new None();
  Value TRUE = new Bool(true);
  Value FALSE = new Bool(false);

  /** A 64-bit integer. */
  record Int(long value) implements Value {
    @Override
    public boolean equals(Object o) {
      if (o instanceof Int other) {
        return value == other.value; // the common case, without the general numeric comparison
      }
      return o instanceof Value v && v.isNumber() && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(value);
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A double. Integral doubles equal the integer of the same value. */
  record Real(double value) implements Value {
    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && v.isNumber() && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      if (value == Math.rint(value) && Math.abs(value) < 9.2e18) {
        return Long.hashCode((long) value);
      }
      return Double.hashCode(value);
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements Value {
    // Written out, as Int's are: the record's generated methods go through method handles, and values are
    // hashed and compared wherever a value set is built. The same results as the generated ones.
    @Override
    public boolean equals(Object o) {
      return o instanceof Bool other && value == other.value;
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(value);
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A string. */
  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Str other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** No value (Python's None): what an empty selection aggregates to by default. */
  record None() implements Value {
    @Override
    public String toString() {
      return "_";
    }
  }

  /** A tuple of values (n-ary sequence maps only). */
  record Tuple(List<Value> items) implements Value {
    public Tuple {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(items.get(i));
      }
      return out.append(")").toString();
    }
  }

  static Value of(long value) {
    return value >= SmallInts.LOW && value <= SmallInts.HIGH ? SmallInts.CACHE[(int) value - SmallInts.LOW]
        : new Int(value);
  }

  static Value of(double value) {
    return new Real(value);
  }

  static Value of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static Value of(String value) {
    return new Str(value);
  }

  /**
   * Converts a plain Java object (Integer, Long, Short, Byte, Double, Float, Boolean, String, List, null
   * or a Value) to a Value.
   */
  static Value ofJava(Object object) {
    return switch (object) {
      case null -> NONE;
      case Value v -> v;
      case Integer i -> of((long) i);
      case Long l -> of((long) l);
      case Short s -> of((long) s);
      case Byte b -> of((long) b);
      case Double d -> of((double) d);
      case Float f -> of((double) f);
      case Boolean b -> of((boolean) b);
      case String s -> of(s);
      case List<?> list -> {
        List<Value> items = new ArrayList<>();
        for (Object item : list) {
          items.add(ofJava(item));
        }
        yield new Tuple(items);
      }
      default -> throw new IllegalArgumentException(
          "not a RASP value: " + object + " (" + object.getClass().getSimpleName() + ")");
    };
  }

  /**
   * Parses a token as a user types it (vocabulary, {@code --input}): {@code -?[0-9]+} is an integer, a
   * decimal number is a double, {@code true}/{@code false} are booleans, a token in double quotes is always a
   * string (quotes removed), anything else is a string.
   */
  static Value parseToken(String token) {
    if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
      return of(token.substring(1, token.length() - 1));
    }
    if (token.matches("-?[0-9]+")) {
      try {
        return of(Long.parseLong(token));
      } catch (NumberFormatException tooLarge) {
        return of(token);
      }
    }
    if (token.matches("-?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|-?[0-9]+[eE][-+]?[0-9]+")) {
      return of(Double.parseDouble(token));
    }
    if (token.equals("true") || token.equals("false")) {
      return of(token.equals("true"));
    }
    return of(token);
  }

  /** The plain Java form: Long, Double, Boolean, String, List or null (for JSON and the model's metadata). */
  default Object toJava() {
    return switch (this) {
      case Int i -> i.value();
      case Real r -> r.value();
      case Bool b -> b.value();
      case Str s -> s.value();
      case None n -> null;
      case Tuple t -> t.items().stream().map(Value::toJava).toList();
    };
  }

  /** True for integers and doubles (not booleans). */
  default boolean isNumber() {
    return this instanceof Int || this instanceof Real;
  }

  /** True for integers, doubles and booleans: the values a numerical encoding or a mean can hold. */
  default boolean isNumeric() {
    return isNumber() || this instanceof Bool;
  }

  default boolean isNone() {
    return this instanceof None;
  }

  /** The magnitude of a numeric value (booleans are 0/1); an error for other kinds. */
  default double asDouble() {
    return switch (this) {
      case Int i -> i.value();
      case Real r -> r.value();
      case Bool b -> b.value() ? 1.0 : 0.0;
      default -> throw new ArithmeticException("not a number: " + this);
    };
  }

  /** Python truthiness: none, false, 0, 0.0, "" and () are false, everything else true. */
  default boolean truthy() {
    return switch (this) {
      case Int i -> i.value() != 0;
      case Real r -> r.value() != 0.0;
      case Bool b -> b.value();
      case Str s -> !s.value().isEmpty();
      case None n -> false;
      case Tuple t -> !t.items().isEmpty();
    };
  }

  /**
   * Rank of the kind in the total order. An {@code instanceof} chain rather than a pattern switch: this runs
   * inside every sort of a basis, and the chain is several times cheaper there.
   */
  private int kindRank() {
    if (this instanceof Int || this instanceof Real) {
      return 2;
    }
    if (this instanceof Str) {
      return 3;
    }
    if (this instanceof Bool) {
      return 1;
    }
    return this instanceof None ? 0 : 4;
  }

  @Override
  default int compareTo(Value other) {
    // Fast paths for the common same-kind cases; the general comparison below gives the same results.
    if (this instanceof Int i && other instanceof Int j) {
      return Long.compare(i.value(), j.value());
    }
    if (this instanceof Str s && other instanceof Str t) {
      return s.value().compareTo(t.value());
    }
    if (this instanceof Real r && other instanceof Real q) {
      return r.value() == q.value() ? 0 : Double.compare(r.value(), q.value());
    }
    int byKind = Integer.compare(kindRank(), other.kindRank());
    if (byKind != 0) {
      return byKind;
    }
    return switch (this) {
      case None n -> 0;
      case Bool b -> Boolean.compare(b.value(), ((Bool) other).value());
      case Int i when other instanceof Int j -> Long.compare(i.value(), j.value());
      case Int i -> compareNumbers(i.value(), other.asDouble());
      case Real r when other instanceof Int j -> -compareNumbers(j.value(), r.value());
      case Real r -> r.value() == other.asDouble() ? 0 : Double.compare(r.value(), other.asDouble());
      case Str s -> s.value().compareTo(((Str) other).value());
      case Tuple t -> compareTuples(t.items(), ((Tuple) other).items());
    };
  }

  /** Compares a long with a double exactly (no rounding of large longs); -0.0 equals 0. */
  private static int compareNumbers(long integer, double real) {
    if (Double.isNaN(real)) {
      return -1;
    }
    if (real >= 9.3e18) {
      return -1;
    }
    if (real <= -9.3e18) {
      return 1;
    }
    double floor = Math.floor(real);
    long floorLong = (long) floor;
    if (integer != floorLong) {
      return Long.compare(integer, floorLong);
    }
    return floor == real ? 0 : -1;
  }

  private static int compareTuples(List<Value> left, List<Value> right) {
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      int c = left.get(i).compareTo(right.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  /**
   * The integers -128..1024 as shared objects, as {@code Integer.valueOf} keeps them: indices, widths and
   * small tokens are made by every stage, and one object per value lets the residual's merge of a value
   * set lowered twice see equal directions by identity (and saves the allocations). Values are immutable
   * and compare by value, so nothing can tell a shared object from a fresh one.
   */
  final class SmallInts {
    static final int LOW = -128;
    static final int HIGH = 1024;
    static final Int[] CACHE = new Int[HIGH - LOW + 1];

    static {
      for (int i = 0; i < CACHE.length; i++) {
        CACHE[i] = new Int(LOW + i);
      }
    }

    private SmallInts() {}
  }
}
