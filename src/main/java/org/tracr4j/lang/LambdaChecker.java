package org.tracr4j.lang;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tracr4j.rasp.Value;

/**
 * Turns a lambda expression into a {@link Lambda} closed over the constants it uses, checking that its
 * body is pure: parameters, constants, operators, conditionals and the functions of {@link
 * Lambda#FUNCTIONS} only.
 */
final class LambdaChecker {
  private final List<String> parameters;
  private final Resolver.Scope scope;
  private final java.util.Map<String, Value> constants = new HashMap<>();

  private LambdaChecker(List<String> parameters, Resolver.Scope scope) {
    this.parameters = parameters;
    this.scope = scope;
  }

  static Lambda close(Expr.Lambda lambda, Resolver.Scope scope) {
    List<String> parameters = lambda.parameters().stream().map(Token::lexeme).toList();
    LambdaChecker checker = new LambdaChecker(parameters, scope);
    checker.check(lambda.body());
    return new Lambda(parameters, lambda.body(), checker.constants);
  }

  private void check(Expr expr) {
    switch (expr) {
      case Expr.Literal l -> { }
      case Expr.Name n -> name(n.name());
      case Expr.Grouping g -> check(g.inner());
      case Expr.Unary u -> check(u.operand());
      case Expr.Binary b -> {
        check(b.left());
        check(b.right());
      }
      case Expr.Conditional c -> {
        check(c.whenTrue());
        check(c.condition());
        check(c.whenFalse());
      }
      case Expr.Call c -> {
        checkCall(c);
        c.arguments().forEach(this::check);
      }
      case Expr.Lambda l -> throw new ResolveError(l.location(), "a lambda body cannot contain another lambda");
      case Expr.ListLiteral l -> throw new ResolveError(l.open(), "a lambda body cannot contain a list");
      case Expr.ComparisonSymbol c -> throw new ResolveError(c.operator(),
          "a bare `" + c.operator().lexeme() + "` cannot be used in a lambda body; compare two values, as in k "
              + c.operator().lexeme() + " q");
    }
  }

  private void name(Token token) {
    String name = token.lexeme();
    if (parameters.contains(name)) {
      return;
    }
    LangValue value = scope.lookup(name);
    switch (value) {
      case LangValue.Constant c -> constants.put(name, c.value());
      case LangValue.Failed f -> throw new ResolveError.AlreadyReported();
      case null -> {
        if (Resolver.BUILTIN_SOPS.contains(name)) {
          throw notConstant(token, "an s-op");
        }
        Set<String> known = new LinkedHashSet<>(parameters);
        known.addAll(scope.names());
        throw Resolver.unknownName(token, known);
      }
      default -> throw notConstant(token, value.describe());
    }
  }

  private static ResolveError notConstant(Token token, String what) {
    return new ResolveError(token, "`" + token.lexeme() + "` is " + what
        + "; a lambda body can only use its parameters and constants");
  }

  static void checkCall(Expr.Call call) {
    String name = call.callee().lexeme();
    int[] arity = Lambda.FUNCTIONS.get(name);
    if (arity == null) {
      throw new ResolveError(call.callee(), "`" + name + "` cannot be called in a lambda body; only "
          + String.join(", ", Lambda.FUNCTIONS.keySet().stream().sorted().toList()) + " can");
    }
    int count = call.arguments().size();
    if (count < arity[0] || count > arity[1]) {
      String expected = arity[0] == arity[1] ? String.valueOf(arity[0]) : "at least " + arity[0];
      throw new ResolveError(call.callee(), "`" + name + "` expects " + expected + " argument"
          + (arity[0] == 1 && arity[1] == 1 ? "" : "s") + ", found " + count);
    }
  }
}
