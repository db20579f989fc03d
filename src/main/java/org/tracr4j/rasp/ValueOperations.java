package org.tracr4j.rasp;

/**
 * The operators of RASP's element-wise functions, with Python's semantics (Tracr's lambdas are Python):
 * integer arithmetic stays integral except {@code /} (true division, a double); booleans count as 0 and 1;
 * {@code %} is floor modulo; {@code ==} between numbers and booleans is numeric ({@code true == 1}).
 * Failures (division by zero, overflow, incompatible operands) throw {@link ArithmeticException}; the value
 * set inference treats those as "this input never occurs", the interpreter reports them.
 */
public final class ValueOperations {
  private ValueOperations() {}

  public static Value add(Value x, Value y) {
    if (x instanceof Value.Str a && y instanceof Value.Str b) {
      return Value.of(a.value() + b.value());
    }
    if (integral(x) && integral(y)) {
      return Value.of(Math.addExact(asLong(x), asLong(y)));
    }
    return Value.of(checked(number(x, "+", y) + number(y, "+", x)));
  }

  public static Value subtract(Value x, Value y) {
    if (integral(x) && integral(y)) {
      return Value.of(Math.subtractExact(asLong(x), asLong(y)));
    }
    return Value.of(checked(number(x, "-", y) - number(y, "-", x)));
  }

  public static Value multiply(Value x, Value y) {
    if (integral(x) && integral(y)) {
      return Value.of(Math.multiplyExact(asLong(x), asLong(y)));
    }
    return Value.of(checked(number(x, "*", y) * number(y, "*", x)));
  }

  /** True division: always a double, as in Python 3. */
  public static Value divide(Value x, Value y) {
    double divisor = number(y, "/", x);
    double dividend = number(x, "/", y);
    if (divisor == 0.0) {
      throw new ArithmeticException("division by zero");
    }
    return Value.of(checked(dividend / divisor));
  }

  /** Floor modulo (the result has the sign of the divisor), as in Python. */
  public static Value modulo(Value x, Value y) {
    if (integral(x) && integral(y)) {
      long divisor = asLong(y);
      if (divisor == 0) {
        throw new ArithmeticException("modulo by zero");
      }
      return Value.of(Math.floorMod(asLong(x), divisor));
    }
    double divisor = number(y, "%", x);
    double dividend = number(x, "%", y);
    if (divisor == 0.0) {
      throw new ArithmeticException("modulo by zero");
    }
    return Value.of(checked(dividend - divisor * Math.floor(dividend / divisor)));
  }

  public static Value negate(Value x) {
    if (integral(x)) {
      return Value.of(Math.negateExact(asLong(x)));
    }
    if (x instanceof Value.Real r) {
      return Value.of(-r.value());
    }
    throw new ArithmeticException("bad operand for unary -: " + describe(x));
  }

  /** Python {@code ==}: numeric across int, double and bool; otherwise value equality. */
  public static boolean equal(Value x, Value y) {
    // Two integers (the usual case) by type test: the general test below makes eight interface calls,
    // megamorphic ones once every kind of value has been seen, and gives the same answer.
    if (x instanceof Value.Int a && y instanceof Value.Int b) {
      return a.value() == b.value();
    }
    if (x.isNumeric() && y.isNumeric()) {
      return x.asDouble() == y.asDouble() && (!integral(x) || !integral(y) || asLong(x) == asLong(y));
    }
    return x.equals(y);
  }

  /**
   * Python ordering for {@code < <= > >=}: numbers and booleans numerically, strings by code point, tuples
   * lexicographically; anything else (e.g. a string against a number, or none) is an error.
   */
  public static int order(Value x, Value y) {
    if (x instanceof Value.Int a && y instanceof Value.Int b) { // as in equal: the same answer, sooner
      return Long.compare(a.value(), b.value());
    }
    boolean comparable = (x.isNumeric() && y.isNumeric())
        || (x instanceof Value.Str && y instanceof Value.Str)
        || (x instanceof Value.Tuple && y instanceof Value.Tuple);
    if (!comparable) {
      throw new ArithmeticException("cannot order " + describe(x) + " and " + describe(y));
    }
    if (x.isNumeric()) {
      if (integral(x) && integral(y)) {
        return Long.compare(asLong(x), asLong(y));
      }
      return Double.compare(x.asDouble(), y.asDouble()) == 0 || x.asDouble() == y.asDouble()
          ? 0 : Double.compare(x.asDouble(), y.asDouble());
    }
    return x.compareTo(y);
  }

  /** Python {@code x and y}: x if x is falsy, else y. */
  public static Value and(Value x, Value y) {
    return x.truthy() ? y : x;
  }

  /** Python {@code x or y}: x if x is truthy, else y. */
  public static Value or(Value x, Value y) {
    return x.truthy() ? x : y;
  }

  public static Value not(Value x) {
    return Value.of(!x.truthy());
  }

  private static boolean integral(Value v) {
    return v instanceof Value.Int || v instanceof Value.Bool;
  }

  private static long asLong(Value v) {
    return v instanceof Value.Int i ? i.value() : ((Value.Bool) v).value() ? 1 : 0;
  }

  private static double number(Value v, String operator, Value other) {
    if (!v.isNumeric()) {
      throw new ArithmeticException("unsupported operand for " + operator + ": " + describe(v)
          + " and " + describe(other));
    }
    return v.asDouble();
  }

  private static double checked(double result) {
    if (Double.isNaN(result) || Double.isInfinite(result)) {
      throw new ArithmeticException("result is not a finite number");
    }
    return result;
  }

  static String describe(Value v) {
    String kind = switch (v) {
      case Value.Int i -> "int";
      case Value.Real r -> "float";
      case Value.Bool b -> "bool";
      case Value.Str s -> "string";
      case Value.None n -> "none";
      case Value.Tuple t -> "tuple";
    };
    return kind + " " + (v instanceof Value.Str ? "\"" + v + "\"" : v.toString());
  }
}
