package org.tracr4j.generate;

import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import org.tracr4j.generate.Definition.SelectCondition;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Operators.Binary;
import org.tracr4j.rasp.Term;
import org.tracr4j.rasp.Term.Builtin;
import org.tracr4j.rasp.Value;

/**
 * The small library of pure functions the generator draws from, chosen by the kind of values they get:
 * arithmetic with small constants, {@code %}, {@code min}/{@code max}, comparisons and conditionals for
 * numbers; equality, ordering and conditionals for strings and booleans. Constants compared against are
 * drawn from the input's value set, so comparisons split it. A template may still fail or grow a value
 * set too far on some input; {@link ProgramBuilder} refuses those and the generator draws again.
 *
 * <p>Outside the compiler's contract ({@link GeneratorConfig#outsideContract()}), one function in
 * {@value #FAILING_ONE_IN} is drawn from {@link #failing}: functions that fail on some value (a division by
 * zero, an ordering of a number and a string, a string plus a number) or give a non-finite number. The
 * compiler must reject each one it sees; one it misses is a program the fuzzer compiles and catches.
 */
final class LambdaTemplates {
  private static final Term X = new Term.Parameter(0);
  private static final Term Y = new Term.Parameter(1);
  private static final List<Binary> COMPARISONS =
      List.of(Binary.EQ, Binary.NE, Binary.LT, Binary.LE, Binary.GT, Binary.GE);

  /** The kind of a value set, which decides the templates that apply. */
  enum Kind {
    NUMBER, TEXT, BOOLEAN, MIXED;

    static Kind of(SortedSet<Value> values) {
      if (values.stream().allMatch(v -> v instanceof Value.Bool)) {
        return BOOLEAN;
      }
      if (values.stream().allMatch(Value::isNumeric)) {
        return NUMBER;
      }
      if (values.stream().allMatch(v -> v instanceof Value.Str)) {
        return TEXT;
      }
      return MIXED;
    }

    boolean orderable() {
      return this == NUMBER || this == BOOLEAN;
    }
  }

  private static final int FAILING_ONE_IN = 6;

  private final Random random;
  private final boolean outsideContract;

  LambdaTemplates(Random random, boolean outsideContract) {
    this.random = random;
    this.outsideContract = outsideContract;
  }

  /** A categorical-output function of one value. */
  Lambda unary(SortedSet<Value> domain) {
    if (drawsFailing()) {
      return Lambda.unary(failing(domain));
    }
    Value v = pick(domain);
    return Lambda.unary(switch (Kind.of(domain)) {
      case NUMBER -> random.nextInt(4) == 0 ? numberPredicate(domain) : numberFunction(domain);
      case TEXT -> switch (random.nextInt(5)) {
        case 0 -> compare(X, constant(v), random.nextBoolean() ? Binary.EQ : Binary.NE);
        case 1 -> compare(X, constant(v), random.nextBoolean() ? Binary.LT : Binary.GE);
        case 2 -> new Term.Conditional(small(), compare(X, constant(v), Binary.EQ), small());
        case 3 -> new Term.Conditional(constant(pick(domain)), compare(X, constant(v), Binary.EQ), X);
        default -> new Term.Conditional(X, compare(X, constant(v), Binary.LT), constant(v));
      };
      case BOOLEAN -> switch (random.nextInt(3)) {
        case 0 -> not(X);
        case 1 -> new Term.Conditional(small(), X, small());
        default -> compare(X, constant(v), Binary.EQ);
      };
      case MIXED -> random.nextBoolean() ? compare(X, constant(v), Binary.EQ)
          : new Term.Conditional(small(), compare(X, constant(v), Binary.EQ), small());
    });
  }

  /** A function of one value with numeric results (for numerical maps). */
  Lambda numeric(SortedSet<Value> domain) {
    if (drawsFailing() && Kind.of(domain) == Kind.NUMBER) {
      return Lambda.unary(failing(domain));
    }
    return switch (Kind.of(domain)) {
      case NUMBER -> Lambda.unary(random.nextInt(3) == 0 ? numberPredicate(domain) : numberFunction(domain));
      case TEXT, BOOLEAN, MIXED -> indicator(domain);
    };
  }

  /** A function of one value with results 0 and 1 (booleans or integers): what numerical aggregates need. */
  Lambda indicator(SortedSet<Value> domain) {
    Value v = pick(domain);
    Term test = switch (Kind.of(domain)) {
      case NUMBER -> compare(X, constant(v), pick(COMPARISONS));
      case TEXT -> compare(X, constant(v), random.nextInt(3) == 0 ? Binary.NE : Binary.EQ);
      case BOOLEAN -> random.nextBoolean() ? X : not(X);
      case MIXED -> compare(X, constant(v), Binary.EQ);
    };
    return Lambda.unary(random.nextBoolean() ? test
        : new Term.Conditional(constant(Value.of(1L)), test, constant(Value.of(0L))));
  }

