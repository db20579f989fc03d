package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process: outputs, and one stderr line with the right exit code per user error. */
class MainTest {
  @TempDir
  Path directory;

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void evalPrintsTheOutputSequence() {
    Run run = run("eval", "examples/reverse.rasp", "--input", "a b c d");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("d c b a" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void noneIsPrintedAsUnderscoreAndNullInJson() {
    assertThat(run("eval", "examples/shift_by.rasp", "--input", "a b c").out().strip()).isEqualTo("_ a b");
    Run json = run("eval", "examples/shift_by.rasp", "--input", "a b c", "--json");
    assertThat(json.out().strip()).isEqualTo("{\"input\":[\"a\",\"b\",\"c\"],\"output\":[null,\"a\",\"b\"]}");
  }

  @Test
  void jsonKeepsTheTypesOfValues() {
    Run run = run("eval", "examples/frac_prevs.rasp", "--input", "h e l l o", "--json");
    assertThat(run.out().strip()).isEqualTo(
        "{\"input\":[\"h\",\"e\",\"l\",\"l\",\"o\"],\"output\":[false,0.0,0.3333333333333333,0.5,0.4]}");
    Run ints = run("eval", "examples/hist.rasp", "--input", "1 2.5 1 true", "--json");
    assertThat(ints.out().strip()).isEqualTo("{\"input\":[1,2.5,1,true],\"output\":[3,1,3,3]}");
  }

  @Test
  void causalEvaluationSeesOnlyEarlierPositions() {
    assertThat(run("eval", "examples/length.rasp", "--input", "a b c").out().strip()).isEqualTo("3 3 3");
    assertThat(run("eval", "examples/length.rasp", "--input", "a b c", "--causal").out().strip())
        .isEqualTo("1 2 3");
  }

  @Test
  void inputsFromAFileGiveOneResultPerLine() throws IOException {
    Path inputs = directory.resolve("inputs.txt");
    Files.writeString(inputs, "a b c d\n\n# a comment\nc\n\"x y\" z\n");
    Run plain = run("eval", "examples/reverse.rasp", "--inputs", inputs.toString());
    assertThat(plain.code()).isZero();
    assertThat(plain.out().lines()).containsExactly("d c b a", "c", "z \"x y\"");
    Run json = run("eval", "examples/reverse.rasp", "--inputs", inputs.toString(), "--json");
    assertThat(json.out().lines()).containsExactly(
        "{\"input\":[\"a\",\"b\",\"c\",\"d\"],\"output\":[\"d\",\"c\",\"b\",\"a\"]}",
        "{\"input\":[\"c\"],\"output\":[\"c\"]}",
        "{\"input\":[\"x y\",\"z\"],\"output\":[\"z\",\"x y\"]}");
  }

  @Test
  void everyExampleRuns() throws IOException {
    try (var examples = Files.list(Path.of("examples"))) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".rasp")).toList()) {
        Run run = run("eval", example.toString(), "--input", "1 2 1");
        assertThat(run.err()).as(example.toString()).doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(run.code()).as(example + ": " + run.err()).isIn(0, 70);
      }
    }
  }

  @Test
  void aMissingProgramFileIsOneLineAndExit66() {
    assertOneLineError(run("eval", "nope.rasp", "--input", "a"), 66, "tracr4j: cannot read nope.rasp: no such file");
  }

  @Test
  void aMissingInputsFileIsOneLineAndExit66() {
    assertOneLineError(run("eval", "examples/reverse.rasp", "--inputs", "nope.txt"), 66,
        "tracr4j: cannot read nope.txt: no such file");
  }

  @Test
  void aSyntaxErrorIsLocatedAndExit65() throws IOException {
    Path program = directory.resolve("bad.rasp");
    Files.writeString(program, "a = select(indices, indices, ==;\n");
    assertOneLineError(run("eval", program.toString(), "--input", "a"), 65,
        program + ":1:32: unclosed `(` of the arguments of `select` at 1:11: expected `,` or `)`, found `;`");
  }

  @Test
  void everySyntaxErrorGetsItsOwnLine() throws IOException {
    Path program = directory.resolve("bad.rasp");
    Files.writeString(program, "a = tokns;\nb = foo(1);\n");
    Run run = run("eval", program.toString(), "--input", "a");
    assertThat(run.code()).isEqualTo(65);
    assertThat(run.err().lines()).containsExactly(
        program + ":1:5: unknown name `tokns`; did you mean `tokens`?",
        program + ":2:5: unknown function `foo`");
  }

  @Test
  void aTokenOutsideTheVocabularyIsExit66() {
    assertOneLineError(run("eval", "examples/reverse.rasp", "--input", "a e", "--vocab", "a,b"), 66,
        "tracr4j: invalid input: token e at position 1 is not in the vocabulary {a, b}");
    assertOneLineError(run("eval", "examples/reverse.rasp", "--input", "a a a", "--max-seq-len", "2"), 66,
        "tracr4j: invalid input: the input has 3 tokens, more than --max-seq-len 2");
  }

  @Test
  void anEvaluationErrorNamesTheExpressionAndIsExit70() throws IOException {
    Path program = directory.resolve("div.rasp");
    Files.writeString(program, "x = map(v -> 1 / v, indices);\n");
    Run run = run("eval", program.toString(), "--input", "a b");
    assertThat(run.code()).isEqualTo(70);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("tracr4j: evaluation failed: x (" + program + ":1:5): at position 0")
        .doesNotContain("internal error");
  }

  @Test
  void usageErrorsAreOneLineAndExit64() {
    assertOneLineError(run("eval", "examples/reverse.rasp"), 64, "tracr4j: give exactly one of --input and --inputs");
    assertOneLineError(run("eval", "examples/reverse.rasp", "--input", "a", "--bogus"), 64,
        "tracr4j: Unknown option: '--bogus' (see `tracr4j eval --help`)");
    assertOneLineError(run("frobnicate"), 64,
        "tracr4j: Unmatched argument at index 0: 'frobnicate' (see `tracr4j --help`)");
    assertThat(run().code()).isEqualTo(64);
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    Path program = directory.resolve("div.rasp");
    Files.writeString(program, "x = map(v -> 1 / v, indices);\n");
    Run run = run("--debug", "eval", program.toString(), "--input", "a");
    assertThat(run.code()).isEqualTo(70);
    assertThat(run.err()).contains("\tat ");
  }

  @Test
  void helpListsTheCommands() {
    Run run = run("--help");
    assertThat(run.code()).isZero();
    for (String name : Main.SUBCOMMANDS.keySet()) {
      assertThat(run.out()).contains("  " + name + " ");
    }
    assertThat(run("help", "run").out()).contains("Usage: tracr4j run");
  }

  @Test
  void eachSubcommandIsRegisteredUnderItsOwnName() {
    Main.SUBCOMMANDS.forEach((name, command) ->
        assertThat(new picocli.CommandLine(command.get()).getCommandName()).isEqualTo(name));
  }

  @Test
  void versionAndASubcommandAfterDebugWork() {
    assertThat(run("--version").out().strip()).startsWith("tracr4j ");
    assertThat(run("--debug", "eval", "examples/reverse.rasp", "--input", "a b").out().strip()).isEqualTo("b a");
  }

  private static void assertOneLineError(Run run, int code, String line) {
    assertThat(run.code()).as(run.err()).isEqualTo(code);
    assertThat(run.err().lines()).containsExactly(line);
    assertThat(run.out()).isEmpty();
  }
}
