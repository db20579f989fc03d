package org.tracr4j.rasp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The function language of RASP: the body of a {@link Lambda}, a small pure expression over the lambda's
 * parameters (by position). The {@code .rasp} resolver, the operator builders, the library and the program
 * generator all build functions as terms; {@link TermEvaluator} is their one evaluator (Python semantics)
 * and {@link TermPrinter} their one printer ({@code .rasp} source).
 *
 * <p>The kinds are the forms of a {@code .rasp} lambda body (docs/rasp-language.md, "Lambdas"): parameters,
 * constants, unary and binary operators, conditionals, calls of the built-in functions, and {@link Table}
 * lookups (an explicit finite mapping). {@link Compare} is a selector comparison ({@code ==} as a
 * predicate), which exists so that combinations such as {@code not (==)} stay terms. Terms are plain
 * records of values, operators and lists, so they serialise by walking them.
 */
public sealed interface Term {

  /** Evaluates with parameter i bound to {@code arguments[i]}; failures throw {@link ArithmeticException}. */
  default Value evaluate(List<Value> arguments) {
    return TermEvaluator.evaluate(this, arguments);
  }

  /** The direct sub-terms, in evaluation order. */
  List<Term> children();

  /** This term with parameter i replaced by {@code arguments[i]}. */
  default Term substituted(List<Term> arguments) {
    return switch (this) {
      case Parameter p -> arguments.get(p.index());
      case Constant c -> c;
      case Unary u -> new Unary(u.operator(), u.operand().substituted(arguments));
      case Binary b -> new Binary(b.operator(), b.left().substituted(arguments), b.right().substituted(arguments));
      case Conditional c -> new Conditional(c.then().substituted(arguments), c.condition().substituted(arguments),
          c.otherwise().substituted(arguments));
      case Call c -> new Call(c.function(), substitutedAll(c.arguments(), arguments));
      case Table t -> new Table(t.entries(), t.otherwise(), substitutedAll(t.arguments(), arguments));
      case Compare c -> new Compare(c.comparison(), c.key().substituted(arguments), c.query().substituted(arguments));
    };
  }

  /** The number of parameters this term reads: one more than the largest parameter index, or 0. */
  default int arity() {
    int arity = this instanceof Parameter p ? p.index() + 1 : 0;
    for (Term child : children()) {
      arity = Math.max(arity, child.arity());
    }
    return arity;
  }

  /** A parameter, by position (0 is the first). */
  record Parameter(int index) implements Term {
    public Parameter {
      if (index < 0) {
        throw new IllegalArgumentException("a parameter index is at least 0, got " + index);
      }
    }

    @Override
    public List<Term> children() {
      return List.of();
    }
  }

  /** A literal value (a tuple only through the Java API: it has no {@code .rasp} spelling). */
  record Constant(Value value) implements Term {
    public Constant {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public List<Term> children() {
      return List.of();
    }
  }

  /** The unary operators: {@code -x} and {@code not x}. */
  enum UnaryOperator {
    NEGATE("-"), NOT("not");

    private final String symbol;

    UnaryOperator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code -operand} or {@code not operand}. */
  record Unary(UnaryOperator operator, Term operand) implements Term {
    public Unary {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public List<Term> children() {
      return List.of(operand);
    }
  }

  /** {@code left op right}; {@code and} and {@code or} short-circuit and return an operand, as in Python. */
  record Binary(Operators.Binary operator, Term left, Term right) implements Term {
    public Binary {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public List<Term> children() {
      return List.of(left, right);
    }
  }

  /** {@code then if condition else otherwise}: only the branch taken is evaluated. */
  record Conditional(Term then, Term condition, Term otherwise) implements Term {
    public Conditional {
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public List<Term> children() {
      return List.of(condition, then, otherwise);
    }
  }

  /**
   * The built-in functions of lambda bodies, with Python's meaning: {@code min} and {@code max} of two or
   * more values (the first of equal extremes), {@code abs}, and {@code round} (half to even), {@code floor},
   * {@code ceil}, which return integers.
   */
  enum Builtin {
    MIN("min", 2, Integer.MAX_VALUE), MAX("max", 2, Integer.MAX_VALUE), ABS("abs", 1, 1), ROUND("round", 1, 1),
    FLOOR("floor", 1, 1), CEIL("ceil", 1, 1);

    private final String spelling;
    private final int minimumArguments;
    private final int maximumArguments;

    Builtin(String spelling, int minimumArguments, int maximumArguments) {
      this.spelling = spelling;
      this.minimumArguments = minimumArguments;
      this.maximumArguments = maximumArguments;
    }

    /** The name as written in {@code .rasp}. */
    public String spelling() {
      return spelling;
    }

    public int minimumArguments() {
      return minimumArguments;
    }

    public int maximumArguments() {
      return maximumArguments;
    }

    /** The built-in spelled {@code name}, or null. */
    public static Builtin named(String name) {
      for (Builtin builtin : values()) {
        if (builtin.spelling.equals(name)) {
          return builtin;
        }
      }
      return null;
    }
  }