  /** A categorical function of two values. */
  Lambda binary(SortedSet<Value> first, SortedSet<Value> second) {
    Kind a = Kind.of(first);
    Kind b = Kind.of(second);
    if (drawsFailing()) {
      // x / y fails where y is 0; x < y fails where one is a string and the other is not.
      return Lambda.binary(a.orderable() && b.orderable() && random.nextBoolean()
          ? new Term.Binary(Binary.DIVIDE, X, Y) : compare(X, Y, Binary.LT));
    }
    Value u = pick(first);
    Value w = pick(second);
    Term body;
    if (a.orderable() && b.orderable()) {
      body = switch (random.nextInt(8)) {
        case 0 -> new Term.Binary(Binary.ADD, X, Y);
        case 1 -> new Term.Binary(Binary.SUBTRACT, X, Y);
        case 2 -> new Term.Call(Builtin.MIN, List.of(X, Y));
        case 3 -> new Term.Call(Builtin.MAX, List.of(X, Y));
        case 4 -> compare(X, Y, pick(COMPARISONS));
        case 5 -> new Term.Binary(Binary.MODULO, new Term.Binary(Binary.ADD, X, Y), modulus());
        case 6 -> new Term.Call(Builtin.ABS, List.of(new Term.Binary(Binary.SUBTRACT, X, Y)));
        default -> new Term.Binary(Binary.MULTIPLY, X, Y);
      };
    } else if (a == Kind.TEXT && b == Kind.TEXT) {
      body = switch (random.nextInt(4)) {
        case 0 -> compare(X, Y, random.nextBoolean() ? Binary.EQ : Binary.NE);
        case 1 -> new Term.Conditional(X, compare(X, Y, Binary.LT), Y);
        case 2 -> new Term.Conditional(Y, compare(X, constant(u), Binary.EQ), X);
        default -> new Term.Conditional(small(), compare(X, Y, Binary.EQ), small());
      };
    } else if (a == Kind.TEXT && b.orderable()) {
      body = random.nextBoolean()
          ? new Term.Conditional(X, compare(Y, constant(w), pick(COMPARISONS)), constant(u))
          : new Term.Conditional(Y, compare(X, constant(u), Binary.EQ), small());
    } else if (a.orderable() && b == Kind.TEXT) {
      body = random.nextBoolean()
          ? new Term.Conditional(Y, compare(X, constant(u), pick(COMPARISONS)), constant(w))
          : new Term.Conditional(X, compare(Y, constant(w), Binary.EQ), small());
    } else {
      body = new Term.Binary(random.nextBoolean() ? Binary.OR : Binary.AND,
          compare(X, constant(u), Binary.EQ), compare(Y, constant(w), Binary.EQ));
    }
    return Lambda.binary(body);
  }

  /**
   * A select predicate over keys and queries of these value sets. With {@code equality}, one that admits
   * at most one key value per query (what a categorical aggregate needs): {@code ==}, {@code k == q + c},
   * {@code k == c}.
   */
  SelectCondition predicate(SortedSet<Value> keys, SortedSet<Value> queries, boolean equality) {
    Kind k = Kind.of(keys);
    Kind q = Kind.of(queries);
    boolean numbers = k.orderable() && q.orderable();
    boolean sameKind = numbers || k == q && k != Kind.MIXED;
    Value keyValue = pick(keys);
    Value queryValue = pick(queries);
    if (equality) {
      return switch (random.nextInt(4)) {
        case 0, 1 -> new SelectCondition.Compare(Comparison.EQ);
        case 2 -> numbers
            ? custom(compare(new Term.Parameter(0), new Term.Binary(random.nextBoolean() ? Binary.ADD
                : Binary.SUBTRACT, new Term.Parameter(1), constant(Value.of(1L + random.nextInt(2)))), Binary.EQ))
            : new SelectCondition.Compare(Comparison.EQ);
        default -> custom(compare(new Term.Parameter(0), constant(keyValue), Binary.EQ));
      };
    }
    if (random.nextInt(3) > 0) {
      List<Comparison> allowed = sameKind ? List.of(Comparison.values())
          : List.of(Comparison.EQ, Comparison.NEQ, Comparison.TRUE, Comparison.FALSE);
      return new SelectCondition.Compare(pick(allowed));
    }
    Term key = new Term.Parameter(0);
    Term query = new Term.Parameter(1);
    if (numbers) {
      return custom(switch (random.nextInt(5)) {
        case 0 -> compare(key, new Term.Binary(Binary.ADD, query, constant(Value.of(1L + random.nextInt(2)))),
            pick(COMPARISONS));
        case 1 -> compare(new Term.Binary(Binary.MODULO, new Term.Binary(Binary.ADD, key, query), modulus()),
            constant(Value.of(0L)), Binary.EQ);
        case 2 -> compare(new Term.Call(Builtin.ABS, List.of(new Term.Binary(Binary.SUBTRACT, key, query))),
            constant(Value.of(1L)), Binary.LE);
        case 3 -> compare(query, constant(queryValue), pick(COMPARISONS));
        default -> new Term.Binary(Binary.AND, compare(key, query, Binary.LT),
            compare(key, constant(keyValue), Binary.NE));
      });
    }
    return custom(switch (random.nextInt(3)) {
      case 0 -> compare(key, constant(keyValue), Binary.EQ);
      case 1 -> compare(query, constant(queryValue), Binary.NE);
      default -> new Term.Binary(Binary.OR, compare(key, query, Binary.EQ), compare(key, constant(keyValue),
          Binary.EQ));
    });
  }

