package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.tracr4j.cli.RunCommandTest.EXAMPLES;
import static org.tracr4j.cli.RunCommandTest.assertOneLineError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracr4j.testing.CliRun;

/** Issue 10 §3: every front-end and CLI failure is one clear line with a non-zero exit. */
class FrontEndErrorsTest {
  private static final String REVERSE = EXAMPLES.resolve("reverse.rasp").toString();
  private static final String HIST = EXAMPLES.resolve("hist.rasp").toString();

  @TempDir Path dir;

  private Path compiled(String name, String... more) {
    Path model = dir.resolve(name);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("compile", REVERSE, "--vocab",
        "a,b,c", "--max-seq-len", "4", "-o", model.toString()));
    args.addAll(java.util.List.of(more));
    CliRun result = CliRun.of(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return model;
  }

  @Test
  void invalidUtf8NamesTheByte() throws IOException {
    Path file = Files.write(dir.resolve("latin1.rasp"), "x = tokens; # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertOneLineError(CliRun.of("eval", file.toString(), "--input", "a"), file.toString(), "not UTF-8 at byte 17");
    Path inputs = Files.write(dir.resolve("inputs.txt"), new byte[] {'a', ' ', (byte) 0xC3, '\n'});
    assertOneLineError(CliRun.of("eval", REVERSE, "--inputs", inputs.toString()), "not UTF-8 at byte 2");
  }

  @Test
  void anUnreadableFileSaysPermissionDenied() throws IOException {
    Path file = Files.writeString(dir.resolve("secret.rasp"), "x = tokens;\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "running as root: every file is readable");
    assertOneLineError(CliRun.of("eval", file.toString(), "--input", "a"), file.toString(), "permission denied");
  }

  @Test
  void aDirectoryOrAMissingFileIsOneLine() {
    assertOneLineError(CliRun.of("eval", dir.toString(), "--input", "a"), "is a directory");
    assertOneLineError(CliRun.of("eval", dir.resolve("none.rasp").toString(), "--input", "a"), "no such file");
  }

  @Test
  void aMegabyteOfGarbageStopsAfterAFewDozenErrors() throws IOException {
    Random random = new Random(1);
    String alphabet = "abc()=;+-*/ \n{}[]#\"123";
    StringBuilder garbage = new StringBuilder();
    while (garbage.length() < 1_000_000) {
      garbage.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    Path file = Files.writeString(dir.resolve("garbage.rasp"), garbage);
    CliRun result = CliRun.of("eval", file.toString(), "--input", "a");
    assertThat(result.exitCode()).isEqualTo(65);
    assertThat(result.errLines()).hasSize(ErrorHandler.MAX_PROBLEMS_SHOWN + 1);
    assertThat(result.errLines().get(ErrorHandler.MAX_PROBLEMS_SHOWN)).matches(
        "tracr4j: .*garbage.rasp: \\d+ more errors not shown \\(\\d+ in all\\)");
  }

  @Test
  void errorsInAnInputsFileNameTheLine() throws IOException {
    Path inputs = Files.writeString(dir.resolve("inputs.txt"), "a b\n# comment\nb z\n");
    assertOneLineError(CliRun.of("eval", REVERSE, "--vocab", "a,b", "--inputs", inputs.toString()),
        inputs + ":3:", "z");
    Path model = compiled("reverse");
    assertOneLineError(CliRun.of("run", "--model", model.toString(), "--inputs", inputs.toString()),
        inputs + ":3:", "unknown token 'z'");
    Path tooLong = Files.writeString(dir.resolve("long.txt"), "a\na b c d e\n");
    assertOneLineError(CliRun.of("run", "--model", model.toString(), "--inputs", tooLong.toString()),
        tooLong + ":2:", "maximum sequence length is 4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--vocab=a,b", "--max-seq-len=3", "--causal", "--compat=tracr", "--mlp-exactness=5"})
  void compileOptionsWithAModelDirectoryAreUsageErrors(String option) {
    Path model = compiled("reverse");
    String name = option.split("=")[0];
    CliRun run = CliRun.of("run", "--model", model.toString(), option, "--input", "a");
    assertOneLineError(run, name, "does not apply to --model");
    assertThat(run.exitCode()).isEqualTo(64);
    assertOneLineError(CliRun.of("info", "--model", model.toString(), option), name, "does not apply");
  }

  @Test
  void optionsThatDoNotApplyAreUsageErrors() {
    CliRun dtype = CliRun.of("compile", REVERSE, "--vocab", "a,b", "--max-seq-len", "3", "--dtype", "float64");
    assertOneLineError(dtype, "--dtype needs -o");
    assertThat(dtype.exitCode()).isEqualTo(64);
    assertOneLineError(CliRun.of("bench", "--max-size", "0"), "--max-size must be at least 5");
    assertOneLineError(CliRun.of("check", HIST, "--vocab", "a,b", "--max-seq-len", "3", "--cap", "3"),
        "--cap applies only with --exhaustive");
    assertOneLineError(CliRun.of("run", REVERSE, "--vocab", "a", "--vocab-file", "v.txt", "--max-seq-len", "3",
        "--input", "a"), "one of --vocab and --vocab-file");
  }

  @Test
  void compilingIntoAModelDirectoryLeavesNoStaleOnnx() {
    Path model = compiled("reverse", "--onnx");
    assertThat(model.resolve("model.onnx")).exists();
    CliRun again = CliRun.of("compile", HIST, "--vocab", "a,b", "--max-seq-len", "3", "-o", model.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(model.resolve("model.onnx")).doesNotExist();
    assertThat(model.resolve("model.safetensors")).exists();
  }

  @Test
  void aVocabularyFileHasOneTokenPerLine() throws IOException {
    Path vocab = Files.writeString(dir.resolve("vocab.txt"), "a\nb\n\nc\n");
    CliRun result = CliRun.of("run", REVERSE, "--vocab-file", vocab.toString(), "--max-seq-len", "4",
        "--input", "a b c");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("c b a");
    Path twice = Files.writeString(dir.resolve("twice.txt"), "a\nb\na\n");
    assertOneLineError(CliRun.of("run", REVERSE, "--vocab-file", twice.toString(), "--max-seq-len", "4",
        "--input", "a"), twice + ":3:", "listed twice");
  }

  @Test
  void runAndEvalPrintTheSameLine() throws IOException {
    for (String[] c : new String[][] {{"frac_prevs.rasp", "h,e,l,o", "h e l l o"},
        {"hist.rasp", "a,b,c", "a b a c"}, {"sort.rasp", "1,2,3,4", "3 1 2"}}) {
      String program = EXAMPLES.resolve(c[0]).toString();
      CliRun eval = CliRun.of("eval", program, "--input", c[2]);
      CliRun run = CliRun.of("run", program, "--vocab", c[1], "--max-seq-len", "5", "--input", c[2]);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(c[0]).isEqualTo(eval.out());
    }
    CliRun frac = CliRun.of("run", EXAMPLES.resolve("frac_prevs.rasp").toString(), "--vocab", "h,e,l,o",
        "--max-seq-len", "5", "--input", "h e l l o", "--json");
    assertThat(frac.out()).contains("\"output\":[0.0,0.0,0.3333333333333333,0.5,0.4]", "\"raw_output\":[");
  }

  @Test
  void aTokenUnderscoreNeverPrintsAsNone() throws IOException {
    Path program = Files.writeString(dir.resolve("shift.rasp"),
        "prev = select(indices, indices - 1, ==);\nx = aggregate(prev, tokens);\n");
    CliRun eval = CliRun.of("eval", program.toString(), "--input", "_ a");
    assertThat(eval.out().strip()).isEqualTo("_ \"_\"");
    CliRun run = CliRun.of("run", program.toString(), "--vocab", "_,a", "--max-seq-len", "3", "--input", "_ a");
    assertThat(run.out()).isEqualTo(eval.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"eval", "compile", "run", "info", "check", "bench", "fuzz", "viz", "compress", "decompile",
      "dataset"})
  void everyHelpGivesOutputExitCodesAndAnExample(String command) {
    CliRun help = CliRun.of(command, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Output:", "Exit codes:", "Example: tracr4j " + command);
    if (!command.equals("compile")) {
      assertThat(help.out()).contains("--json"); // its shape, or why there is none
    }
    assertThat(help.out()).contains("Default");
  }

  /** Issue 10 §3: viz, compress, decompile and dataset list their exit codes and their --json (or why none). */
  @ParameterizedTest
  @ValueSource(strings = {"viz", "compress", "decompile", "dataset"})
  void theHelpFootersOfTheNewerCommandsSayWhatTheyPrint(String command) {
    String help = CliRun.of(command, "--help").out();
    String exitCodes = help.substring(help.indexOf("Exit codes:"));
    assertThat(exitCodes).contains("0 ", "64 usage");
    assertThat(help).containsPattern("No --json|With --json");
  }
}
