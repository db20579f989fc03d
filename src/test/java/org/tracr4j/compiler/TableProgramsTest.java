package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.EvaluationException;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Programs whose functions are tables compile like any other: the compiled model against the interpreter
 * on every input up to the maximum length (categorical, numerical and predicate tables, tables with and
 * without {@code else}, lookups inside lambdas).
 */
class TableProgramsTest {
  record Case(String name, String source, List<Value> vocab, int maxSeqLen) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Value> abc = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    return Stream.of(
        new Case("categorical map and pair predicate", """
            rank = map({"a": 0, "b": 1, "c": 2}, tokens);
            lower = select(rank, rank, {(0, 1): true, (0, 2): true, (1, 2): true, else: false});
            below = selector_width(lower);
            next = map(x -> {0: "b", 1: "c", 2: "a"}[x % 3], rank);
            grade = sequence_map({(0, "a"): "low", (0, "b"): "low", else: "high"}, below, next);
            """, abc, 5),
        new Case("numerical table and mean", """
            weight = numerical(map({"a": 1, "b": 0, else: 0}, tokens));
            return numerical(aggregate(select(indices, indices, <=), weight, 0));
            """, abc, 5),
        new Case("categorical to numerical table", """
            return numerical(map({"a": 2, "b": -1, "c": 0.5}, tokens));
            """, abc, 4),
        new Case("predicate keyed by token pairs", """
            pairs = select(tokens, tokens, {("a", "b"): true, ("b", "a"): true, ("c", "c"): true, else: false});
            return selector_width(pairs);
            """, abc, 5),
        new Case("total table over token and index", """
            return sequence_map({("a", 0): 1, ("a", 1): 2, ("a", 2): 3, ("b", 0): 4, ("b", 1): 5, ("b", 2): 6,
                ("c", 0): 7, ("c", 1): 8, ("c", 2): 9}, tokens, indices);
            """, abc, 3),
        new Case("lookup of a computed value", """
            flip = select(indices, length - indices - 1, ==);
            return aggregate(flip, map(x -> {0: 5, 1: 7, else: -1}[x % 2] * 2, indices));
            """, abc, 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compiledModelAgreesWithTheInterpreterOnEveryInput(Case c) {
    SOp program = RaspLanguage.parse(c.source(), c.name() + ".rasp").output();
    Model model = Compiler.compile(program, CompileOptions.of(c.vocab(), c.maxSeqLen())).model();
    List<List<Value>> inputs = new ArrayList<>();
    every(c.vocab(), c.maxSeqLen(), new ArrayList<>(), inputs);
    List<List<Object>> outputs = model.runBatch(inputs);
    int compared = 0;
    for (int i = 0; i < inputs.size(); i++) {
      List<Value> expected;
      try {
        expected = Interpreter.standard().evaluate(program, inputs.get(i));
      } catch (EvaluationException e) {
        continue;
      }
      for (int position = 0; position < expected.size(); position++) {
        Value want = expected.get(position);
        Value got = Value.ofJava(outputs.get(i).get(position));
        String where = c + " on " + inputs.get(i) + " at " + position;
        if (want.isNumeric() && got.isNumeric()) {
          assertThat(got.asDouble()).as(where).isCloseTo(want.asDouble(),
              org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(want.asDouble()))));
        } else {
          assertThat(got).as(where).isEqualTo(want);
        }
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(inputs.size());
  }

  private static void every(List<Value> vocab, int maxLength, List<Value> prefix, List<List<Value>> out) {
    if (!prefix.isEmpty()) {
      out.add(List.copyOf(prefix));
    }
    if (prefix.size() == maxLength) {
      return;
    }
    for (Value token : vocab) {
      prefix.add(token);
      every(vocab, maxLength, prefix, out);
      prefix.removeLast();
    }
  }
}