  private Term numberFunction(SortedSet<Value> domain) {
    Value v = pick(domain);
    return switch (random.nextInt(11)) {
      case 0 -> new Term.Binary(Binary.ADD, X, smallPositive());
      case 1 -> new Term.Binary(Binary.SUBTRACT, X, smallPositive());
      case 2 -> new Term.Binary(Binary.SUBTRACT, small(), X);
      case 3 -> new Term.Binary(Binary.MULTIPLY, X, constant(Value.of(2L + random.nextInt(2))));
      case 4 -> new Term.Binary(Binary.MODULO, X, modulus());
      case 5 -> new Term.Binary(Binary.MODULO, new Term.Binary(Binary.ADD, X, smallPositive()), modulus());
      case 6 -> new Term.Call(random.nextBoolean() ? Builtin.MIN : Builtin.MAX, List.of(X, constant(v)));
      case 7 -> new Term.Call(Builtin.ABS, List.of(new Term.Binary(Binary.SUBTRACT, X, constant(v))));
      case 8 -> new Term.Conditional(small(), compare(X, constant(v), pick(COMPARISONS)), small());
      case 9 -> new Term.Binary(Binary.DIVIDE, X, constant(Value.of(random.nextBoolean() ? 2L : 4L)));
      default -> new Term.Call(pick(List.of(Builtin.ROUND, Builtin.FLOOR, Builtin.CEIL)),
          List.of(new Term.Binary(Binary.MULTIPLY, X, constant(Value.of(random.nextBoolean() ? 0.5 : 1.5)))));
    };
  }

  private boolean drawsFailing() {
    return outsideContract && random.nextInt(FAILING_ONE_IN) == 0;
  }

  /**
   * A function that fails on some value of {@code domain}, or on none when the values happen to avoid it:
   * {@code c / (x - v)}, {@code 1e308 * 10 if x == v else x} (infinite), {@code x < "a"} on numbers and
   * booleans, {@code x + 1} on strings.
   */
  private Term failing(SortedSet<Value> domain) {
    Value v = pick(domain);
    return switch (Kind.of(domain)) {
      case NUMBER -> switch (random.nextInt(3)) {
        case 0 -> new Term.Binary(Binary.DIVIDE, smallPositive(), new Term.Binary(Binary.SUBTRACT, X, constant(v)));
        case 1 -> new Term.Conditional(new Term.Binary(Binary.MULTIPLY, constant(Value.of(1e308)),
            constant(Value.of(10L))), compare(X, constant(v), Binary.EQ), X);
        default -> compare(X, constant(Value.of("a")), Binary.LT);
      };
      case BOOLEAN -> compare(X, constant(Value.of("a")), Binary.LT);
      case TEXT -> new Term.Binary(Binary.ADD, X, constant(Value.of(1L)));
      case MIXED -> compare(X, constant(Value.of(1L)), Binary.LT);
    };
  }

  private Term numberPredicate(SortedSet<Value> domain) {
    return compare(X, constant(pick(domain)), pick(COMPARISONS));
  }

  private static Term not(Term operand) {
    return new Term.Unary(Term.UnaryOperator.NOT, operand);
  }

  private static Term compare(Term left, Term right, Binary operator) {
    return new Term.Binary(operator, left, right);
  }

  private static SelectCondition custom(Term body) {
    return new SelectCondition.Custom(Lambda.predicate(body));
  }

  private static Term constant(Value value) {
    return new Term.Constant(value);
  }

  private Term small() {
    return constant(Value.of((long) random.nextInt(4)));
  }

  private Term smallPositive() {
    return constant(Value.of(1L + random.nextInt(3)));
  }

  private Term modulus() {
    return constant(Value.of(2L + random.nextInt(3)));
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private Value pick(SortedSet<Value> values) {
    return pick(List.copyOf(values));
  }
}
