package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.testing.CliRun;
import org.tracr4j.testing.NumpyScript;

/**
 * Issue 10 §3: {@code run --model DIR} decodes a numerical output to the output's value set, which
 * config.json records (optional {@code tracr4j.output_value_set}), so it prints what {@code run P.rasp}
 * prints; a directory without the key (older ones) prints the raw numbers.
 */
class RunModelDecodingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FRAC_PREVS = Path.of(System.getProperty("basedir", "."), "examples",
      "frac_prevs.rasp").toString();
  @TempDir Path dir;

  @Test
  void runModelPrintsWhatRunPrints() throws IOException {
    String[] compile = {"--vocab", "h,e,l,o", "--max-seq-len", "5"};
    CliRun fromSource = CliRun.of("run", FRAC_PREVS, compile[0], compile[1], compile[2], compile[3], "--input",
        "h e l l o");
    assertThat(fromSource.out()).isEqualTo("0 0 0.3333333333333333 0.5 0.4\n");
    Path model = dir.resolve("fp");
    assertThat(CliRun.of("compile", FRAC_PREVS, compile[0], compile[1], compile[2], compile[3], "-o",
        model.toString()).exitCode()).isZero();
    JsonNode valueSet = JSON.readTree(model.resolve("config.json").toFile()).at("/tracr4j/output_value_set");
    assertThat(valueSet.isArray()).isTrue();
    assertThat(valueSet.toString()).contains("0.0", "0.3333333333333333", "0.4", "1.0");
    CliRun fromDirectory = CliRun.of("run", "--model", model.toString(), "--input", "h e l l o");
    assertThat(fromDirectory.out()).isEqualTo(fromSource.out());
    CliRun json = CliRun.of("run", "--model", model.toString(), "--input", "h e l l o", "--json");
    assertThat(JSON.readTree(json.out()).get("output").toString()).isEqualTo("[0.0,0.0,0.3333333333333333,0.5,0.4]");
    assertThat(JSON.readTree(json.out()).get("raw_output").toString()).isNotEqualTo(
        JSON.readTree(json.out()).get("output").toString());

    // A directory written before the key existed: still loads, and prints the model's raw numbers.
    Path config = model.resolve("config.json");
    ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
    ((ObjectNode) root.get("tracr4j")).remove("output_value_set");
    JSON.writeValue(config.toFile(), root);
    CliRun older = CliRun.of("run", "--model", model.toString(), "--input", "h e l l o");
    assertThat(older.exitCode()).isZero();
    assertThat(older.out()).isNotEqualTo(fromSource.out()).endsWith("0.5 0.4\n");
  }

  @Test
  void aValueSetOnACategoricalOutputIsACorruptModel() throws IOException {
    Path model = dir.resolve("rev");
    Path reverse = Path.of(System.getProperty("basedir", "."), "examples", "reverse.rasp");
    CliRun.of("compile", reverse.toString(), "--vocab", "a,b", "--max-seq-len", "3", "-o", model.toString());
    Path config = model.resolve("config.json");
    ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
    ((ObjectNode) root.get("tracr4j")).putArray("output_value_set").add(1.0);
    JSON.writeValue(config.toFile(), root);
    CliRun run = CliRun.of("run", "--model", model.toString(), "--input", "a b");
    assertThat(run.exitCode()).isEqualTo(74);
    assertThat(run.err()).contains("tracr4j.output_value_set must be an array of finite numbers, of a numerical output");
  }

  @Test
  void theNumpyScriptDecodesAlike() throws IOException {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    Path model = dir.resolve("fp");
    CliRun.of("compile", FRAC_PREVS, "--vocab", "h,e,l,o", "--max-seq-len", "5", "-o", model.toString());
    assertThat(NumpyScript.run(model, List.of(List.of("h", "e", "l", "l", "o"))).toString())
        .isEqualTo("[[0.0, 0.0, 0.3333333333333333, 0.5, 0.4]]");
  }
}
