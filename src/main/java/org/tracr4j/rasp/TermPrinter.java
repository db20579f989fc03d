package org.tracr4j.rasp;

import java.util.List;

/**
 * The one printer of {@link Term}s and {@link Lambda}s: {@code .rasp} source with only the parentheses the
 * grammar needs (docs/rasp-language.md), so that reading the text back gives the same term.
 *
 * <p>A lambda prints as {@code x -> body} or {@code (k, q) -> body}; a lambda that only looks its
 * parameters up in a table prints as the bare table ({@code {"a": 1, "b": 2}}); a predicate built from
 * selector comparisons prints as the comparison combination it was written as ({@code not (==)},
 * {@code (<) or ((k, q) -> k == q + 1)}).
 */
public final class TermPrinter {
  // Binding strength, loosest first, as the grammar orders the forms.
  private static final int LAMBDA = 0;
  private static final int CONDITIONAL = 1;
  private static final int OR = 2;
  private static final int AND = 3;
  private static final int NOT = 4;
  private static final int COMPARISON = 5;
  private static final int SUM = 6;
  private static final int PRODUCT = 7;
  private static final int UNARY = 8;
  private static final int ATOM = 9;

  private final List<String> parameters;

  private TermPrinter(List<String> parameters) {
    this.parameters = parameters;
  }

  /** The {@code .rasp} source of {@code lambda}. */
  public static String function(Lambda lambda) {
    Term body = lambda.body();
    if (body instanceof Term.Table t && readsParametersInOrder(t.arguments(), lambda.arity())) {
      return table(t);
    }
    TermPrinter printer = new TermPrinter(lambda.parameters());
    return containsComparison(body) ? printer.predicate(body) : printer.lambda(body);
  }

  /** The {@code .rasp} source of {@code term}, its parameters named {@code parameters[i]}. */
  public static String term(Term term, List<String> parameters) {
    return new TermPrinter(parameters).print(term, LAMBDA);
  }

  private String lambda(Term body) {
    String head = parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")";
    return head + " -> " + print(body, LAMBDA);
  }

  /** A predicate in the combination syntax: comparisons by symbol, the rest as lambdas. */
  private String predicate(Term term) {
    if (term instanceof Term.Compare c && isOwnKeyAndQuery(c)) {
      return c.comparison().symbol();
    }
    if (!containsComparison(term)) {
      return lambda(term);
    }
    if (term instanceof Term.Unary u && u.operator() == Term.UnaryOperator.NOT) {
      return "not (" + predicate(u.operand()) + ")";
    }
    if (term instanceof Term.Binary b && (b.operator() == Operators.Binary.AND
        || b.operator() == Operators.Binary.OR)) {
      return "(" + predicate(b.left()) + ") " + b.operator().symbol() + " (" + predicate(b.right()) + ")";
    }
    // A comparison inside another form (e.g. with a key fixed to a constant) has no combination
    // spelling; written as the operator, it only differs from the comparison on none.
    return lambda(term);
  }

  private String print(Term term, int context) {
    String text = switch (term) {
      case Term.Parameter p -> parameters.get(p.index());
      case Term.Constant c -> Operators.literal(c.value());
      case Term.Unary u -> switch (u.operator()) {
        case NEGATE -> {
          String operand = print(u.operand(), UNARY);
          yield operand.startsWith("-") ? "- " + operand : "-" + operand;
        }
        case NOT -> "not " + print(u.operand(), NOT);
      };
      case Term.Binary b -> binary(b.operator(), b.left(), b.right());
      case Term.Conditional c -> print(c.then(), OR) + " if " + print(c.condition(), OR) + " else "
          + print(c.otherwise(), CONDITIONAL);
      case Term.Call c -> c.function().spelling() + "(" + list(c.arguments()) + ")";
      case Term.Table t -> table(t) + "[" + list(t.arguments()) + "]";
      case Term.Compare c -> switch (c.comparison()) {
        case TRUE -> "true";
        case FALSE -> "false";
        default -> binary(comparisonOperator(c.comparison()), c.key(), c.query());
      };
    };
    return precedence(term) < context ? "(" + text + ")" : text;
  }

  private String binary(Operators.Binary operator, Term left, Term right) {
    int own = precedence(operator);
    int leftContext = own == COMPARISON ? SUM : own;
    int rightContext = own == COMPARISON ? SUM : own + 1;
    return print(left, leftContext) + " " + operator.symbol() + " " + print(right, rightContext);
  }

  private String list(List<Term> terms) {
    StringBuilder out = new StringBuilder();
    for (Term term : terms) {
      out.append(out.isEmpty() ? "" : ", ").append(print(term, LAMBDA));
    }
    return out.toString();
  }

  /** {@code {key: value, ..., else: value}}; a key of several values is written {@code (a, b)}. */
  private static String table(Term.Table t) {
    StringBuilder out = new StringBuilder("{");
    t.entries().forEach((key, value) -> {
      out.append(out.length() == 1 ? "" : ", ");
      out.append(key.size() == 1 ? Operators.literal(key.get(0))
          : "(" + String.join(", ", key.stream().map(Operators::literal).toList()) + ")");
      out.append(": ").append(Operators.literal(value));
    });
    if (t.otherwise() != null) {
      out.append(", else: ").append(Operators.literal(t.otherwise()));
    }
    return out.append("}").toString();
  }

  private static int precedence(Term term) {
    return switch (term) {
      case Term.Parameter p -> ATOM;
      case Term.Constant c -> Operators.literal(c.value()).startsWith("-") ? UNARY : ATOM;
      case Term.Unary u -> u.operator() == Term.UnaryOperator.NOT ? NOT : UNARY;
      case Term.Binary b -> precedence(b.operator());
      case Term.Conditional c -> CONDITIONAL;
      case Term.Call c -> ATOM;
      case Term.Table t -> ATOM;
      case Term.Compare c -> switch (c.comparison()) {
        case TRUE, FALSE -> ATOM;
        default -> COMPARISON;
      };
    };
  }

  private static int precedence(Operators.Binary operator) {
    return switch (operator) {
      case OR -> OR;
      case AND -> AND;
      case ADD, SUBTRACT -> SUM;
      case MULTIPLY, DIVIDE, MODULO -> PRODUCT;
      case EQ, NE, LT, LE, GT, GE -> COMPARISON;
    };
  }

  private static Operators.Binary comparisonOperator(Comparison comparison) {
    return switch (comparison) {
      case EQ -> Operators.Binary.EQ;
      case NEQ -> Operators.Binary.NE;
      case LT -> Operators.Binary.LT;
      case LEQ -> Operators.Binary.LE;
      case GT -> Operators.Binary.GT;
      case GEQ -> Operators.Binary.GE;
      case TRUE, FALSE -> throw new IllegalArgumentException(comparison + " is not an operator");
    };
  }

  private static boolean isOwnKeyAndQuery(Term.Compare c) {
    return c.key() instanceof Term.Parameter k && k.index() == 0
        && c.query() instanceof Term.Parameter q && q.index() == 1;
  }

  private static boolean readsParametersInOrder(List<Term> arguments, int arity) {
    if (arguments.size() != arity) {
      return false;
    }
    for (int i = 0; i < arity; i++) {
      if (!(arguments.get(i) instanceof Term.Parameter p && p.index() == i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsComparison(Term term) {
    return term instanceof Term.Compare || term.children().stream().anyMatch(TermPrinter::containsComparison);
  }
}
