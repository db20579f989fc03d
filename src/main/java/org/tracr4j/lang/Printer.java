package org.tracr4j.lang;

import static org.tracr4j.lang.Precedence.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Term;
import org.tracr4j.rasp.Tokens;


/**
 * Prints an expression DAG as a {@code .rasp} program that computes the same outputs. Every named
 * expression, and every unnamed one used more than once, becomes a statement (in dependency order, so each
 * name is defined before use); the rest is written inline. Maps and sequence maps whose function is a
 * plain operator ({@code x -> x - 1}, {@code (x, y) -> x + y}) are written as operators. The output is the
 * last statement, or a {@code return} when it has no name.
 *
 * <p>A function that is a {@link Lambda} is printed from its term ({@code org.tracr4j.rasp.TermPrinter}):
 * a map whose body is one operator with a constant becomes that operator. A Java closure is written as its
 * {@code toString()}, which must read back as a function of the right arity; otherwise printing fails with
 * an {@link IllegalArgumentException} naming the expression.
 */
final class Printer {

  /** An expression as text, with the precedence of its outermost operator. */
  private record Text(String text, int precedence) {
    String at(int context) {
      return precedence < context ? "(" + text + ")" : text;
    }
  }

  private final Map<Long, Integer> uses = new HashMap<>();
  private final List<RaspExpr> order = new ArrayList<>();
  private final Map<Long, String> names = new HashMap<>();

  String print(SOp output) {
    visit(output, new HashSet<>());
    Set<String> taken = new HashSet<>(Resolver.BUILTIN_SOPS);
    taken.addAll(Builtins.ALL.keySet());
    for (Term.Builtin builtin : Term.Builtin.values()) {
      taken.add(builtin.spelling());
    }
    for (TokenType type : TokenType.values()) {
      if (type.text() != null) {
        taken.add(type.text());
      }
    }
    StringBuilder out = new StringBuilder();
    for (RaspExpr expr : order) {
      if (expr == output && (!expr.meta().hasName() || isInline(expr))) {
        out.append("return ").append(text(expr, true).text()).append(";\n");
      } else if (expr == output || (!isInline(expr) && (expr.meta().hasName() || uses.get(expr.id()) > 1))) {
        String name = unique(expr.meta().hasName() ? sanitize(expr.meta().name()) : expr.defaultName(), taken);
        out.append(name).append(" = ").append(text(expr, true).text()).append(";\n");
        names.put(expr.id(), name);
      }
    }
    return out.toString();
  }

  /** Post-order walk: children before parents; counts how often each expression is used. */
  private void visit(RaspExpr expr, Set<Long> seen) {
    if (!seen.add(expr.id())) {
      return;
    }
    if (!isInline(expr)) {
      for (RaspExpr child : expr.children()) {
        uses.merge(child.id(), 1, Integer::sum);
        visit(child, seen);
      }
    }
    order.add(expr);
  }

  /** Primitives written by name wherever they occur. */
  private static boolean isInline(RaspExpr expr) {
    return switch (expr) {
      case Tokens t -> !t.meta().hasName();
      case Indices i -> !i.meta().hasName();
      case Length l -> !l.meta().hasName();
      default -> isBuiltinLength(expr);
    };
  }

  /** The language's {@code length}: {@code selector_width(select(tokens, tokens, true))} named length. */
  private static boolean isBuiltinLength(RaspExpr expr) {
    return expr instanceof SelectorWidth w && "length".equals(w.meta().name()) && w.isCategorical()
        && w.selector() instanceof Select s && s.keys() instanceof Tokens && s.queries() instanceof Tokens
        && s.predicate() == Comparison.TRUE;
  }

  private Text reference(RaspExpr expr) {
    String name = names.get(expr.id());
    return name != null ? new Text(name, ATOM) : text(expr, false);
  }

  /** The expression written out (not by its statement name). */
  private Text text(RaspExpr expr, boolean definition) {
    if (isBuiltinLength(expr)) {
      return new Text("length", ATOM);
    }
    Text text = switch (expr) {
      case SOp sop -> sop(sop);
      case Selector selector -> selector(selector);
    };
    if (expr instanceof SOp sop && sop.isNumerical()) {
      return new Text("numerical(" + text.text() + ")", ATOM);
    }
    return text;
  }

  private Text sop(SOp sop) {
    return switch (sop) {
      case Tokens t -> new Text("tokens", ATOM);
      case Indices i -> new Text("indices", ATOM);
      case Length l -> new Text("length", ATOM);
      case ElementwiseMap m -> map(m);
      case SequenceMap m -> sequenceMap(m);
      case LinearSequenceMap m -> call("linear_sequence_map", reference(m.first()).text(),
          reference(m.second()).text(), Operators.literal(m.firstFactor()), Operators.literal(m.secondFactor()));
      case Full f -> call("map", "x -> " + Operators.literal(f.fill()), "tokens");
      case Aggregate a -> a.defaultValue().isNone()
          ? call("aggregate", reference(a.selector()).text(), reference(a.sop()).text())
          : call("aggregate", reference(a.selector()).text(), reference(a.sop()).text(),
              Operators.literal(a.defaultValue()));
      case SelectorWidth w -> call("selector_width", reference(w.selector()).text());
    };
  }

