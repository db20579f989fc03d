package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.cli.RunCommandTest.EXAMPLES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j compress}: the summary, the directory it writes, determinism and usage errors. */
class CompressCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROGRAM = EXAMPLES.resolve("frac_prevs.rasp").toString();

  @TempDir Path dir;

  private static CliRun compress(String... more) {
    List<String> args = new ArrayList<>(List.of("compress", PROGRAM, "--vocab", "h,e,l,o", "--max-seq-len", "4",
        "--steps", "30", "--batch", "16", "--eval-inputs", "100"));
    args.addAll(List.of(more));
    return CliRun.of(args);
  }

  @Test
  void writesACompressedModelDirectoryThatRunLoads() throws Exception {
    Path out = dir.resolve("c");
    CliRun result = compress("--dim", "6", "-o", out.toString(), "--onnx");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).singleElement().asString()
        .startsWith("compressed D 13 -> d 6 (seed 0, 30 of 30 steps").contains("accuracy", "layer cosines", "-> " + out);
    assertThat(result.err()).contains("step 30/30", "loss", "batch accuracy");
    for (String file : List.of("model.safetensors", "config.json", "model.onnx", "compression.safetensors")) {
      assertThat(out.resolve(file)).isRegularFile();
    }
    JsonNode config = JSON.readTree(Files.readString(out.resolve("config.json")));
    assertThat(config.get("d_model").asInt()).isEqualTo(6);
    JsonNode meta = config.path("tracr4j").path("metadata");
    assertThat(meta.path("compression.steps_trained").asText()).isEqualTo("30");
    assertThat(meta.path("compressed").asText()).isEqualTo("true");
    assertThat(meta.path("compression.original_d_model").asText()).isEqualTo("13");
    CliRun run = CliRun.of("run", "--model", out.toString(), "--input", "h e l l");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.outLines()).hasSize(1);
    assertThat(run.outLines().get(0).split(" ")).hasSize(4);
  }

  /** A sweep's progress bar counts runs and labels the accuracy as the finished run's, not a batch's. */
  @Test
  void aSweepsProgressBarCountsRunsAndNamesTheFinishedRun() {
    CliRun result = compress("--sweep", "7:8", "--seeds", "1", "-o", dir.resolve("s").toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains("run 2/2", "last finished: d ", "accuracy").doesNotContain("batch accuracy");
  }

  /** At d = 8 the used features fit: the start is exact and no step is taken. */
  @Test
  void anExactStartStopsBeforeTheFirstStep() {
    CliRun result = compress("--dim", "8");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).singleElement().asString()
        .startsWith("compressed D 13 -> d 8 (seed 0, 0 of 30 steps").contains("accuracy 100.00%");
  }

  @Test
  void jsonSummaryIsDeterministicForASeed() throws Exception {
    JsonNode first = JSON.readTree(compress("--dim", "6", "--seed", "3", "--json").out());
    JsonNode second = JSON.readTree(compress("--dim", "6", "--seed", "3", "--json").out());
    assertThat(first.get("d_model").asInt()).isEqualTo(6);
    assertThat(first.get("layer_cosines")).hasSize(4);
    for (String key : List.of("accuracy", "token_accuracy", "output_loss", "layer_loss", "layer_cosines")) {
      assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
    }
  }

  @Test
  void usageErrorsAreOneLine() {
    for (String[] args : List.of(new String[] {}, new String[] {"--dim", "99"}, new String[] {"--dim", "0"},
        new String[] {"--dim", "4", "--inputs", "sorted"}, new String[] {"--dim", "4", "--onnx"},
        new String[] {"--dim", "4", "--lr", "-1"})) {
      CliRun result = compress(args);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(CliException.USAGE);
      assertThat(result.errLines()).as(result.toString()).singleElement();
    }
  }
}
