package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tracr4j.EvaluationException;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;

/**
 * Every {@code examples/*.rasp} documents itself: a header with a suggested vocabulary and length and
 * {@code # expect:} lines, which hold. Printing each example and parsing the text again gives a program
 * with the same outputs on random inputs.
 */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("examples");
  private static final List<String> REQUIRED = List.of("length", "reverse", "hist", "sort_unique", "sort",
      "sort_freq", "frac_prevs", "pair_balance", "shuffle_dyck", "shuffle_dyck2", "shift_by", "detect_pattern",
      "count_less_freq", "count", "nary_sequencemap");

  @Test
  void everyLibraryProgramHasAnExample() {
    for (String name : REQUIRED) {
      assertThat(EXAMPLES.resolve(name + ".rasp")).exists();
    }
  }

  @Test
  void reverseIsTheClassicProgram() throws IOException {
    List<String> code = Files.readAllLines(EXAMPLES.resolve("reverse.rasp")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(code).containsExactly("opp_index = length - indices - 1;", "flip = select(indices, opp_index, ==);",
        "reverse = aggregate(flip, tokens);");
  }

  @TestFactory
  Stream<DynamicTest> examplesGiveTheirExpectedOutputs() throws IOException {
    return examples().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(Expectations.suggested(source)).as("suggested line in " + file).isNotNull();
      List<Expectations.Expectation> expectations = Expectations.expectations(source);
      assertThat(expectations).as("expect lines in " + file).isNotEmpty();
      Program program = RaspLanguage.load(file);
      expectations.forEach(e -> e.check(program.output(), file.toString()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> printedExamplesComputeTheSame() throws IOException {
    return examples().filter(f -> !f.getFileName().toString().equals("nary_sequencemap.rasp"))
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
          String source = Files.readString(file, StandardCharsets.UTF_8);
          Program original = RaspLanguage.load(file);
          String printed = RaspLanguage.print(original.output());
          Program reparsed = RaspLanguage.parse(printed, "printed " + file.getFileName());
          assertThat(RaspLanguage.print(reparsed.output())).as("printing is stable").isEqualTo(printed);
          assertSameOutputs(original, reparsed, Expectations.suggested(source), printed);
        }));
  }

  @Test
  void programsWhoseFunctionsHaveNoSourceCannotBePrinted() throws IOException {
    Program nary = RaspLanguage.load(EXAMPLES.resolve("nary_sequencemap.rasp"));
    assertThatThrownBy(() -> RaspLanguage.print(nary.output()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not .rasp source");
  }

  static void assertSameOutputs(Program original, Program other, Expectations.Suggested suggested,
      String printed) {
    Random random = new Random(42);
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + random.nextInt(suggested.maxSeqLen());
      List<Value> input = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        input.add(suggested.vocabulary().get(random.nextInt(suggested.vocabulary().size())));
      }
      for (Interpreter interpreter : List.of(Interpreter.standard(), Interpreter.causal())) {
        String expected = outcome(interpreter, original, input);
        assertThat(outcome(interpreter, other, input)).as("on %s, printed program:%n%s", input, printed)
            .isEqualTo(expected);
      }
    }
  }

  private static String outcome(Interpreter interpreter, Program program, List<Value> input) {
    try {
      return interpreter.evaluate(program.output(), input).toString();
    } catch (EvaluationException e) {
      return "error";
    }
  }

  private static Stream<Path> examples() throws IOException {
    try (Stream<Path> listing = Files.list(EXAMPLES)) {
      return listing.filter(p -> p.toString().endsWith(".rasp")).sorted().toList().stream();
    }
  }
}
