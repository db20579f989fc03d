package org.tracr4j.lang;

import static org.tracr4j.lang.Precedence.*;

import java.util.List;
import java.util.function.Function;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Value;

/**
 * Prints syntax-tree expressions back as {@code .rasp} source, with only the parentheses precedence
 * needs. Names can be rewritten on the way (lambda parameters renamed, constants inlined).
 */
final class SourcePrinter {

  private final Function<String, String> names;

  /** {@code names} maps each name in the tree to the text to print for it. */
  SourcePrinter(Function<String, String> names) {
    this.names = names;
  }

  String print(Expr expr) {
    return print(expr, LAMBDA);
  }

  private String print(Expr expr, int context) {
    if (expr instanceof Expr.Grouping g) {
      return print(g.inner(), context);
    }
    String text = switch (expr) {
      case Expr.Literal l -> Operators.literal(l.value());
      case Expr.Name n -> names.apply(n.name().lexeme());
      case Expr.ComparisonSymbol c -> c.operator().lexeme();
      case Expr.Unary u -> u.operator().type() == TokenType.NOT
          ? "not " + print(u.operand(), NOT)
          : minus(print(u.operand(), UNARY));
      case Expr.Binary b -> binary(b);
      case Expr.Conditional c -> print(c.whenTrue(), OR) + " if " + print(c.condition(), OR) + " else "
          + print(c.whenFalse(), CONDITIONAL);
      case Expr.Call c -> c.callee().lexeme() + "(" + list(c.arguments()) + ")";
      case Expr.Lambda l -> lambdaHead(l.parameters().stream().map(t -> names.apply(t.lexeme())).toList())
          + print(l.body(), LAMBDA);
      case Expr.ListLiteral l -> "[" + list(l.elements()) + "]";
      case Expr.Grouping g -> print(g.inner(), context);
    };
    return precedence(expr) < context ? "(" + text + ")" : text;
  }

  private String binary(Expr.Binary b) {
    int own = precedence(b);
    int left = own == COMPARISON ? SUM : own;
    int right = own == COMPARISON ? SUM : own + 1;
    return print(b.left(), left) + " " + b.operator().lexeme() + " " + print(b.right(), right);
  }

  private static String minus(String operand) {
    return operand.startsWith("-") ? "- " + operand : "-" + operand;
  }

  private String list(List<Expr> items) {
    StringBuilder out = new StringBuilder();
    for (Expr item : items) {
      out.append(out.isEmpty() ? "" : ", ").append(print(item, LAMBDA));
    }
    return out.toString();
  }

  /** {@code x -> } for one parameter, {@code (x, y) -> } otherwise. */
  static String lambdaHead(List<String> parameters) {
    return parameters.size() == 1 ? parameters.get(0) + " -> " : "(" + String.join(", ", parameters) + ") -> ";
  }

  private static int precedence(Expr expr) {
    return switch (expr) {
      case Expr.Literal l -> l.value() instanceof Value.Int i && i.value() < 0
          || l.value() instanceof Value.Real r && r.value() < 0 ? UNARY : ATOM;
      case Expr.Name n -> ATOM;
      case Expr.ComparisonSymbol c -> ATOM;
      case Expr.Unary u -> u.operator().type() == TokenType.NOT ? NOT : UNARY;
      case Expr.Binary b -> switch (b.operator().type()) {
        case OR -> OR;
        case AND -> AND;
        case PLUS, MINUS -> SUM;
        case STAR, SLASH, PERCENT -> PRODUCT;
        default -> COMPARISON;
      };
      case Expr.Conditional c -> CONDITIONAL;
      case Expr.Call c -> ATOM;
      case Expr.Lambda l -> LAMBDA;
      case Expr.ListLiteral l -> ATOM;
      case Expr.Grouping g -> precedence(g.inner());
    };
  }
}
