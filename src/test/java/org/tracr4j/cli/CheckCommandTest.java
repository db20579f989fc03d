package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.cli.RunCommandTest.EXAMPLES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.testing.CliRun;

/**
 * {@code tracr4j check}: exit 0 on a faithful program; otherwise exit 65, the findings on stdout (one line
 * each, then a count) and one summary line on stderr.
 */
class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A categorical aggregate whose selector picks several different tokens: it would have to average. */
  private Path averaging() throws IOException {
    return Files.writeString(dir.resolve("averaging.rasp"),
        "before = select(indices, indices, <=);\nmean = aggregate(before, tokens);\n");
  }

  @Test
  void faithfulProgramPasses() {
    CliRun result = CliRun.of("check", EXAMPLES.resolve("hist.rasp").toString(), "--vocab", "a,b,c",
        "--max-seq-len", "4", "--exhaustive");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("ok: ").contains("every input up to length 4 checked");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void averagingCategoricalAggregateIsCaughtOnTheShortestInputsOrTheGivenOnes() throws IOException {
    Path program = averaging();
    CliRun searched = CliRun.of("check", program.toString(), "--vocab", "a,b,c", "--max-seq-len", "3");
    assertThat(searched.exitCode()).as("without inputs, the shortest ones are tried").isEqualTo(CheckCommand.FINDINGS);

    CliRun result = CliRun.of("check", program.toString(), "--vocab", "a,b,c", "--max-seq-len", "3",
        "--exhaustive");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(result.outLines()).hasSize(2);
    // Shortest inputs first: on "a a" RASP itself fails (it averages only numbers), before "a b" must average.
    assertThat(result.outLines().get(0)).startsWith("mean").contains("(input: a a)");
    assertThat(result.outLines().get(1)).isEqualTo("1 finding(s)");
    assertThat(result.errLines()).singleElement().asString().contains(program.toString(), "1 finding(s)");

    CliRun given = CliRun.of("check", program.toString(), "--vocab", "a,b,c", "--max-seq-len", "3",
        "--input", "a b");
    assertThat(given.exitCode()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(given.outLines().get(0)).startsWith("mean").contains("categorical aggregate", "average");
    CliRun harmless = CliRun.of("check", program.toString(), "--vocab", "a,b,c", "--max-seq-len", "3",
        "--input", "a");
    assertThat(harmless.exitCode()).as("one value per query is fine").isZero();
    // RASP averages only numbers: on "a a a" the interpreter fails, so the model's answer "a a a" is no answer.
    CliRun failing = CliRun.of("check", program.toString(), "--vocab", "a,b,c", "--max-seq-len", "3",
        "--input", "a a a");
    assertThat(failing.exitCode()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(failing.outLines().get(0)).contains("at most one key where the values are not numbers",
        "(input: a a a)");
  }

  @Test
  void jsonListsTheFindingWithItsInput() throws IOException {
    CliRun result = CliRun.of("check", averaging().toString(), "--vocab", "a,b,c", "--max-seq-len", "3",
        "--exhaustive", "--json");
    assertThat(result.exitCode()).isEqualTo(CheckCommand.FINDINGS);
    JsonNode document = JSON.readTree(result.out());
    assertThat(document.get("ok").asBoolean()).isFalse();
    assertThat(document.get("findings")).hasSize(1);
    JsonNode finding = document.get("findings").get(0);
    assertThat(finding.get("expression").asText()).isEqualTo("mean");
    assertThat(finding.get("input").asText()).isNotEmpty();
    assertThat(result.errLines()).hasSize(1);
  }

  @Test
  void aReEncodingAggregateIsStaticallyUnsupported() throws IOException {
    Path program = Files.writeString(dir.resolve("re_encoding.rasp"),
        "same = select(tokens, tokens, ==);\nmean = numerical(aggregate(same, tokens, 0));\n");
    CliRun result = CliRun.of("check", program.toString(), "--vocab", "a,b", "--max-seq-len", "3");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(result.out()).contains("mean", "output encoding must match").contains("finding(s)");
    assertThat(result.errLines()).singleElement().asString().contains(program.toString());
  }

  @Test
  void inputOutsideTheVocabularyIsAnInputError() {
    CliRun result = CliRun.of("check", EXAMPLES.resolve("hist.rasp").toString(), "--vocab", "a,b,c",
        "--max-seq-len", "4", "--input", "a z");
    RunCommandTest.assertOneLineError(result, "z", "vocabulary");
  }

  /** Issue 10 §1: Tracr's histogram at length 12 counts 11 as 10; check runs the model and says so. */
  @Test
  void checkRunsTheCompiledModel() {
    String hist = EXAMPLES.resolve("hist.rasp").toString();
    CliRun tracr = CliRun.of("check", hist, "--compat", "tracr", "--vocab", "a,b", "--max-seq-len", "12",
        "--input", "a a a a a a a a a a a b");
    assertThat(tracr.exitCode()).as(tracr.toString()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(tracr.outLines().get(0)).startsWith("hist: the compiled model gives 10 ")
        .contains("where the interpreter gives 11 ", "position 0", "(input: a a a a a a a a a a a b)");
    CliRun exact = CliRun.of("check", hist, "--vocab", "a,b", "--max-seq-len", "12",
        "--input", "a a a a a a a a a a a b");
    assertThat(exact.exitCode()).as(exact.toString()).isZero();
    assertThat(exact.out()).contains("agrees with the interpreter on 1 input(s)");
  }

  @Test
  void exhaustiveFindsTheFirstDisagreement() {
    CliRun result = CliRun.of("check", EXAMPLES.resolve("hist.rasp").toString(), "--compat", "tracr",
        "--vocab", "a,b", "--max-seq-len", "10", "--exhaustive", "--json");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(CheckCommand.FINDINGS);
    assertThat(result.out()).contains("\"input\":\"a a a a a a a a a a\"");
  }

  @Test
  void capZeroAndCapWithoutExhaustiveAreUsageErrors() {
    String hist = EXAMPLES.resolve("hist.rasp").toString();
    RunCommandTest.assertOneLineError(CliRun.of("check", hist, "--vocab", "a,b", "--max-seq-len", "3",
        "--exhaustive", "--cap", "0"), "--cap", "at least 1");
    RunCommandTest.assertOneLineError(CliRun.of("check", hist, "--vocab", "a,b", "--max-seq-len", "3",
        "--cap", "5"), "--cap", "--exhaustive");
  }

  @Test
  void aCappedRunSaysHowFarItGot() {
    CliRun result = CliRun.of("check", EXAMPLES.resolve("hist.rasp").toString(), "--vocab", "a,b",
        "--max-seq-len", "3", "--exhaustive", "--cap", "5");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("on 5 input(s)", "stopped after 5 of 14 inputs (--cap)");
  }
}
