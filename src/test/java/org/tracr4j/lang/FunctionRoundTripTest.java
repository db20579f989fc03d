package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Predicates;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Term;
import org.tracr4j.rasp.Value;

/**
 * The printer and the resolver are inverse on the function language: a random term printed as a lambda
 * (or a bare table) and read back as {@code .rasp} is the same term, for thousands of terms using every
 * operator, conditional, built-in, constant kind and table.
 */
class FunctionRoundTripTest {
  private final Random random = new Random(7);

  @Test
  void printedLambdasReadBackAsTheSameTerm() {
    for (int trial = 0; trial < 3000; trial++) {
      int arity = 1 + random.nextInt(2);
      Lambda lambda = new Lambda(arity == 1 ? List.of("x") : List.of("k", "q"), term(arity, 4));
      assertThat(readBack(lambda)).as("%s", lambda).isEqualTo(lambda.body());
    }
  }

  @Test
  void bareTablesReadBackAsTheSameTable() {
    for (int trial = 0; trial < 300; trial++) {
      int arity = 1 + random.nextInt(2);
      List<Term> parameters = arity == 1 ? List.of(new Term.Parameter(0))
          : List.of(new Term.Parameter(0), new Term.Parameter(1));
      Lambda table = new Lambda(arity == 1 ? List.of("x") : List.of("x", "y"), table(parameters));
      assertThat(table.toString()).startsWith("{");
      assertThat(readBack(table)).as("%s", table).isEqualTo(table.body());
    }
  }

  @Test
  void predicateCombinationsReadBackAsTheSamePredicate() {
    for (int trial = 0; trial < 500; trial++) {
      SelectorPredicate predicate = predicate(3);
      String source = "return selector_width(select(tokens, tokens, " + predicate + "));";
      Select select = (Select) ((org.tracr4j.rasp.SelectorWidth) RaspLanguage.parse(source, "p.rasp").output())
          .selector();
      // `not (true)` reads back as the comparison false: the same predicate, another term.
      for (Value key : GRID) {
        for (Value query : GRID) {
          assertThat(outcome(select.predicate(), key, query)).as("%s on %s, %s", source, key, query)
              .isEqualTo(outcome(predicate, key, query));
        }
      }
    }
  }

  private static final List<Value> GRID = List.of(Value.of(0), Value.of(1), Value.of(2.5), Value.TRUE, Value.of("a"),
      Value.NONE);

  private static String outcome(SelectorPredicate predicate, Value key, Value query) {
    try {
      return String.valueOf(predicate.test(key, query));
    } catch (ArithmeticException e) {
      return "fails";
    }
  }

  private Term readBack(Lambda lambda) {
    String call = lambda.arity() == 1 ? "map(" + lambda + ", tokens)" : "sequence_map(" + lambda + ", tokens, indices)";
    Program program = RaspLanguage.parse("return " + call + ";", "round-trip.rasp");
    return switch (program.output()) {
      case ElementwiseMap m -> ((Lambda) m.function()).body();
      case SequenceMap m -> ((Lambda) m.function()).body();
      default -> throw new AssertionError(program.output());
    };
  }

  private SelectorPredicate predicate(int depth) {
    return switch (depth == 0 ? random.nextInt(2) : random.nextInt(5)) {
      case 0 -> Comparison.values()[random.nextInt(Comparison.values().length)];
      case 1 -> Lambda.predicate(term(2, 2));
      case 2 -> Predicates.not(predicate(depth - 1));
      case 3 -> Predicates.and(predicate(depth - 1), predicate(depth - 1));
      default -> Predicates.or(predicate(depth - 1), predicate(depth - 1));
    };
  }

  private Term term(int arity, int depth) {
    int kind = depth == 0 ? random.nextInt(2) : random.nextInt(9);
    return switch (kind) {
      case 0 -> new Term.Parameter(random.nextInt(arity));
      case 1 -> new Term.Constant(constant(true));
      case 2 -> {
        Term operand = term(arity, depth - 1);
        // -3 reads back as the constant -3, not as the negation of 3.
        boolean number = operand instanceof Term.Constant c && c.value().isNumber();
        yield new Term.Unary(number || random.nextBoolean() ? Term.UnaryOperator.NOT : Term.UnaryOperator.NEGATE,
            operand);
      }
      case 3, 4 -> new Term.Binary(Operators.Binary.values()[random.nextInt(Operators.Binary.values().length)],
          term(arity, depth - 1), term(arity, depth - 1));
      case 5 -> new Term.Conditional(term(arity, depth - 1), term(arity, depth - 1), term(arity, depth - 1));
      case 6 -> {
        Term.Builtin builtin = Term.Builtin.values()[random.nextInt(Term.Builtin.values().length)];
        int count = builtin.minimumArguments() + (builtin.maximumArguments() > 1 ? random.nextInt(2) : 0);
        List<Term> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          arguments.add(term(arity, depth - 1));
        }
        yield new Term.Call(builtin, arguments);
      }
      case 7 -> {
        List<Term> arguments = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
          arguments.add(term(arity, depth - 1));
        }
        yield table(arguments);
      }
      default -> new Term.Parameter(random.nextInt(arity));
    };
  }

  private Term.Table table(List<Term> arguments) {
    SequencedMap<List<Value>, Value> entries = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      List<Value> key = new ArrayList<>();
      for (int j = 0; j < arguments.size(); j++) {
        key.add(constant(false));
      }
      // Keys equal under == (1, 1.0, true) are one key.
      String canonical = key.stream().map(v -> v.isNumeric() ? Double.toString(v.asDouble()) : "s" + v)
          .toList().toString();
      if (seen.add(canonical)) {
        entries.put(key, constant(true));
      }
    }
    return new Term.Table(entries, random.nextBoolean() ? constant(true) : null, arguments);
  }

  private Value constant(boolean noneAllowed) {
    return switch (random.nextInt(noneAllowed ? 6 : 5)) {
      case 0 -> Value.of((long) random.nextInt(21) - 10);
      case 1 -> Value.of((random.nextInt(41) - 20) / 4.0);
      case 2 -> Value.of(random.nextBoolean());
      case 3 -> Value.of(List.of("a", "b c", "q\"uote", "back\\slash", "new\nline", "'", "").get(random.nextInt(7)));
      case 4 -> Value.of(random.nextInt(3) == 0 ? 1e-7 * random.nextInt(5) : 123456789.0 * random.nextInt(3));
      default -> Value.NONE;
    };
  }
}
