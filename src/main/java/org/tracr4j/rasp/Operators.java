package org.tracr4j.rasp;

/**
 * The operator builders of tracr-reference §1.7: an operator between an s-op and a constant builds a
 * {@link ElementwiseMap}; between two s-ops a {@link SequenceMap}; a constant on the left builds the reflected map
 * ({@code c - x}). Unlike Tracr, comparisons with an s-op on the right build a sequence map too, and
 * {@code %} and unary minus exist. Every function built here is a {@link Lambda}.
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
    Term x = new Term.Parameter(0);
    if (left instanceof SOp first && right instanceof SOp second) {
      return Rasp.sequenceMap(Lambda.binary(new Term.Binary(op, x, new Term.Parameter(1))), first, second);
    }
    if (left instanceof SOp sop) {
      return Rasp.map(Lambda.unary(new Term.Binary(op, x, new Term.Constant(Value.ofJava(right)))), sop);
    }
    if (right instanceof SOp sop) {
      return Rasp.map(Lambda.unary(new Term.Binary(op, new Term.Constant(Value.ofJava(left)), x)), sop);
    }
    throw new IllegalArgumentException("operator " + op.symbol() + " needs at least one s-op");
  }

  public static SOp not(SOp sop) {
    return Rasp.map(Lambda.unary(new Term.Unary(Term.UnaryOperator.NOT, new Term.Parameter(0))), sop);
  }

  public static SOp negate(SOp sop) {
    return Rasp.map(Lambda.unary(new Term.Unary(Term.UnaryOperator.NEGATE, new Term.Parameter(0))), sop);
  }

  /** A value as a {@code .rasp} literal (strings quoted). */
  public static String literal(Value value) {
    return switch (value) {
      case Value.Str s -> "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
          .replace("\t", "\\t") + "\"";
      case Value.None n -> "none";
      case Value.Tuple t -> "(" + String.join(", ", t.items().stream().map(Operators::literal).toList()) + ")";
      default -> value.toString();
    };
  }
}
