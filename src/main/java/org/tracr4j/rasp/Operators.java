package org.tracr4j.rasp;

/**
 * The operator builders of tracr-reference §1.7: an operator between an s-op and a constant builds a
 * {@link Map}; between two s-ops a {@link SequenceMap}; a constant on the left builds the reflected map
 * ({@code c - x}). Unlike Tracr, comparisons with an s-op on the right build a sequence map too, and
 * {@code %} and unary minus exist. Every function built here prints as {@code x -> ...} source.
 */
public final class Operators {
  private Operators() {}

  /** The binary operators, with their symbols as written in {@code .rasp}. */
  public enum Binary {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("and"), OR("or");

    private final String symbol;

    Binary(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Applies this operator to two values with Python semantics. */
    public Value apply(Value x, Value y) {
      return switch (this) {
        case ADD -> ValueOperations.add(x, y);
        case SUBTRACT -> ValueOperations.subtract(x, y);
        case MULTIPLY -> ValueOperations.multiply(x, y);
        case DIVIDE -> ValueOperations.divide(x, y);
        case MODULO -> ValueOperations.modulo(x, y);
        case EQ -> Value.of(ValueOperations.equal(x, y));
        case NE -> Value.of(!ValueOperations.equal(x, y));
        case LT -> Value.of(ValueOperations.order(x, y) < 0);
        case LE -> Value.of(ValueOperations.order(x, y) <= 0);
        case GT -> Value.of(ValueOperations.order(x, y) > 0);
        case GE -> Value.of(ValueOperations.order(x, y) >= 0);
        case AND -> ValueOperations.and(x, y);
        case OR -> ValueOperations.or(x, y);
      };
    }
  }

  /**
   * {@code left op right} where either side is an s-op or a constant (a {@link Value} or a plain Java
   * value); at least one side must be an s-op.
   */
  public static SOp apply(Binary op, Object left, Object right) {
    if (left instanceof SOp x && right instanceof SOp y) {
      return Rasp.sequenceMap(
          BinaryFunction.described("(x, y) -> x " + op.symbol() + " y", (a, b) -> op.apply(a, b)), x, y);
    }
    if (left instanceof SOp x) {
      Value c = Value.ofJava(right);
      return Rasp.map(UnaryFunction.described("x -> x " + op.symbol() + " " + literal(c),
          a -> op.apply(a, c)), x);
    }
    if (right instanceof SOp y) {
      Value c = Value.ofJava(left);
      return Rasp.map(UnaryFunction.described("x -> " + literal(c) + " " + op.symbol() + " x",
          a -> op.apply(c, a)), y);
    }
    throw new IllegalArgumentException("operator " + op.symbol() + " needs at least one s-op");
  }

  public static SOp not(SOp sop) {
    return Rasp.map(UnaryFunction.described("x -> not x", ValueOperations::not), sop);
  }

  public static SOp negate(SOp sop) {
    return Rasp.map(UnaryFunction.described("x -> -x", ValueOperations::negate), sop);
  }

  /** A value as a {@code .rasp} literal (strings quoted). */
  public static String literal(Value value) {
    return switch (value) {
      case Value.Str s -> "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case Value.None n -> "none";
      default -> value.toString();
    };
  }
}
