package org.tracr4j.rasp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The one evaluator of {@link Term}s, with Python's semantics (Tracr's functions are Python lambdas):
 * operators through {@link ValueOperations}, {@code and}/{@code or} short-circuiting and returning an
 * operand, only the taken branch of a conditional evaluated, and the built-ins as Python defines them on
 * 64-bit integers and doubles ({@code abs(True) == 1}; {@code round} half to even; {@code round},
 * {@code floor}, {@code ceil} of an integer are that integer, exactly). A result Python would raise on (or
 * that overflows 64 bits) throws {@link ArithmeticException}.
 */
final class TermEvaluator {
  private TermEvaluator() {}

  static Value evaluate(Term term, List<Value> arguments) {
    return evaluate(term, null, null, arguments);
  }

  /**
   * {@code term} on the arguments {@code x} and {@code y} of a function of one or two parameters, without a
   * list for them (a map's function is called on every value of a value set).
   */
  static Value evaluate(Term term, Value x, Value y) {
    return evaluate(term, x, y, null);
  }

  /** Parameters are read from {@code arguments} when there is that list, else {@code x} (0) and {@code y} (1). */
  private static Value evaluate(Term term, Value x, Value y, List<Value> arguments) {
    // The leaves first, by type test: most calls are on them, and a type test is cheaper than the switch's
    // dispatch (through a method handle). The switch below still has every case.
    if (term instanceof Term.Parameter p) {
      return arguments != null ? arguments.get(p.index()) : p.index() == 0 ? x : y;
    }
    if (term instanceof Term.Constant c) {
      return c.value();
    }
    return switch (term) {
      case Term.Parameter p -> arguments != null ? arguments.get(p.index()) : p.index() == 0 ? x : y;
      case Term.Constant c -> c.value();
      case Term.Unary u -> unary(u, evaluate(u.operand(), x, y, arguments));
      case Term.Binary b -> binary(b, x, y, arguments);
      case Term.Conditional c -> evaluate(c.condition(), x, y, arguments).truthy()
          ? evaluate(c.then(), x, y, arguments) : evaluate(c.otherwise(), x, y, arguments);
      case Term.Call c -> call(c.function(), evaluateAll(c.arguments(), x, y, arguments));
      case Term.Table t -> table(t, evaluateAll(t.arguments(), x, y, arguments));
      case Term.Compare c -> Value.of(c.comparison().test(evaluate(c.key(), x, y, arguments),
          evaluate(c.query(), x, y, arguments)));
    };
  }

  private static Value unary(Term.Unary u, Value operand) {
    return switch (u.operator()) {
      case NEGATE -> ValueOperations.negate(operand);
      case NOT -> ValueOperations.not(operand);
    };
  }

  private static Value binary(Term.Binary b, Value x, Value y, List<Value> arguments) {
    Value left = evaluate(b.left(), x, y, arguments);
    return switch (b.operator()) {
      case AND -> left.truthy() ? evaluate(b.right(), x, y, arguments) : left;
      case OR -> left.truthy() ? left : evaluate(b.right(), x, y, arguments);
      default -> b.operator().apply(left, evaluate(b.right(), x, y, arguments));
    };
  }

  private static Value table(Term.Table t, List<Value> key) {
    Value value = t.lookup(key);
    if (value != null) {
      return value;
    }
    if (t.otherwise() != null) {
      return t.otherwise();
    }
    throw new ArithmeticException("no table entry for " + Operators.literal(Term.Table.keyValue(key)));
  }

  private static List<Value> evaluateAll(List<Term> terms, Value x, Value y, List<Value> arguments) {
    List<Value> values = new ArrayList<>(terms.size());
    for (Term term : terms) {
      values.add(evaluate(term, x, y, arguments));
    }
    return values;
  }

  private static Value call(Term.Builtin function, List<Value> arguments) {
    return switch (function) {
      case MIN -> extreme(arguments, -1);
      case MAX -> extreme(arguments, 1);
      case ABS -> abs(arguments.get(0));
      case ROUND -> toInteger(arguments.get(0), "round", Math::rint);
      case FLOOR -> toInteger(arguments.get(0), "floor", Math::floor);
      case CEIL -> toInteger(arguments.get(0), "ceil", Math::ceil);
    };
  }

  /** The first of the smallest ({@code sign} -1) or largest ({@code sign} 1) values, as Python's min/max. */
  private static Value extreme(List<Value> values, int sign) {
    Value best = values.get(0);
    for (Value v : values.subList(1, values.size())) {
      if (Integer.signum(ValueOperations.order(v, best)) == sign) {
        best = v;
      }
    }
    return best;
  }

  private static Value abs(Value x) {
    return switch (x) {
      case Value.Int i -> Value.of(Math.absExact(i.value()));
      case Value.Real r -> Value.of(Math.abs(r.value()));
      case Value.Bool b -> Value.of(b.value() ? 1L : 0L);
      default -> throw new ArithmeticException("abs needs a number, got " + Operators.literal(x));
    };
  }

  /** Python's round (half to even), math.floor and math.ceil: an integer result. */
  private static Value toInteger(Value x, String name, DoubleUnaryOperator rounding) {
    return switch (x) {
      case Value.Int i -> i;
      case Value.Bool b -> Value.of(b.value() ? 1L : 0L);
      case Value.Real r -> {
        double rounded = rounding.applyAsDouble(r.value());
        if (Double.isNaN(rounded) || Math.abs(rounded) >= 9.2e18) {
          throw new ArithmeticException("cannot convert " + r.value() + " to an integer");
        }
        yield Value.of((long) rounded);
      }
      default -> throw new ArithmeticException(name + " needs a number, got " + Operators.literal(x));
    };
  }
}
