package org.tracr4j.rasp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A function written in RASP's function language: parameter names and a {@link Term} body. It is the
 * function of a {@link ElementwiseMap} (one parameter), a {@link SequenceMap} (two) or a {@link Select} (two: key,
 * query; selected iff the result is truthy), and prints as {@code .rasp} source ({@link TermPrinter}):
 * {@code x -> x + 1}, {@code (k, q) -> k == q + 1}, or a bare table {@code {"a": 1, "b": 2}}.
 *
 * <p>The {@code .rasp} resolver, the operator builders, the library and the generator all build
 * functions as lambdas, so every stage can read what a function is (the printer, the decompiler, the
 * dataset). Java closures still work wherever a function is expected; they are opaque.
 */
public record Lambda(List<String> parameters, Term body) implements UnaryFunction, BinaryFunction,
    SelectorPredicate {

  public Lambda {
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(body, "body");
    if (new HashSet<>(parameters).size() != parameters.size()) {
      throw new IllegalArgumentException("duplicate lambda parameter in " + parameters);
    }
    if (body.arity() > parameters.size()) {
      throw new IllegalArgumentException("the body reads parameter " + (body.arity() - 1) + " of a lambda of "
          + parameters.size() + " parameter(s)");
    }
  }

  /** {@code x -> body}. */
  public static Lambda unary(Term body) {
    return new Lambda(List.of("x"), body);
  }

  /** {@code (x, y) -> body}. */
  public static Lambda binary(Term body) {
    return new Lambda(List.of("x", "y"), body);
  }

  /** {@code (k, q) -> body}, a selector predicate. */
  public static Lambda predicate(Term body) {
    return new Lambda(List.of("k", "q"), body);
  }

  public int arity() {
    return parameters.size();
  }

  /** Evaluates the body on {@code arguments}, one per parameter. */
  public Value call(List<Value> arguments) {
    checkArity(arguments.size());
    return body.evaluate(arguments);
  }

  // The calls of one and two arguments, as call() would make them, without a list of the arguments.

  @Override
  public Value apply(Value x) {
    checkArity(1);
    return TermEvaluator.evaluate(body, x, null);
  }

  @Override
  public Value apply(Value x, Value y) {
    checkArity(2);
    return TermEvaluator.evaluate(body, x, y);
  }

  @Override
  public boolean test(Value key, Value query) {
    return apply(key, query).truthy();
  }

  private void checkArity(int arguments) {
    if (parameters.size() != arguments) {
      throw new IllegalArgumentException("a lambda of " + parameters.size() + " parameter(s) called with "
          + arguments);
    }
  }

  /**
   * {@code outer} applied to the result of {@code inner} (both of one parameter), as a map over a map
   * computes it: none from {@code inner} stays none, and {@code inner} is evaluated first. The body is
   * {@code outer}'s with its parameter replaced by {@code inner}'s body when that is exact (inner never
   * gives none and outer always reads its parameter); otherwise it guards:
   * {@code none if inner == none else outer(inner)}.
   */
  public static Lambda compose(Lambda outer, Lambda inner) {
    if (outer.arity() != 1 || inner.arity() != 1) {
      throw new IllegalArgumentException("only lambdas of one parameter compose");
    }
    Term substituted = outer.body().substituted(List.of(inner.body()));
    if (!mayBeNone(inner.body()) && alwaysReads(outer.body())) {
      return new Lambda(inner.parameters(), substituted);
    }
    Term none = new Term.Constant(Value.NONE);
    return new Lambda(inner.parameters(), new Term.Conditional(none,
        new Term.Binary(Operators.Binary.EQ, inner.body(), none), substituted));
  }

  /** Whether the term can evaluate to none when no parameter is none. */
  private static boolean mayBeNone(Term term) {
    return switch (term) {
      case Term.Parameter p -> false;
      case Term.Constant c -> c.value().isNone();
      case Term.Unary u -> false;
      case Term.Binary b -> switch (b.operator()) {
        case AND, OR -> mayBeNone(b.left()) || mayBeNone(b.right());
        default -> false;
      };
      case Term.Conditional c -> mayBeNone(c.then()) || mayBeNone(c.otherwise());
      case Term.Call c -> switch (c.function()) {
        case MIN, MAX -> c.arguments().stream().anyMatch(Lambda::mayBeNone);
        case ABS, ROUND, FLOOR, CEIL -> false;
      };
      case Term.Table t -> t.otherwise() != null && t.otherwise().isNone()
          || t.entries().values().stream().anyMatch(Value::isNone);
      case Term.Compare c -> false;
    };
  }

  /** Whether evaluating the term reads parameter 0 on every path (so substituting keeps its failures). */
  private static boolean alwaysReads(Term term) {
    return switch (term) {
      case Term.Parameter p -> p.index() == 0;
      case Term.Constant c -> false;
      case Term.Unary u -> alwaysReads(u.operand());
      case Term.Binary b -> switch (b.operator()) {
        case AND, OR -> alwaysReads(b.left());
        default -> alwaysReads(b.left()) || alwaysReads(b.right());
      };
      case Term.Conditional c -> alwaysReads(c.condition()) || alwaysReads(c.then()) && alwaysReads(c.otherwise());
      case Term.Call c -> c.arguments().stream().anyMatch(Lambda::alwaysReads);
      case Term.Table t -> t.arguments().stream().anyMatch(Lambda::alwaysReads);
      case Term.Compare c -> alwaysReads(c.key()) || alwaysReads(c.query());
    };
  }

  /** The {@code .rasp} source. */
  @Override
  public String toString() {
    return TermPrinter.function(this);
  }
}
