package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Predicates;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Term;
import org.tracr4j.rasp.Value;

/**
 * Builds the RASP expressions a parsed program describes, checking names, arities and types on the way.
 * Each statement that fails is reported (located) and skipped, and the name it binds is marked failed so
 * later uses stay quiet: one run reports every independent error.
 *
 * <p>Functions ({@code def}) are expanded at each call, in a scope holding their parameters and the
 * top-level names and functions defined before them; their bodies are checked for unknown names and
 * arities once, where they are defined.
 */
final class Resolver {
  /** The built-in s-ops. */
  static final List<String> BUILTIN_SOPS = List.of("tokens", "indices", "length");

  private final Diagnostics diagnostics;
  private final Scope globals = new Scope(null);
  /** The call sites ({@code seen@12:3}) of the {@code def} calls being expanded, innermost first. */
  private final java.util.ArrayDeque<String> calls = new java.util.ArrayDeque<>();
  /** Names this resolver made up for expressions built inside calls (not names the program gave). */
  private final Set<String> generatedNames = new java.util.HashSet<>();
  private SOp length;

  Resolver(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Program resolve(List<Stmt> statements, String source) {
    Map<String, RaspExpr> names = new LinkedHashMap<>();
    Stmt.Return returned = null;
    LangValue output = null;
    Stmt.Assign lastAssignment = null;
    for (Stmt statement : statements) {
      switch (statement) {
        case Stmt.Def def -> define(def);
        case Stmt.Assign assign -> {
          LangValue value = assign(assign, globals);
          lastAssignment = assign;
          if (returned == null) {
            output = value;
          }
          switch (value) {
            case LangValue.SOpValue s -> names.put(assign.name().lexeme(), s.sop());
            case LangValue.SelectorValue s -> names.put(assign.name().lexeme(), s.selector());
            default -> names.remove(assign.name().lexeme());
          }
        }
        case Stmt.Return r -> {
          if (returned != null) {
            diagnostics.report(r.keyword(), "the program already returns its output at line "
                + returned.keyword().line() + "; only one top-level `return` is allowed");
          } else {
            returned = r;
            output = guarded(() -> evaluate(r.value(), globals), r.value().location());
          }
        }
      }
    }
    SOp result = output(output, returned, lastAssignment, statements);
    diagnostics.throwIfAny();
    return new Program(diagnostics.file(), source, result, names);
  }

  private SOp output(LangValue output, Stmt.Return returned, Stmt.Assign last, List<Stmt> statements) {
    if (output instanceof LangValue.SOpValue s) {
      return s.sop();
    }
    if (output == null || output instanceof LangValue.Failed) {
      if (returned == null && last == null && !diagnostics.hasErrors()) {
        diagnostics.report(1, 1, "the program has no output: expected `return expr;` or an assignment");
      }
      return null;
    }
    Token where = returned != null ? returned.value().location() : last.name();
    String what = returned != null ? "the returned value" : "the last assignment `" + last.name().lexeme() + "`";
    diagnostics.report(where, "the output must be an s-op, but " + what + " is " + output.describe());
    return null;
  }

  /** Runs {@code body}; on an error reports it and returns {@link LangValue.Failed}. */
  private LangValue guarded(java.util.function.Supplier<LangValue> body, Token fallback) {
    try {
      return body.get();
    } catch (ResolveError error) {
      diagnostics.report(error.token() == null ? fallback : error.token(), error.getMessage());
    } catch (ResolveError.AlreadyReported quiet) {
      // the cause is reported where it happened
    }
    return new LangValue.Failed();
  }

  private LangValue assign(Stmt.Assign assign, Scope scope) {
    Token name = assign.name();
    LangValue value = guarded(() -> {
      checkAssignable(name, scope);
      return named(evaluate(assign.value(), scope), name.lexeme());
    }, name);
    scope.values.put(name.lexeme(), value);
    return value;
  }

  private void checkAssignable(Token name, Scope scope) {
    String text = name.lexeme();
    if (BUILTIN_SOPS.contains(text)) {
      throw new ResolveError(name, "cannot assign to the built-in s-op `" + text + "`");
    }
    if (Builtins.ALL.containsKey(text) || Term.Builtin.named(text) != null) {
      throw new ResolveError(name, "cannot assign to the built-in function `" + text + "`");
    }
    if (scope.function(text) != null) {
      throw new ResolveError(name, "cannot assign to `" + text + "`: it is a function");
    }
  }

  /** {@code name = expr} names s-ops and selectors; other values are bound as they are. */
  private static LangValue named(LangValue value, String name) {
    return switch (value) {
      case LangValue.SOpValue s -> new LangValue.SOpValue(s.sop().named(name));
      case LangValue.SelectorValue s -> new LangValue.SelectorValue(s.selector().named(name));
      default -> value;
    };
  }

  private void define(Stmt.Def def) {
    String name = def.name().lexeme();
    String problem = null;
    if (BUILTIN_SOPS.contains(name) || Builtins.ALL.containsKey(name) || Term.Builtin.named(name) != null) {
      problem = "cannot define `" + name + "`: it is a built-in";
    } else if (globals.function(name) != null) {
      problem = "function `" + name + "` is already defined";
    } else if (globals.lookup(name) != null) {
      problem = "cannot define `" + name + "`: it is already a name for a value";
    }
    if (problem != null) {
      diagnostics.report(def.name(), problem);
      return;
    }
    Scope closure = globals.snapshot();
    boolean checked = new DefinitionChecker(diagnostics, closure).check(def);
    globals.functions.put(name, new UserFunction(def, closure, checked));
  }

  /** A {@code def}: its definition, what it can see, and whether its body passed the name checks. */
  record UserFunction(Stmt.Def def, Scope closure, boolean checked) {}

  LangValue evaluate(Expr expr, Scope scope) {
    return switch (expr) {
      case Expr.Literal l -> new LangValue.Constant(l.value());
      case Expr.Name n -> name(n.name(), scope);
      case Expr.ComparisonSymbol c -> new LangValue.Predicate(Comparison.fromSymbol(c.operator().lexeme()));
      case Expr.Grouping g -> evaluate(g.inner(), scope);
      case Expr.Unary u -> located(unary(u, evaluate(u.operand(), scope)), u.operator());
      case Expr.Binary b -> located(binary(b, evaluate(b.left(), scope), evaluate(b.right(), scope)), b.operator());
      case Expr.Conditional c -> conditional(c, scope);
      case Expr.Call c -> call(c, scope);
      case Expr.Lambda l -> new LangValue.LambdaValue(TermBuilder.lambda(l, scope));
      case Expr.Table t -> new LangValue.LambdaValue(TermBuilder.table(t, scope));
      case Expr.Lookup l -> new LangValue.Constant(TermBuilder.lookup(l, scope));
      case Expr.Tuple t -> throw new ResolveError(t.open(), "a tuple `(a, b)` can only be a key of a table");
      case Expr.ListLiteral l -> list(l, scope);
    };
  }

  private LangValue name(Token token, Scope scope) {
    String name = token.lexeme();
    LangValue value = scope.lookup(name);
    if (value instanceof LangValue.Failed) {
      throw new ResolveError.AlreadyReported();
    }
    if (value != null) {
      return value;
    }
    switch (name) {
      case "tokens" -> {
        return new LangValue.SOpValue(Rasp.tokens());
      }
      case "indices" -> {
        return new LangValue.SOpValue(Rasp.indices());
      }
      case "length" -> {
        if (length == null) {
          length = Rasp.length();
        }
        return new LangValue.SOpValue(length);
      }
      default -> { }
    }
    if (scope.function(name) != null || Builtins.ALL.containsKey(name)) {
      throw new ResolveError(token, "`" + name + "` is a function: call it as " + name + "(...)");
    }
    throw unknownName(token, scope.names());
  }

  static ResolveError unknownName(Token token, Set<String> known) {
    Set<String> candidates = new LinkedHashSet<>(known);
    candidates.addAll(BUILTIN_SOPS);
    String suggestion = Suggestions.closest(token.lexeme(), candidates);
    return new ResolveError(token, "unknown name `" + token.lexeme() + "`"
        + (suggestion == null ? "" : "; did you mean `" + suggestion + "`?"));
  }

  static ResolveError unknownFunction(Token token, Set<String> userFunctions) {
    Set<String> candidates = new LinkedHashSet<>(userFunctions);
    candidates.addAll(Builtins.ALL.keySet());
    String suggestion = Suggestions.closest(token.lexeme(), candidates);
    return new ResolveError(token, "unknown function `" + token.lexeme() + "`"
        + (suggestion == null ? "" : "; did you mean `" + suggestion + "`?"));
  }

  private LangValue call(Expr.Call call, Scope scope) {
    Token callee = call.callee();
    String name = callee.lexeme();
    UserFunction user = scope.function(name);
    if (user != null) {
      return callUser(user, call, scope);
    }
    Builtins.Builtin builtin = Builtins.ALL.get(name);
    if (builtin == null) {
      if (Term.Builtin.named(name) != null) {
        throw new ResolveError(callee, "`" + name + "` can only be called inside a lambda body");
      }
      if (scope.lookup(name) != null) {
        throw new ResolveError(callee, "`" + name + "` is " + scope.lookup(name).describe() + ", not a function");
      }
      throw unknownFunction(callee, scope.functionNames());
    }
    if (!builtin.accepts(call.arguments().size())) {
      throw new ResolveError(callee, "`" + name + "` expects " + builtin.expectedCount() + ", "
          + builtin.usage() + ", found " + call.arguments().size());
    }
    try {
      return located(builtin.body().call(new Arguments(builtin, callee, call.arguments(),
          e -> evaluate(e, scope))), callee);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ResolveError(callee, "`" + name + "`: " + e.getMessage());
    }
  }

  private LangValue callUser(UserFunction function, Expr.Call call, Scope scope) {
    Stmt.Def def = function.def();
    if (call.arguments().size() != def.parameters().size()) {
      throw new ResolveError(call.callee(), "`" + def.name().lexeme() + "` expects "
          + def.parameters().size() + " argument" + (def.parameters().size() == 1 ? "" : "s") + ", found "
          + call.arguments().size());
    }
    List<LangValue> arguments = new ArrayList<>();
    for (Expr argument : call.arguments()) {
      arguments.add(evaluate(argument, scope));
    }
    if (!function.checked()) {
      throw new ResolveError.AlreadyReported();
    }
    Scope local = new Scope(function.closure());
    for (int i = 0; i < arguments.size(); i++) {
      local.values.put(def.parameters().get(i).lexeme(), arguments.get(i));
    }
    String site = def.name().lexeme() + "@" + call.callee().line() + ":" + call.callee().column();
    long firstId = Meta.selector().id(); // ids only grow: anything built by this call has a larger one
    calls.push(site);
    try {
      for (Stmt statement : def.body()) {
        switch (statement) {
          case Stmt.Assign assign -> {
            checkAssignable(assign.name(), local);
            local.values.put(assign.name().lexeme(),
                named(evaluate(assign.value(), local), site + "." + assign.name().lexeme()));
          }
          case Stmt.Return r -> {
            return returned(evaluate(r.value(), local), site, firstId);
          }
          case Stmt.Def nested -> throw new ResolveError(nested.name(), "functions cannot be nested");
        }
      }
    } finally {
      calls.pop();
    }
    throw new IllegalStateException("the parser guarantees that a function body ends with return");
  }

  /**
   * A call's result: if the call built it and nobody named it, it is labelled with the call site
   * ({@code seen@12:3}), so a reader finds it in a compiled model; a value passed through keeps its name.
   */
  private LangValue returned(LangValue value, String site, long firstId) {
    RaspExpr expr = switch (value) {
      case LangValue.SOpValue s -> s.sop();
      case LangValue.SelectorValue s -> s.selector();
      default -> null;
    };
    if (expr == null || expr.id() < firstId || !generatedNames.contains(expr.meta().name())) {
      return value;
    }
    generatedNames.add(site);
    return named(value, site);
  }

  private LangValue conditional(Expr.Conditional c, Scope scope) {
    LangValue condition = evaluate(c.condition(), scope);
    if (condition instanceof LangValue.Constant constant) {
      return evaluate(constant.value().truthy() ? c.whenTrue() : c.whenFalse(), scope);
    }
    throw new ResolveError(c.ifToken(), "outside a lambda body, the condition of `if` must be a constant, found "
        + condition.describe() + "; use map(x -> a if ... else b, sop)");
  }

  private LangValue list(Expr.ListLiteral list, Scope scope) {
    List<Value> values = new ArrayList<>();
    for (Expr element : list.elements()) {
      if (!(evaluate(element, scope) instanceof LangValue.Constant constant)) {
        throw new ResolveError(element.location(), "a list can only hold constants, found "
            + evaluate(element, scope).describe());
      }
      values.add(constant.value());
    }
    return new LangValue.ListConstant(values);
  }

  private static LangValue unary(Expr.Unary u, LangValue operand) {
    boolean not = u.operator().type() == TokenType.NOT;
    return switch (operand) {
      case LangValue.SOpValue s -> new LangValue.SOpValue(not ? s.sop().not() : s.sop().negate());
      case LangValue.SelectorValue s when not -> new LangValue.SelectorValue(s.selector().not());
      case LangValue.Constant c -> fold(u.operator(), () -> not
          ? org.tracr4j.rasp.ValueOperations.not(c.value()) : org.tracr4j.rasp.ValueOperations.negate(c.value()));
      default -> {
        SelectorPredicate p = not ? asPredicate(operand) : null;
        if (p == null) {
          throw new ResolveError(u.operator(), "`" + u.operator().lexeme() + "` cannot be applied to "
              + operand.describe());
        }
        yield new LangValue.Predicate(Predicates.not(p));
      }
    };
  }

  private static LangValue binary(Expr.Binary b, LangValue left, LangValue right) {
    TokenType type = b.operator().type();
    boolean logical = type == TokenType.AND || type == TokenType.OR;
    if (left instanceof LangValue.SelectorValue l && right instanceof LangValue.SelectorValue r && logical) {
      return new LangValue.SelectorValue(type == TokenType.AND ? l.selector().and(r.selector())
          : l.selector().or(r.selector()));
    }
    boolean constants = left instanceof LangValue.Constant && right instanceof LangValue.Constant;
    if (logical && !constants) {
      SelectorPredicate p = asPredicate(left);
      SelectorPredicate q = asPredicate(right);
      if (p != null && q != null) {
        return new LangValue.Predicate(type == TokenType.AND ? Predicates.and(p, q) : Predicates.or(p, q));
      }
    }
    Operators.Binary op = Operations.binary(type);
    if (left instanceof LangValue.Constant l && right instanceof LangValue.Constant r) {
      return fold(b.operator(), () -> op.apply(l.value(), r.value()));
    }
    Object x = operand(left);
    Object y = operand(right);
    if (x == null || y == null) {
      LangValue bad = x == null ? left : right;
      throw new ResolveError(b.operator(), "`" + b.operator().lexeme() + "` needs s-ops or constants, found "
          + bad.describe() + (x == null ? " on the left" : " on the right"));
    }
    return new LangValue.SOpValue(Operators.apply(op, x, y));
  }

  private static Object operand(LangValue value) {
    return switch (value) {
      case LangValue.SOpValue s -> s.sop();
      case LangValue.Constant c -> c.value();
      default -> null;
    };
  }

  private static LangValue fold(Token operator, java.util.function.Supplier<Value> computation) {
    try {
      return new LangValue.Constant(computation.get());
    } catch (ArithmeticException e) {
      throw new ResolveError(operator, e.getMessage());
    }
  }

  /** The selector predicate a value stands for, or null: a comparison, a 2-parameter lambda, a boolean. */
  static SelectorPredicate asPredicate(LangValue value) {
    return switch (value) {
      case LangValue.Predicate p -> p.predicate();
      case LangValue.LambdaValue l when l.lambda().arity() == 2 -> l.lambda();
      case LangValue.Constant c when c.value() instanceof Value.Bool b -> b.value() ? Comparison.TRUE : Comparison.FALSE;
      default -> null;
    };
  }

  /**
   * Records where a freshly built s-op or selector was written, for runtime error messages. Inside a
   * {@code def} call, an unnamed one is also named after the call site and its kind
   * ({@code seen@12:3.map}), so the compiled model's labels say which call built it.
   */
  private LangValue located(LangValue value, Token token) {
    String origin = diagnostics.file() + ":" + token.line() + ":" + token.column();
    return switch (value) {
      case LangValue.SOpValue s -> new LangValue.SOpValue(s.sop().withMeta(inCall(s.sop(), s.sop().meta().at(origin))));
      case LangValue.SelectorValue s ->
          new LangValue.SelectorValue(relocated(s.selector(), inCall(s.selector(), s.selector().meta().at(origin))));
      default -> value;
    };
  }

  private Meta inCall(RaspExpr expr, Meta meta) {
    if (calls.isEmpty() || meta.hasName() && !generatedNames.contains(meta.name())) {
      return meta;
    }
    String name = calls.peek() + "." + expr.defaultName();
    generatedNames.add(name);
    return meta.named(name);
  }

  private static Selector relocated(Selector selector, Meta meta) {
    return switch (selector) {
      case Select s -> new Select(s.keys(), s.queries(), s.predicate(), meta);
      case SelectorAnd s -> new SelectorAnd(s.first(), s.second(), meta);
      case SelectorOr s -> new SelectorOr(s.first(), s.second(), meta);
      case SelectorNot s -> new SelectorNot(s.inner(), meta);
    };
  }

  /** Names visible at one point: values, and (top level and closures only) functions. */
  static final class Scope {
    final Scope parent;
    final Map<String, LangValue> values = new LinkedHashMap<>();
    final Map<String, UserFunction> functions = new LinkedHashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }

    LangValue lookup(String name) {
      LangValue value = values.get(name);
      return value != null || parent == null ? value : parent.lookup(name);
    }

    UserFunction function(String name) {
      UserFunction function = functions.get(name);
      return function != null || parent == null ? function : parent.function(name);
    }

    Set<String> names() {
      Set<String> names = parent == null ? new LinkedHashSet<>() : parent.names();
      names.addAll(values.keySet());
      return names;
    }

    Set<String> functionNames() {
      Set<String> names = parent == null ? new LinkedHashSet<>() : parent.functionNames();
      names.addAll(functions.keySet());
      return names;
    }

    /** A frozen copy: what a function defined now can see. */
    Scope snapshot() {
      Scope copy = new Scope(parent == null ? null : parent.snapshot());
      copy.values.putAll(values);
      copy.functions.putAll(functions);
      return copy;
    }
  }
}
