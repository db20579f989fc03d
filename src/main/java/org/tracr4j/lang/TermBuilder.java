package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Term;
import org.tracr4j.rasp.Value;

/**
 * Turns a lambda or a table of the syntax tree into a {@link Lambda} of RASP's function language,
 * checking that it is pure: only parameters, constants (inlined: their values are captured), operators,
 * conditionals, calls of the built-ins of {@link Term.Builtin} and table lookups occur in a body. A
 * one-parameter lambda's parameter is renamed {@code x}, as docs/rasp-language.md says it prints.
 */
final class TermBuilder {
  private final List<String> parameters;
  /** The parameters of the lambda around a table's keys and values, which those cannot use. */
  private final List<String> enclosing;
  private final Resolver.Scope scope;

  private TermBuilder(List<String> parameters, List<String> enclosing, Resolver.Scope scope) {
    this.parameters = parameters;
    this.enclosing = enclosing;
    this.scope = scope;
  }

  /** {@code x -> body}, {@code (k, q) -> body}. */
  static Lambda lambda(Expr.Lambda lambda, Resolver.Scope scope) {
    List<String> names = lambda.parameters().stream().map(Token::lexeme).toList();
    Term body = new TermBuilder(names, List.of(), scope).term(lambda.body());
    return new Lambda(names.size() == 1 ? List.of("x") : names, body);
  }

  /** A bare table {@code {"a": 1, "b": 2}}: the function of as many parameters as its keys have values. */
  static Lambda table(Expr.Table table, Resolver.Scope scope) {
    Term.Table lookup = new TermBuilder(List.of(), List.of(), scope).table(table, null, null);
    int arity = lookup.arguments().size();
    List<String> names = switch (arity) {
      case 1 -> List.of("x");
      case 2 -> List.of("x", "y");
      default -> IntStream.rangeClosed(1, arity).mapToObj(i -> "x" + i).toList();
    };
    return new Lambda(names, lookup);
  }

  /** The value of a table lookup outside a lambda body: every argument must be a constant. */
  static Value lookup(Expr.Lookup lookup, Resolver.Scope scope) {
    TermBuilder constants = new TermBuilder(List.of(), List.of(), scope);
    return constants.constant(lookup);
  }

  private Term term(Expr expr) {
    return switch (expr) {
      case Expr.Literal l -> new Term.Constant(l.value());
      case Expr.Name n -> name(n.name());
      case Expr.Grouping g -> term(g.inner());
      case Expr.Unary u -> unary(u);
      case Expr.Binary b -> new Term.Binary(Operations.binary(b.operator().type()), term(b.left()), term(b.right()));
      case Expr.Conditional c -> new Term.Conditional(term(c.whenTrue()), term(c.condition()), term(c.whenFalse()));
      case Expr.Call c -> {
        checkCall(c);
        yield new Term.Call(Term.Builtin.named(c.callee().lexeme()), c.arguments().stream().map(this::term).toList());
      }
      case Expr.Lookup l -> table(l.table(), l.bracket(), l.arguments().stream().map(this::term).toList());
      case Expr.Table t -> throw new ResolveError(t.open(), "a table in a lambda body must be looked up, as in "
          + "{...}[x]; a bare table is a function: map({...}, sop)");
      case Expr.Tuple t -> throw new ResolveError(t.open(), "a tuple `(a, b)` can only be a key of a table");
      case Expr.Lambda l -> throw new ResolveError(l.location(), "a lambda body cannot contain another lambda");
      case Expr.ListLiteral l -> throw new ResolveError(l.open(), "a lambda body cannot contain a list");
      case Expr.ComparisonSymbol c -> throw new ResolveError(c.operator(),
          "a bare `" + c.operator().lexeme() + "` cannot be used in a lambda body; compare two values, as in k "
              + c.operator().lexeme() + " q");
    };
  }

  /** {@code -3} is the constant -3 (so a printed negative constant reads back as itself). */
  private Term unary(Expr.Unary u) {
    if (u.operator().type() == TokenType.NOT) {
      return new Term.Unary(Term.UnaryOperator.NOT, term(u.operand()));
    }
    if (u.operand() instanceof Expr.Literal l && l.value().isNumber()) {
      return new Term.Constant(org.tracr4j.rasp.ValueOperations.negate(l.value()));
    }
    return new Term.Unary(Term.UnaryOperator.NEGATE, term(u.operand()));
  }

