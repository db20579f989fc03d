package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;

class ProgramGeneratorTest {
  private static final List<Value> LETTERS = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
  private static final List<Value> NUMBERS = List.of(Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L));
  private static final List<Value> BOOLEANS = List.of(Value.TRUE, Value.FALSE);
  private static final int MAX_SEQ_LEN = 5;

  private static ProgramGenerator generator(List<Value> vocab) {
    return new ProgramGenerator(GeneratorConfig.defaults(14, vocab, MAX_SEQ_LEN));
  }

  @Test
  void sameSeedGivesTheSameProgram() {
    for (long seed = 0; seed < 20; seed++) {
      GeneratedProgram first = generator(LETTERS).generate(seed);
      GeneratedProgram second = generator(LETTERS).generate(seed);

      assertThat(second.raspSource()).isEqualTo(first.raspSource());
      assertThat(second.statements()).isEqualTo(first.statements());
      List<Value> input = List.of(Value.of("b"), Value.of("a"), Value.of("c"));
      assertThat(Interpreter.standard().evaluate(second.program(), input))
          .isEqualTo(Interpreter.standard().evaluate(first.program(), input));
    }
  }

  /**
   * The programs of the dataset's defaults (5 operations, tokens 0..4, length 5) for seeds 0..199, pinned
   * by a digest of their text: a change made for speed (in the generator or in the compiler analysis it
   * asks) must not change which programs a seed gives, or every dataset's bytes change. A change meant to
   * draw other programs updates the digest and says so.
   */
  @Test
  void programsOfASeedArePinned() throws Exception {
    List<Value> vocab = List.of(Value.of(0L), Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L));
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(5, vocab, MAX_SEQ_LEN));
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    for (long seed = 0; seed < 200; seed++) {
      digest.update(generator.generate(seed, program -> true).program().raspSource()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(java.util.HexFormat.of().formatHex(digest.digest()))
        .isEqualTo("8f81f3f3a8147d6e9f163ebbefa2939d26c5df9595e21d2aa55dd14c7604f15e");
  }

  @Test
  void differentSeedsGiveDifferentPrograms() {
    Set<String> texts = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      texts.add(generator(NUMBERS).generate(seed).raspSource());
    }
    assertThat(texts).hasSizeGreaterThan(95);
  }

  /** The generator asks the compiler, so the compiler refuses none of its programs (fuzz had 72 of 2000). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void everyProgramCompiles(String name, List<Value> vocab) {
    ProgramGenerator generator = generator(vocab);
    for (long seed = 0; seed < 150; seed++) {
      GeneratedProgram program = generator.generate(seed);
      assertThatCode(() -> org.tracr4j.compiler.Compiler.compile(program.program(),
          org.tracr4j.compiler.CompileOptions.of(vocab, MAX_SEQ_LEN))).as(program.raspSource())
          .doesNotThrowAnyException();
    }
  }

  /** Over 500 seeds (two vocabularies) every construct, comparison and library program appears. */
  @Test
  void everyConstructAppears() {
    EnumMap<Construct, Integer> constructs = new EnumMap<>(Construct.class);
    Map<String, Integer> predicates = new TreeMap<>();
    EnumMap<LibraryFunction, Integer> library = new EnumMap<>(LibraryFunction.class);
    int statements = 0;
    for (long seed = 0; seed < 500; seed++) {
      GeneratedProgram program = generator(seed % 2 == 0 ? LETTERS : NUMBERS).generate(seed);
      statements += program.size();
      program.constructCounts().forEach((construct, count) -> constructs.merge(construct, count, Integer::sum));
      for (Statement statement : program.statements()) {
        switch (statement.definition()) {
          case Definition.SelectOf s -> predicates.merge(switch (s.condition()) {
            case Definition.SelectCondition.Compare c -> c.comparison().symbol();
            case Definition.SelectCondition.Custom c -> "lambda";
          }, 1, Integer::sum);
          case Definition.LibraryCall call -> library.merge(call.function(), 1, Integer::sum);
          default -> { }
        }
      }
    }
    System.out.println("500 programs, " + statements + " statements: " + constructs);
    System.out.println("select predicates: " + predicates);
    System.out.println("library calls: " + library);

    assertThat(constructs.keySet()).containsExactlyInAnyOrder(Construct.values());
    assertThat(constructs.values()).allMatch(count -> count >= 10);
    assertThat(predicates.keySet()).containsAll(Stream.of(Comparison.values()).map(Comparison::symbol).toList())
        .contains("lambda");
    assertThat(library.keySet()).containsExactlyInAnyOrder(LibraryFunction.values());
  }

  static Stream<Arguments> vocabularies() {
    return Stream.of(Arguments.of("letters", LETTERS), Arguments.of("numbers", NUMBERS),
        Arguments.of("booleans", BOOLEANS));
  }

  /**
   * Every program evaluates on random inputs of every length without errors, and its aggregates keep the
   * compiler's rules: a categorical one picks at most one distinct value, a numerical one averages 0/1.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void everyProgramEvaluatesOnEveryLength(String name, List<Value> vocab) {
    ProgramGenerator generator = generator(vocab);
    Random random = new Random(42);
    for (long seed = 0; seed < 150; seed++) {
      GeneratedProgram program = generator.generate(seed);
      List<Aggregate> aggregates = Expressions.reachable(program.program()).stream()
          .filter(e -> e instanceof Aggregate).map(e -> (Aggregate) e).toList();
      for (int length = 1; length <= MAX_SEQ_LEN; length++) {
        for (int sample = 0; sample < 4; sample++) {
          List<Value> input = randomInput(vocab, length, random);
          assertThatCode(() -> Interpreter.standard().evaluate(program.program(), input))
              .as("%s on %s", program.raspSource(), input).doesNotThrowAnyException();
          for (Aggregate aggregate : aggregates) {
            assertAggregateIsCompilable(aggregate, input, program);
          }
        }
      }
    }
  }

  @Test
  void printsOneStatementPerExpressionInDependencyOrder() {
    for (long seed = 0; seed < 100; seed++) {
      GeneratedProgram program = generator(LETTERS).generate(seed);
      List<String> lines = program.raspSource().lines().toList();
      Set<String> defined = new HashSet<>(List.of("tokens", "indices", "length"));

      for (int i = 0; i < program.size(); i++) {
        Statement statement = program.statements().get(i);
        assertThat(lines.get(i)).isEqualTo(statement.source()).startsWith(statement.name() + " = ").endsWith(";");
        assertThat(defined).containsAll(statement.definition().references());
        assertThat(defined.add(statement.name())).as("defined once: %s", statement.name()).isTrue();
      }
      assertThat(lines).hasSize(program.size() + 1);
      assertThat(lines.getLast()).isEqualTo("return " + program.output() + ";");
      assertThat(program.program().name()).isEqualTo(program.output());
    }
  }

  @Test
  void everyStatementIsUsedByTheOutput() {
    for (long seed = 0; seed < 100; seed++) {
      GeneratedProgram program = generator(NUMBERS).generate(seed);
      Set<String> used = new HashSet<>(List.of(program.output()));
      program.statements().forEach(s -> used.addAll(s.definition().references()));

      assertThat(program.statements()).allMatch(s -> used.contains(s.name()));
    }
  }

  @Test
  void sizeFollowsTheConfiguration() {
    double small = averageSize(6);
    double large = averageSize(30);

    assertThat(small).isBetween(3.0, 12.0);
    assertThat(large).isGreaterThan(2 * small);
  }

  private static double averageSize(int size) {
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(size, LETTERS, MAX_SEQ_LEN));
    return java.util.stream.LongStream.range(0, 50).mapToDouble(seed -> generator.generate(seed).size()).average()
        .orElseThrow();
  }

  private static void assertAggregateIsCompilable(Aggregate aggregate, List<Value> input, GeneratedProgram program) {
    boolean[][] selected = Interpreter.standard().evaluate(aggregate.selector(), input);
    List<Value> values = Interpreter.standard().evaluate(aggregate.sop(), input);
    for (boolean[] row : selected) {
      Set<Value> picked = new HashSet<>();
      for (int key = 0; key < row.length; key++) {
        if (row[key]) {
          picked.add(values.get(key));
        }
      }
      if (aggregate.isCategorical()) {
        assertThat(picked).as("%s of %s on %s", aggregate.name(), program.raspSource(), input).hasSizeLessThan(2);
        assertThat(aggregate.defaultValue().isNone()).isTrue();
      } else {
        assertThat(picked).as("%s of %s on %s", aggregate.name(), program.raspSource(), input)
            .allMatch(v -> v.isNumeric() && (v.asDouble() == 0 || v.asDouble() == 1));
        assertThat(aggregate.defaultValue()).isEqualTo(Value.of(0L));
      }
    }
  }

  private static List<Value> randomInput(List<Value> vocab, int length, Random random) {
    List<Value> input = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      input.add(vocab.get(random.nextInt(vocab.size())));
    }
    return input;
  }

}
