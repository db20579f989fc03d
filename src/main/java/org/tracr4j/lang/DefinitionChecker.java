package org.tracr4j.lang;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks a function body where it is defined, before any call: every name is known (a parameter, a local
 * assigned earlier, a name defined before the function or a built-in s-op), every function exists and
 * gets the right number of arguments. Types are checked when the function is called, since parameters may
 * be s-ops, selectors or constants.
 */
final class DefinitionChecker {
  private final Diagnostics diagnostics;
  private final Resolver.Scope closure;
  private final Set<String> known = new LinkedHashSet<>();
  private boolean ok = true;

  DefinitionChecker(Diagnostics diagnostics, Resolver.Scope closure) {
    this.diagnostics = diagnostics;
    this.closure = closure;
  }

  /** Reports every problem of the body; true if there is none. */
  boolean check(Stmt.Def def) {
    known.addAll(closure.names());
    def.parameters().forEach(p -> known.add(p.lexeme()));
    for (Stmt statement : def.body()) {
      switch (statement) {
        case Stmt.Assign assign -> {
          check(assign.value(), Set.of());
          known.add(assign.name().lexeme());
        }
        case Stmt.Return r -> check(r.value(), Set.of());
        case Stmt.Def nested -> report(new ResolveError(nested.name(), "functions cannot be nested"));
      }
    }
    return ok;
  }

  /** {@code lambdaParameters} is non-empty inside a lambda body. */
  private void check(Expr expr, Set<String> lambdaParameters) {
    switch (expr) {
      case Expr.Literal l -> { }
      case Expr.ComparisonSymbol c -> { }
      case Expr.Name n -> {
        String name = n.name().lexeme();
        if (!lambdaParameters.contains(name) && !known.contains(name) && !Resolver.BUILTIN_SOPS.contains(name)) {
          Set<String> candidates = new LinkedHashSet<>(known);
          candidates.addAll(lambdaParameters);
          report(Resolver.unknownName(n.name(), candidates));
        }
      }
      case Expr.Grouping g -> check(g.inner(), lambdaParameters);
      case Expr.Unary u -> check(u.operand(), lambdaParameters);
      case Expr.Binary b -> {
        check(b.left(), lambdaParameters);
        check(b.right(), lambdaParameters);
      }
      case Expr.Conditional c -> {
        check(c.whenTrue(), lambdaParameters);
        check(c.condition(), lambdaParameters);
        check(c.whenFalse(), lambdaParameters);
      }
      case Expr.Call c -> {
        checkCall(c, !lambdaParameters.isEmpty());
        c.arguments().forEach(a -> check(a, lambdaParameters));
      }
      case Expr.Lambda l -> {
        if (!lambdaParameters.isEmpty()) {
          report(new ResolveError(l.location(), "a lambda body cannot contain another lambda"));
          return;
        }
        Set<String> parameters = new LinkedHashSet<>();
        l.parameters().forEach(p -> parameters.add(p.lexeme()));
        parameters.add("");
        check(l.body(), parameters);
      }
      case Expr.ListLiteral l -> l.elements().forEach(e -> check(e, lambdaParameters));
      case Expr.Tuple t -> t.elements().forEach(e -> check(e, lambdaParameters));
      case Expr.Table t -> {
        for (Expr.Entry entry : t.entries()) {
          check(entry.key(), lambdaParameters);
          check(entry.value(), lambdaParameters);
        }
        if (t.otherwise() != null) {
          check(t.otherwise(), lambdaParameters);
        }
      }
      case Expr.Lookup l -> {
        check(l.table(), lambdaParameters);
        l.arguments().forEach(a -> check(a, lambdaParameters));
      }
    }
  }

  private void checkCall(Expr.Call call, boolean inLambda) {
    Token callee = call.callee();
    String name = callee.lexeme();
    int count = call.arguments().size();
    try {
      if (inLambda) {
        TermBuilder.checkCall(call);
      } else if (closure.function(name) != null) {
        int expected = closure.function(name).def().parameters().size();
        if (expected != count) {
          throw new ResolveError(callee, "`" + name + "` expects " + expected + " argument"
              + (expected == 1 ? "" : "s") + ", found " + count);
        }
      } else if (Builtins.ALL.containsKey(name)) {
        Builtins.Builtin builtin = Builtins.ALL.get(name);
        if (!builtin.accepts(count)) {
          throw new ResolveError(callee, "`" + name + "` expects " + builtin.expectedCount() + ", "
              + builtin.usage() + ", found " + count);
        }
      } else if (org.tracr4j.rasp.Term.Builtin.named(name) != null) {
        throw new ResolveError(callee, "`" + name + "` can only be called inside a lambda body");
      } else {
        throw Resolver.unknownFunction(callee, closure.functionNames());
      }
    } catch (ResolveError error) {
      report(error);
    }
  }

  private void report(ResolveError error) {
    diagnostics.report(error.token(), error.getMessage());
    ok = false;
  }
}
