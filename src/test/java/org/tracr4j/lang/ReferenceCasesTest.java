package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.Outputs;

/**
 * Tracr's test cases (tracr-reference §6, the shared {@link LibraryCases} table) evaluated through
 * {@code .rasp} text: each case's own {@code rasp} program, and the matching {@code examples/} file (with
 * a constant or the last line changed where the case uses other parameters).
 */
class ReferenceCasesTest {
  /** Cases no example file covers: they need a pattern, a pair set or a program the examples fix otherwise. */
  private static final List<String> BUILT_IN_ONLY = List.of("detect_pattern_a", "detect_pattern_ab",
      "detect_pattern_ab_2", "detect_pattern_ab_3", "shuffle_dyck3_1", "shuffle_dyck3_2", "shuffle_dyck3_3",
      "selector_width");

  @TestFactory
  Stream<DynamicTest> everyCaseHoldsThroughItsRaspText() {
    return LibraryCases.all().stream().filter(LibraryCase::hasRasp)
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, c.rasp())));
  }

  @TestFactory
  Stream<DynamicTest> everyCaseHoldsThroughTheExampleFiles() {
    return LibraryCases.all().stream().filter(c -> !BUILT_IN_ONLY.contains(c.name()))
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, example(c.name()))));
  }

  @Test
  void onlyTheDocumentedCasesLackAnExample() {
    List<String> uncovered = new ArrayList<>();
    for (LibraryCase c : LibraryCases.all()) {
      if (example(c.name()) == null) {
        uncovered.add(c.name());
      }
    }
    assertThat(uncovered).isSubsetOf(BUILT_IN_ONLY);
  }

  private static void check(LibraryCase c, String source) {
    assertThat(source).as("program text for " + c).isNotNull();
    Program program = RaspLanguage.parse(source, c.name() + ".rasp");
    Outputs.INTERPRETER.assertMatches(c.interpreter().evaluate(program.output(), c.input()), c.expected());
  }

  /** The example file computing the case, with its parameters changed where needed; null if none does. */
  private static String example(String name) {
    if (name.startsWith("reverse_")) {
      return read("reverse");
    }
    if (name.startsWith("length_categorical_")) {
      return read("length");
    }
    if (name.startsWith("length_numerical_")) {
      return replace(read("length"), "seq_length = selector_width(all_true_selector);",
          "seq_length = numerical(selector_width(all_true_selector));");
    }
    if (name.startsWith("shuffle_dyck2_")) {
      return read("shuffle_dyck2");
    }
    if (name.startsWith("make_count_less_freq_categorical_")) {
      return read("count_less_freq");
    }
    if (name.startsWith("make_count_less_freq_numerical_")) {
      return replace(read("count_less_freq"), "count_less_freq = selector_width(select_less);",
          "count_less_freq = numerical(selector_width(select_less));");
    }
    if (name.startsWith("make_count_")) {
      return read("count");
    }
    return switch (name) {
      case "frac_prevs_1" -> read("frac_prevs");
      case "frac_prevs_2" -> replace(read("frac_prevs"), "token = \"l\";", "token = \"(\";");
      case "frac_prevs_3" -> replace(read("frac_prevs"), "token = \"l\";", "token = \")\";");
      case "shift_by_one" -> read("shift_by");
      case "shift_by_two" -> replace(read("shift_by"), "offset = 1;", "offset = 2;");
      case "detect_pattern_abc" -> read("detect_pattern");
      case "pair_balance_1" -> read("pair_balance");
      case "hist" -> read("hist");
      case "sort_unique_1" -> read("sort_unique");
      case "sort_unique_2" -> replace(read("sort_unique"), "sort = sort_unique(tokens, tokens);",
          "sort = sort_unique(tokens, 1 - indices);");
      case "sort_1", "sort_3" -> read("sort");
      case "sort_2" -> replace(read("sort"), "keys = tokens;", "keys = 1 - indices;");
      case "sort_freq" -> read("sort_freq");
      case "make_nary_sequencemap_1" -> read("nary_sequencemap");
      case "make_nary_sequencemap_2" -> replace(read("nary_sequencemap"),
          "result = make_nary_sequencemap((x, y, z) -> x + y - z, tokens, tokens, indices);",
          "result = make_nary_sequencemap((x, y, z) -> x * y / z, indices, indices, tokens);");
      default -> null;
    };
  }

  private static String read(String example) {
    try {
      return Files.readString(Path.of("examples", example + ".rasp"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String replace(String source, String line, String replacement) {
    assertThat(source.lines()).as("example line to replace").contains(line);
    return source.replace(line, replacement);
  }
}