  private Term name(Token token) {
    String name = token.lexeme();
    int index = parameters.indexOf(name);
    if (index >= 0) {
      return new Term.Parameter(index);
    }
    if (enclosing.contains(name)) {
      throw new ResolveError(token, "`" + name + "` is a parameter; table keys and values must be constants");
    }
    LangValue value = scope.lookup(name);
    return switch (value) {
      case LangValue.Constant c -> new Term.Constant(c.value());
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
    };
  }

  /**
   * The table of {@code expr}, looked up at {@code arguments} (null: at the parameters of a bare table,
   * one per value of a key). Keys, values and the {@code else} value are constants.
   */
  private Term.Table table(Expr.Table expr, Token bracket, List<Term> arguments) {
    SequencedMap<List<Value>, Value> entries = new LinkedHashMap<>();
    int width = -1;
    for (Expr.Entry entry : expr.entries()) {
      List<Expr> parts = entry.key() instanceof Expr.Tuple t ? t.elements() : List.of(entry.key());
      if (width >= 0 && parts.size() != width) {
        throw new ResolveError(entry.key().location(), "this table key has " + values(parts.size())
            + ", the first has " + values(width));
      }
      width = parts.size();
      List<Value> key = new ArrayList<>();
      for (Expr part : parts) {
        key.add(constant(part));
      }
      if (key.stream().anyMatch(Value::isNone)) {
        throw new ResolveError(entry.key().location(), "a table key cannot be none: a function never sees none");
      }
      if (entries.put(key, constant(entry.value())) != null) {
        throw new ResolveError(entry.key().location(), "duplicate table key "
            + Operators.literal(Term.Table.keyValue(key)));
      }
    }
    Value otherwise = expr.otherwise() == null ? null : constant(expr.otherwise());
    List<Term> at = arguments;
    if (at == null) {
      at = IntStream.range(0, width).mapToObj(i -> (Term) new Term.Parameter(i)).toList();
    } else if (at.size() != width) {
      throw new ResolveError(bracket, "the table's keys have " + values(width) + ", but it is looked up at "
          + at.size());
    }
    try {
      return new Term.Table(entries, otherwise, at);
    } catch (IllegalArgumentException e) {
      throw new ResolveError(expr.open(), e.getMessage());
    }
  }

  /** A constant expression (a key, a value): evaluated now; the parameters around it are out of sight. */
  private Value constant(Expr expr) {
    List<String> around = new ArrayList<>(enclosing);
    around.addAll(parameters);
    Term term = new TermBuilder(List.of(), around, scope).term(expr);
    try {
      return term.evaluate(List.of());
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new ResolveError(expr.location(), e.getMessage());
    }
  }

  private static String values(int count) {
    return count + (count == 1 ? " value" : " values");
  }

  private static ResolveError notConstant(Token token, String what) {
    return new ResolveError(token, "`" + token.lexeme() + "` is " + what
        + "; a lambda body can only use its parameters and constants");
  }

  /** The names of the built-in functions a lambda body may call, sorted. */
  static String builtinNames() {
    return java.util.Arrays.stream(Term.Builtin.values()).map(Term.Builtin::spelling).sorted()
        .collect(Collectors.joining(", "));
  }

  static void checkCall(Expr.Call call) {
    String name = call.callee().lexeme();
    Term.Builtin builtin = Term.Builtin.named(name);
    if (builtin == null) {
      throw new ResolveError(call.callee(), "`" + name + "` cannot be called in a lambda body; only "
          + builtinNames() + " can");
    }
    int count = call.arguments().size();
    int minimum = builtin.minimumArguments();
    int maximum = builtin.maximumArguments();
    if (count < minimum || count > maximum) {
      String expected = minimum == maximum ? String.valueOf(minimum) : "at least " + minimum;
      throw new ResolveError(call.callee(), "`" + name + "` expects " + expected + " argument"
          + (minimum == 1 && maximum == 1 ? "" : "s") + ", found " + count);
    }
  }
}
