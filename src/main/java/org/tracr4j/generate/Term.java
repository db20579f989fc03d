package org.tracr4j.generate;

import java.util.List;
import java.util.Objects;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * The body of a generated lambda: a small pure expression over the lambda's parameters, in the subset of
 * the {@code .rasp} lambda language the generator uses. Each term evaluates with Python semantics (through
 * {@link ValueOperations}) and prints as {@code .rasp} source; compound operands are parenthesised, so the
 * printed form never depends on operator precedence.
 */
public sealed interface Term {

  /** Evaluates with {@code arguments[i]} bound to parameter i. Failures throw {@link ArithmeticException}. */
  Value evaluate(List<Value> arguments);

  /** The {@code .rasp} source, with the parameters named {@code parameters[i]}. */
  String source(List<String> parameters);

  /** This term with parameter i replaced by {@code arguments[i]} (composition of lambdas). */
  default Term substituted(List<Term> arguments) {
    return switch (this) {
      case Parameter p -> arguments.get(p.index());
      case Constant c -> c;
      case Binary b -> new Binary(b.operator(), b.left().substituted(arguments), b.right().substituted(arguments));
      case Not n -> new Not(n.operand().substituted(arguments));
      case Conditional c -> new Conditional(c.then().substituted(arguments), c.condition().substituted(arguments),
          c.otherwise().substituted(arguments));
      case Call c -> new Call(c.function(), c.arguments().stream().map(a -> a.substituted(arguments)).toList());
    };
  }

  /** A parameter, by position. */
  record Parameter(int index) implements Term {
    @Override
    public Value evaluate(List<Value> arguments) {
      return arguments.get(index);
    }

    @Override
    public String source(List<String> parameters) {
      return parameters.get(index);
    }
  }

  /** A literal: integer, double, boolean or string. */
  record Constant(Value value) implements Term {
    public Constant {
      Objects.requireNonNull(value, "value");
      if (value.isNone() || value instanceof Value.Tuple) {
        throw new IllegalArgumentException("a lambda literal must be a number, boolean or string, got " + value);
      }
    }

    @Override
    public Value evaluate(List<Value> arguments) {
      return value;
    }

    @Override
    public String source(List<String> parameters) {
      return Operators.literal(value);
    }
  }

  /** {@code left op right} for the arithmetic, comparison and boolean operators. */
  record Binary(Operators.Binary operator, Term left, Term right) implements Term {
    public Binary {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public Value evaluate(List<Value> arguments) {
      return operator.apply(left.evaluate(arguments), right.evaluate(arguments));
    }

    @Override
    public String source(List<String> parameters) {
      return parenthesized(left, parameters) + " " + operator.symbol() + " " + parenthesized(right, parameters);
    }
  }

  /** {@code not operand}. */
  record Not(Term operand) implements Term {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public Value evaluate(List<Value> arguments) {
      return ValueOperations.not(operand.evaluate(arguments));
    }

    @Override
    public String source(List<String> parameters) {
      return "not " + parenthesized(operand, parameters);
    }
  }

  /** {@code then if condition else otherwise}. */
  record Conditional(Term then, Term condition, Term otherwise) implements Term {
    public Conditional {
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public Value evaluate(List<Value> arguments) {
      return condition.evaluate(arguments).truthy() ? then.evaluate(arguments) : otherwise.evaluate(arguments);
    }

    @Override
    public String source(List<String> parameters) {
      return parenthesized(then, parameters) + " if " + parenthesized(condition, parameters) + " else "
          + parenthesized(otherwise, parameters);
    }
  }

  /** A call of one of the built-in functions {@code min max abs round floor ceil}. */
  record Call(Builtin function, List<Term> arguments) implements Term {
    public Call {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
      if (arguments.size() != function.arity) {
        throw new IllegalArgumentException(function.spelling + " takes " + function.arity
            + " argument(s), got " + arguments.size());
      }
    }

    @Override
    public Value evaluate(List<Value> values) {
      Value first = arguments.get(0).evaluate(values);
      return switch (function) {
        case MIN -> {
          Value second = arguments.get(1).evaluate(values);
          yield ValueOperations.order(second, first) < 0 ? second : first;
        }
        case MAX -> {
          Value second = arguments.get(1).evaluate(values);
          yield ValueOperations.order(second, first) > 0 ? second : first;
        }
        case ABS -> first instanceof Value.Real r ? Value.of(Math.abs(r.value()))
            : Value.of(Math.abs(whole(first)));
        case ROUND -> Value.of((long) Math.rint(first.asDouble()));
        case FLOOR -> Value.of((long) Math.floor(first.asDouble()));
        case CEIL -> Value.of((long) Math.ceil(first.asDouble()));
      };
    }

    @Override
    public String source(List<String> parameters) {
      StringBuilder out = new StringBuilder(function.spelling).append('(');
      for (int i = 0; i < arguments.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(arguments.get(i).source(parameters));
      }
      return out.append(')').toString();
    }

    private static long whole(Value value) {
      if (!value.isNumeric()) {
        throw new ArithmeticException("bad operand for abs: " + value);
      }
      return (long) value.asDouble();
    }
  }

  /** The built-in functions of lambda bodies. {@code round} rounds half to even, as Python does. */
  enum Builtin {
    MIN("min", 2), MAX("max", 2), ABS("abs", 1), ROUND("round", 1), FLOOR("floor", 1), CEIL("ceil", 1);

    private final String spelling;
    private final int arity;

    Builtin(String spelling, int arity) {
      this.spelling = spelling;
      this.arity = arity;
    }
  }

  /** A term as the operand of another: atoms bare, negative literals and compound terms in parentheses. */
  private static String parenthesized(Term term, List<String> parameters) {
    boolean atomic = switch (term) {
      case Parameter p -> true;
      case Constant c -> !(c.value().isNumber() && c.value().asDouble() < 0);
      case Call c -> true;
      case Binary b -> false;
      case Not n -> false;
      case Conditional c -> false;
    };
    String source = term.source(parameters);
    return atomic ? source : "(" + source + ")";
  }
}
