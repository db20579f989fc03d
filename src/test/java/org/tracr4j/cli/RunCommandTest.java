package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j run}, in process: from source and from a model directory, plain, JSON, traced; errors. */
class RunCommandTest {
  static final Path EXAMPLES = Path.of(System.getProperty("basedir", "."), "examples");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SORT = {EXAMPLES.resolve("sort.rasp").toString(), "--vocab", "1,2,3,4",
      "--max-seq-len", "5"};

  @TempDir Path dir;

  private static CliRun run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  private static String[] sort(String... more) {
    String[] all = new String[SORT.length + more.length];
    System.arraycopy(SORT, 0, all, 0, SORT.length);
    System.arraycopy(more, 0, all, SORT.length, more.length);
    return all;
  }

  private Path compileSort() {
    Path modelDir = dir.resolve("sort");
    List<String> args = new ArrayList<>(List.of("compile"));
    args.addAll(List.of(SORT));
    args.addAll(List.of("-o", modelDir.toString()));
    CliRun compiled = CliRun.of(args);
    assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
    return modelDir;
  }

  /** Asserts a failure: non-zero exit, nothing on stdout, one stderr line mentioning {@code words}, no trace. */
  static void assertOneLineError(CliRun result, String... words) {
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.errLines()).as(result.toString()).hasSize(1);
    assertThat(result.err()).contains(words).doesNotContain("\tat ", "Exception");
    assertThat(result.out()).isEmpty();
  }

  /**
   * Issue 10 §1: an input on which the interpreter fails gets no answer. A select comparing a none key
   * (position 0 of a shift) fails in RASP; the model reads none as a zero vector and would answer.
   */
  @Test
  void anInputOnWhichTheInterpreterFailsIsRefusedByRunAndRunModel() throws IOException {
    Path program = dir.resolve("none_key.rasp");
    Files.writeString(program, "prev = aggregate(select(indices, indices, (k, q) -> k == q - 1), tokens);\n"
        + "same = selector_width(select(prev, prev, ==));\n", StandardCharsets.UTF_8);
    CliRun direct = CliRun.of("run", program.toString(), "--vocab", "a,b", "--max-seq-len", "4", "--input", "a b a");
    assertOneLineError(direct, "input refused", "key is none", "none_key.rasp:2:");
    assertThat(direct.exitCode()).isEqualTo(70);
    Path modelDir = dir.resolve("none_key");
    assertThat(CliRun.of("compile", program.toString(), "--vocab", "a,b", "--max-seq-len", "4", "-o",
        modelDir.toString()).exitCode()).isZero();
    CliRun saved = CliRun.of("run", "--model", modelDir.toString(), "--input", "a b a");
    assertOneLineError(saved, "input refused", "key is none");
    assertThat(saved.exitCode()).isEqualTo(70);
  }

  @Test
  void plainOutputIsOneLinePerInput() {
    CliRun result = run(sort("--input", "2 4 1 2"));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("1 2 2 4" + System.lineSeparator());
    assertThat(result.err()).isEmpty();
  }

  @Test
  void jsonOutputHasTypedValuesAndNullForNone() throws IOException {
    CliRun result = run(EXAMPLES.resolve("shift_by.rasp").toString(), "--vocab", "a,b,c,d", "--max-seq-len", "5",
        "--input", "a b c d", "--json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode document = JSON.readTree(result.out());
    assertThat(document.get("input").toString()).isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
    assertThat(document.get("output").toString()).isEqualTo("[null,\"a\",\"b\",\"c\"]");

    CliRun numbers = run(sort("--input", "3 1", "--json"));
    assertThat(JSON.readTree(numbers.out()).get("output").toString()).isEqualTo("[1,3]");
  }

  @Test
  void inputsFileRunsEveryLineSkippingBlankAndCommentLines() throws IOException {
    Path inputs = dir.resolve("inputs.txt");
    Files.writeString(inputs, "# sorted\n2 4 1 2\n\n3 1\n4\n", StandardCharsets.UTF_8);
    CliRun result = run(sort("--inputs", inputs.toString()));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).containsExactly("1 2 2 4", "1 3", "4");

    CliRun json = run(sort("--inputs", inputs.toString(), "--json"));
    assertThat(json.outLines()).hasSize(3);
    assertThat(JSON.readTree(json.outLines().get(1)).get("output").toString()).isEqualTo("[1,3]");
  }

  @Test
  void savedModelAnswersAsTheFreshlyCompiledOne() {
    Path modelDir = compileSort();
    for (String input : List.of("2 4 1 2", "4 3 2 1 1", "1", "3 3")) {
      CliRun fresh = run(sort("--input", input, "--json"));
      CliRun saved = run("--model", modelDir.toString(), "--input", input, "--json");
      assertThat(saved.exitCode()).as(saved.toString()).isZero();
      assertThat(saved.out()).isEqualTo(fresh.out());
    }
  }

  @Test
  void traceHasLabelsOneEntryPerSubLayerAndAttentionRowsSummingToOne() throws IOException {
    CliRun result = run(sort("--input", "2 4 1", "--json", "--trace"));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode trace = JSON.readTree(result.out());
    CliRun info = CliRun.of("info", SORT[0], SORT[1], SORT[2], SORT[3], SORT[4], "--json");
    JsonNode shape = JSON.readTree(info.out());
    int dModel = shape.get("d_model").asInt();
    int layers = shape.get("layers").asInt();
    int positions = 4; // BOS and three tokens

    assertThat(trace.get("input").toString()).isEqualTo("[2,4,1]");
    assertThat(trace.get("output").toString()).isEqualTo("[1,2,4]");
    assertThat(trace.get("residual_labels")).hasSize(dModel);
    assertThat(trace.get("residual_labels").toString()).contains("\"tokens:1\"", "\"one\"");
    assertThat(trace.get("layers")).hasSize(2 * layers);
    for (int sub = 0; sub < 2 * layers; sub++) {
      JsonNode layer = trace.get("layers").get(sub);
      assertThat(layer.get("name").asText()).isEqualTo((sub % 2 == 0 ? "attn " : "mlp ") + sub / 2);
      assertThat(layer.get("residual")).hasSize(positions);
      assertThat(layer.get("residual").get(0)).hasSize(dModel);
      assertThat(layer.has("attention")).isEqualTo(sub % 2 == 0);
      if (sub % 2 == 0) {
        assertThat(layer.get("attention")).hasSize(shape.get("heads").asInt());
        for (JsonNode head : layer.get("attention")) {
          assertThat(head).hasSize(positions);
          for (JsonNode row : head) {
            assertThat(row).hasSize(positions);
            double sum = 0;
            for (JsonNode weight : row) {
              assertThat(weight.asDouble()).isBetween(0.0, 1.0);
              sum += weight.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
          }
        }
      }
    }
  }

  @Test
  void textTraceShowsWhatEachSubLayerWritesAndWhichKeysEachHeadSelects() {
    CliRun result = run(EXAMPLES.resolve("frac_prevs.rasp").toString(), "--vocab", "h,e,l,o", "--max-seq-len", "5",
        "--input", "h e l l o", "--trace");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines().get(0)).startsWith("input: h e l l o  ->  output: ").endsWith(" 0.3333333333333333 0.5 0.4");
    assertThat(result.outLines()).contains(
        "embedding (token + position):",
        "    0 BOS: one tokens:compiler_bos",
        "    3 l: indices:2 one tokens:l",
        "layer 0 attn: unused (all 1 head slots)",
        "layer 0 mlp: bools (map) neurons [0, 1), writes:",
        "    3 l: bools",
        "layer 1 attn:",
        "  head 0: frac_prevs (aggregate), selected keys:",
        "    0 BOS <- BOS",
        "    3 l <- 1 2 3 (0.3333 each)",
        "    3 l: frac_prevs=0.3333",
        "layer 1 mlp: unused");
  }

  @Test
  void jsonTraceLabelsEveryLayerAndHeadSlot() throws IOException {
    CliRun result = run(EXAMPLES.resolve("pair_balance.rasp").toString(), "--vocab", "a,b,c,(,)", "--max-seq-len",
        "10", "--input", "( a )", "--trace", "--json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode layers = JSON.readTree(result.out()).get("layers");
    assertThat(layers.get(0).get("heads").toString())
        .isEqualTo("[{\"head\":0,\"unused\":true}]");
    assertThat(layers.get(1).get("expressions").toString()).contains("frac_prevs@10:9.map");
    assertThat(layers.get(2).get("heads").toString())
        .isEqualTo("[{\"head\":0,\"expression\":\"opens\",\"expressions\":[\"opens\",\"closes\"]}]");
    assertThat(layers.get(3).get("expressions").toString()).isEqualTo("[\"pair_balance\"]");
  }

  @Test
  void traceOfASavedModelMatchesTheFreshTrace() throws IOException {
    Path modelDir = compileSort();
    JsonNode fresh = JSON.readTree(run(sort("--input", "3 1", "--json", "--trace")).out());
    JsonNode saved = JSON.readTree(run("--model", modelDir.toString(), "--input", "3 1", "--json", "--trace").out());
    assertThat(saved.get("residual_labels")).isEqualTo(fresh.get("residual_labels"));
    assertThat(saved.get("output")).isEqualTo(fresh.get("output"));
    assertThat(saved.get("layers")).hasSameSizeAs(fresh.get("layers"));
  }

  @Test
  void tokenOutsideTheVocabularyIsAnInputError() {
    assertOneLineError(run(sort("--input", "1 9")), "unknown token '9' at position 1");
    assertOneLineError(run("--model", compileSort().toString(), "--input", "1 z"), "unknown token 'z'");
  }

  @Test
  void inputLongerThanTheMaximumIsAnInputError() {
    assertOneLineError(run(sort("--input", "1 2 3 4 1 2")), "6 tokens", "5");
  }

  @Test
  void missingProgramFileIsNamed() {
    Path missing = dir.resolve("missing.rasp");
    CliRun result = run(missing.toString(), "--vocab", "a", "--max-seq-len", "2", "--input", "a");
    assertOneLineError(result, missing.toString(), "no such file");
    assertThat(result.exitCode()).isEqualTo(CliException.NO_INPUT);
  }

  @Test
  void missingModelDirectoryIsNamed() {
    Path missing = dir.resolve("no-model");
    assertOneLineError(run("--model", missing.toString(), "--input", "1"), missing.toString(), "no such directory");
  }

  @Test
  void truncatedWeightsFileIsACorruptModelNamingTheFile() throws IOException {
    Path modelDir = compileSort();
    Path weights = modelDir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 100, 4, 0}) {
      Files.write(weights, Arrays.copyOf(bytes, keep));
      CliRun result = run("--model", modelDir.toString(), "--input", "2 1");
      assertOneLineError(result, "corrupt model", weights.toString());
      assertThat(result.exitCode()).as("truncated to " + keep + " bytes").isEqualTo(74);
    }
  }

  @Test
  void brokenOrMismatchedConfigIsACorruptModelNamingTheFile() throws IOException {
    Path modelDir = compileSort();
    Path config = modelDir.resolve("config.json");
    String text = Files.readString(config);
    Files.writeString(config, text.substring(0, text.length() / 2));
    assertOneLineError(run("--model", modelDir.toString(), "--input", "2 1"), config.toString(), "not valid JSON");

    // A config whose d_model disagrees with the weights: the shapes no longer match.
    JsonNode node = JSON.readTree(text);
    ((ObjectNode) node).put("d_model", node.get("d_model").asInt() + 1);
    Files.writeString(config, JSON.writeValueAsString(node));
    CliRun result = run("--model", modelDir.toString(), "--input", "2 1");
    assertOneLineError(result, "corrupt model");
    assertThat(result.err()).containsAnyOf(config.toString(), modelDir.resolve("model.safetensors").toString());
  }

  @Test
  void modelAndProgramTogetherIsAUsageError() {
    CliRun result = run(SORT[0], "--model", dir.toString(), "--input", "1");
    assertOneLineError(result, "either PROGRAM.rasp");
    assertThat(result.exitCode()).isEqualTo(CliException.USAGE);
  }
}