  private Text selector(Selector selector) {
    return switch (selector) {
      case Select s -> call("select", reference(s.keys()).text(), reference(s.queries()).text(),
          function(s, s.predicate(), 2));
      case SelectorAnd s -> new Text(reference(s.first()).at(AND) + " and " + reference(s.second()).at(AND + 1), AND);
      case SelectorOr s -> new Text(reference(s.first()).at(OR) + " or " + reference(s.second()).at(OR + 1), OR);
      case SelectorNot s -> new Text("not " + reference(s.inner()).at(NOT), NOT);
    };
  }

  private Text map(ElementwiseMap m) {
    Text inner = reference(m.inner());
    if (m.function() instanceof Lambda f) {
      switch (f.body()) {
        case Term.Unary u when u.operand() instanceof Term.Parameter -> {
          if (u.operator() == Term.UnaryOperator.NOT) {
            return new Text("not " + inner.at(NOT), NOT);
          }
          String operand = inner.at(UNARY);
          return new Text(operand.startsWith("-") ? "- " + operand : "-" + operand, UNARY);
        }
        case Term.Binary b when b.left() instanceof Term.Parameter && b.right() instanceof Term.Constant c
            && printable(c) -> {
          return operator(inner, b.operator().symbol(), literal(c));
        }
        case Term.Binary b when b.left() instanceof Term.Constant c && printable(c)
            && b.right() instanceof Term.Parameter -> {
          return operator(literal(c), b.operator().symbol(), inner);
        }
        default -> { }
      }
    }
    return call("map", function(m, m.function(), 1), inner.text());
  }

  private Text sequenceMap(SequenceMap m) {
    if (m.function() instanceof Lambda f && f.body() instanceof Term.Binary b
        && b.left() instanceof Term.Parameter x && x.index() == 0
        && b.right() instanceof Term.Parameter y && y.index() == 1) {
      return operator(reference(m.first()), b.operator().symbol(), reference(m.second()));
    }
    return call("sequence_map", function(m, m.function(), 2), reference(m.first()).text(),
        reference(m.second()).text());
  }

  private static Text operator(Text left, String operator, Text right) {
    int precedence = switch (operator) {
      case "or" -> OR;
      case "and" -> AND;
      case "+", "-" -> SUM;
      case "*", "/", "%" -> PRODUCT;
      default -> COMPARISON;
    };
    int leftContext = precedence == COMPARISON ? SUM : precedence;
    int rightContext = precedence == COMPARISON ? SUM : precedence + 1;
    return new Text(left.at(leftContext) + " " + operator + " " + right.at(rightContext), precedence);
  }

  private static Text literal(Term.Constant constant) {
    String literal = Operators.literal(constant.value());
    return new Text(literal, literal.startsWith("-") ? UNARY : ATOM);
  }

  /** A constant an operator can be written with: one with a {@code .rasp} spelling (not a tuple). */
  private static boolean printable(Term.Constant constant) {
    return !(constant.value() instanceof org.tracr4j.rasp.Value.Tuple);
  }

  private static Text call(String function, String... arguments) {
    return new Text(function + "(" + String.join(", ", arguments) + ")", ATOM);
  }

  /**
   * The function's source, checked to read back as a function of {@code arity} (or a predicate, for
   * selects): a lambda holding a tuple constant, or a closure whose {@code toString()} is not source, fails.
   */
  private static String function(RaspExpr owner, Object function, int arity) {
    String source = function.toString();
    Diagnostics diagnostics = new Diagnostics("<printer>");
    List<Token> tokens = new Scanner("f = " + source + ";", diagnostics).scanTokens();
    List<Stmt> statements = diagnostics.hasErrors() ? List.of() : new Parser(tokens, diagnostics).parse();
    boolean readable = false;
    if (!diagnostics.hasErrors() && statements.size() == 1 && statements.get(0) instanceof Stmt.Assign a) {
      try {
        LangValue value = new Resolver(diagnostics).evaluate(a.value(), new Resolver.Scope(null));
        readable = value instanceof LangValue.LambdaValue l ? l.lambda().arity() == arity
            : owner instanceof Select && Resolver.asPredicate(value) != null;
      } catch (ResolveError | ResolveError.AlreadyReported unreadable) {
        readable = false;
      }
    }
    if (!readable) {
      throw new IllegalArgumentException("cannot print " + owner.describe() + ": its function `" + source
          + "` is not .rasp source for a function of " + arity + (arity == 1 ? " argument" : " arguments"));
    }
    return source;
  }

  private static String sanitize(String name) {
    String clean = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (clean.isEmpty() || Character.isDigit(clean.charAt(0))) {
      clean = "_" + clean;
    }
    return clean;
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + "_" + i;
    }
    taken.add(name);
    return name;
  }

}
