package org.tracr4j.lang;

import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import org.tracr4j.rasp.BinaryFunction;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * A lambda of the language, closed over the constants its body uses: a pure function of RASP values,
 * evaluated by walking its body with Python semantics ({@link ValueOperations}).
 *
 * <p>Its printed form ({@link #toString()}) is self-contained {@code .rasp} source: constants are inlined
 * and a one-parameter lambda always calls its parameter {@code x} (so that folded maps print as one lambda).
 * The resolver has checked the body: only parameters, constants, operators, conditionals and the functions
 * of {@link #FUNCTIONS} occur in it.
 */
final class Lambda {
  /** The functions a lambda body may call, with their minimum and maximum number of arguments. */
  static final java.util.Map<String, int[]> FUNCTIONS = java.util.Map.of(
      "min", new int[] {2, Integer.MAX_VALUE}, "max", new int[] {2, Integer.MAX_VALUE},
      "abs", new int[] {1, 1}, "round", new int[] {1, 1}, "floor", new int[] {1, 1}, "ceil", new int[] {1, 1});

  private final List<String> parameters;
  private final Expr body;
  private final java.util.Map<String, Value> constants;
  private final java.util.Map<String, Integer> parameterIndex = new HashMap<>();
  private final String source;

  Lambda(List<String> parameters, Expr body, java.util.Map<String, Value> constants) {
    this.parameters = List.copyOf(parameters);
    this.body = body;
    this.constants = java.util.Map.copyOf(constants);
    for (int i = 0; i < parameters.size(); i++) {
      parameterIndex.put(parameters.get(i), i);
    }
    List<String> printed = parameters.size() == 1 ? List.of("x") : this.parameters;
    this.source = SourcePrinter.lambdaHead(printed) + new SourcePrinter(name -> {
      Integer index = parameterIndex.get(name);
      if (index != null) {
        return printed.get(index);
      }
      Value constant = this.constants.get(name);
      return constant == null ? name : Operators.literal(constant);
    }).print(body);
  }

  int arity() {
    return parameters.size();
  }

  Value call(List<Value> arguments) {
    return evaluate(body, arguments);
  }

  UnaryFunction unary() {
    return UnaryFunction.described(source, x -> call(List.of(x)));
  }

  BinaryFunction binary() {
    return BinaryFunction.described(source, (x, y) -> call(List.of(x, y)));
  }

  SelectorPredicate predicate() {
    return SelectorPredicate.described(source, (key, query) -> call(List.of(key, query)).truthy());
  }

  Function<List<Value>, Value> nary() {
    return new Function<>() {
      @Override
      public Value apply(List<Value> arguments) {
        return call(arguments);
      }

      @Override
      public String toString() {
        return source;
      }
    };
  }

  @Override
  public String toString() {
    return source;
  }

  private Value evaluate(Expr expr, List<Value> arguments) {
    return switch (expr) {
      case Expr.Literal l -> l.value();
      case Expr.Name n -> name(n.name().lexeme(), arguments);
      case Expr.Grouping g -> evaluate(g.inner(), arguments);
      case Expr.Unary u -> u.operator().type() == TokenType.NOT
          ? ValueOperations.not(evaluate(u.operand(), arguments))
          : ValueOperations.negate(evaluate(u.operand(), arguments));
      case Expr.Binary b -> binary(b, arguments);
      case Expr.Conditional c -> evaluate(c.condition(), arguments).truthy()
          ? evaluate(c.whenTrue(), arguments) : evaluate(c.whenFalse(), arguments);
      case Expr.Call c -> function(c.callee().lexeme(),
          c.arguments().stream().map(a -> evaluate(a, arguments)).toList());
      case Expr.ComparisonSymbol c -> throw unchecked(c);
      case Expr.Lambda l -> throw unchecked(l);
      case Expr.ListLiteral l -> throw unchecked(l);
    };
  }

  private Value name(String name, List<Value> arguments) {
    Integer index = parameterIndex.get(name);
    return index != null ? arguments.get(index) : constants.get(name);
  }

  /** {@code and}/{@code or} short-circuit and return an operand, as in Python. */
  private Value binary(Expr.Binary b, List<Value> arguments) {
    Value left = evaluate(b.left(), arguments);
    return switch (b.operator().type()) {
      case AND -> left.truthy() ? evaluate(b.right(), arguments) : left;
      case OR -> left.truthy() ? left : evaluate(b.right(), arguments);
      default -> Operations.binary(b.operator().type()).apply(left, evaluate(b.right(), arguments));
    };
  }

  private static Value function(String name, List<Value> arguments) {
    return switch (name) {
      case "min" -> arguments.stream().reduce((a, b) -> ValueOperations.order(b, a) < 0 ? b : a).orElseThrow();
      case "max" -> arguments.stream().reduce((a, b) -> ValueOperations.order(b, a) > 0 ? b : a).orElseThrow();
      case "abs" -> abs(arguments.get(0));
      case "round" -> toInteger(arguments.get(0), Math::rint);
      case "floor" -> toInteger(arguments.get(0), Math::floor);
      case "ceil" -> toInteger(arguments.get(0), Math::ceil);
      default -> throw new IllegalStateException("unchecked lambda function " + name);
    };
  }

  private static Value abs(Value x) {
    return switch (x) {
      case Value.Int i -> Value.of(Math.absExact(i.value()));
      case Value.Real r -> Value.of(Math.abs(r.value()));
      case Value.Bool b -> Value.of(b.value() ? 1L : 0L);
      default -> throw new ArithmeticException("abs needs a number, got " + Operators.literal(x));
    };
  }

  /** Python's round (half to even), floor and ceil: an integer result. */
  private static Value toInteger(Value x, java.util.function.DoubleUnaryOperator rounding) {
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
      default -> throw new ArithmeticException("needs a number, got " + Operators.literal(x));
    };
  }

  private static IllegalStateException unchecked(Expr expr) {
    return new IllegalStateException("lambda body was not checked: " + expr);
  }
}