  /** A call of a built-in function. */
  record Call(Builtin function, List<Term> arguments) implements Term {
    public Call {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
      if (arguments.size() < function.minimumArguments() || arguments.size() > function.maximumArguments()) {
        throw new IllegalArgumentException(function.spelling() + " takes " + (function.minimumArguments()
            == function.maximumArguments() ? "" : "at least ") + function.minimumArguments()
            + " argument(s), got " + arguments.size());
      }
    }

    @Override
    public List<Term> children() {
      return arguments;
    }
  }

  /**
   * An explicit finite mapping looked up at {@code arguments}: {@code {"a": 1, "b": 2}[x]}, or, keyed by
   * pairs, {@code {(1, 2): true}[k, q]}. Each key has one value per argument. A key is found as a Python
   * dict finds it: by {@code ==}, so {@code 1}, {@code 1.0} and {@code true} are the same key (and may not
   * appear twice). A missing key gives {@code otherwise} when the table has one, else the lookup fails
   * ("no table entry").
   *
   * @param entries key (one value per argument) to value, in the order written; no key holds none
   * @param otherwise the value of a missing key, or null when a missing key is an error
   */
  record Table(SequencedMap<List<Value>, Value> entries, Value otherwise, List<Term> arguments) implements Term {
    public Table {
      arguments = List.copyOf(arguments);
      if (arguments.isEmpty()) {
        throw new IllegalArgumentException("a table is looked up at one or more arguments");
      }
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("a table needs at least one entry");
      }
      SequencedMap<List<Value>, Value> copy = new LinkedHashMap<>();
      Map<List<Value>, List<Value>> canonical = new HashMap<>();
      for (var entry : entries.entrySet()) {
        List<Value> key = List.copyOf(entry.getKey());
        if (key.size() != arguments.size()) {
          throw new IllegalArgumentException("table key " + Operators.literal(keyValue(key)) + " has "
              + key.size() + " value(s); the table is looked up at " + arguments.size());
        }
        if (key.stream().anyMatch(Value::isNone)) {
          throw new IllegalArgumentException("a table key cannot hold none (a function never sees none)");
        }
        List<Value> earlier = canonical.put(canonicalKey(key), key);
        if (earlier != null) {
          throw new IllegalArgumentException("table key " + Operators.literal(keyValue(key))
              + " is the same key as " + Operators.literal(keyValue(earlier)));
        }
        copy.put(key, Objects.requireNonNull(entry.getValue(), "table value"));
      }
      entries = Collections.unmodifiableSequencedMap(copy);
    }

    /** A table of one argument, from {@code key → value} pairs. */
    public static Table of(Map<Value, Value> entries, Value otherwise, Term argument) {
      SequencedMap<List<Value>, Value> keyed = new LinkedHashMap<>();
      entries.forEach((key, value) -> keyed.put(List.of(key), value));
      return new Table(keyed, otherwise, List.of(argument));
    }

    /** The value at {@code key}; null when the table has no entry for it. */
    public Value lookup(List<Value> key) {
      Value value = entries.get(key);
      if (value != null) {
        return value;
      }
      // Value.equals keeps booleans apart from numbers; Python's == (and so dict lookup) does not.
      for (var entry : entries.entrySet()) {
        if (sameKey(entry.getKey(), key)) {
          return entry.getValue();
        }
      }
      return null;
    }

    @Override
    public List<Term> children() {
      return arguments;
    }

    private static boolean sameKey(List<Value> a, List<Value> b) {
      for (int i = 0; i < a.size(); i++) {
        if (!ValueOperations.equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** The key with booleans as the numbers they equal, so keys equal under {@code ==} collide. */
    private static List<Value> canonicalKey(List<Value> key) {
      List<Value> out = new ArrayList<>(key.size());
      for (Value v : key) {
        out.add(v instanceof Value.Bool b ? Value.of(b.value() ? 1L : 0L) : v);
      }
      return out;
    }

    /** A key as one value: the value itself, or a tuple of several. */
    public static Value keyValue(List<Value> key) {
      return key.size() == 1 ? key.get(0) : new Value.Tuple(key);
    }
  }

  /**
   * A built-in selector comparison applied to a key and a query, {@code comparison.test(key, query)}: unlike
   * the operator {@code ==}, it fails on none (Tracr: "key is None!"). Combined predicates such as
   * {@code not (==)} or {@code (<) or ((k, q) -> k == q + 1)} hold one per comparison.
   */
  record Compare(Comparison comparison, Term key, Term query) implements Term {
    public Compare {
      Objects.requireNonNull(comparison, "comparison");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(query, "query");
    }

    /** The comparison of a predicate's own key and query: {@code ==} in {@code not (==)}. */
    public static Compare of(Comparison comparison) {
      return new Compare(comparison, new Parameter(0), new Parameter(1));
    }

    @Override
    public List<Term> children() {
      return List.of(key, query);
    }
  }

  private static List<Term> substitutedAll(List<Term> terms, List<Term> arguments) {
    return terms.stream().map(t -> t.substituted(arguments)).toList();
  }
}
