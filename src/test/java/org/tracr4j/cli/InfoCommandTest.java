package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.cli.RunCommandTest.EXAMPLES;
import static org.tracr4j.cli.RunCommandTest.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j info} for a program and for its saved model directory. */
class InfoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = List.of("layers", "heads", "d_model", "d_head", "d_mlp", "params",
      "residual", "expressions");
  private static final String[] SORT_FREQ = {EXAMPLES.resolve("sort_freq.rasp").toString(), "--vocab", "1,2,3,4",
      "--max-seq-len", "5"};

  @TempDir Path dir;

  private static CliRun info(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "info";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void jsonHasTheShapeResidualAndExpressionLayers() throws IOException {
    CliRun result = info(with(SORT_FREQ, "--json"));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode info = JSON.readTree(result.out());
    for (String key : KEYS) {
      assertThat(info.has(key)).as(key).isTrue();
    }
    assertThat(info.get("residual")).hasSize(info.get("d_model").asInt());
    assertThat(info.get("layers").asInt()).isPositive();
    assertThat(info.get("params").asLong()).isPositive();
    // Every computed expression sits in a layer of the model, computed by a head or neurons of that layer.
    assertThat(info.get("expressions").isArray()).isTrue();
    int layers = info.get("layers").asInt();
    int computed = 0;
    for (JsonNode expression : info.get("expressions")) {
      int layer = expression.get("layer").asInt();
      assertThat(layer).as(expression.toString()).isBetween(-1, layers - 1);
      assertThat(expression.get("computed_by").isEmpty()).as(expression.toString()).isEqualTo(layer < 0);
      for (JsonNode component : expression.get("computed_by")) {
        assertThat(component.get("layer").asInt()).isEqualTo(layer);
        // Keys in one order on every run ("layer" first), so the same model prints the same bytes.
        assertThat(component.fieldNames().next()).isEqualTo("layer");
        computed++;
      }
    }
    assertThat(computed).isPositive();
  }

  @Test
  void plainOutputListsTheSameNumbers() throws IOException {
    JsonNode json = JSON.readTree(info(with(SORT_FREQ, "--json")).out());
    CliRun plain = info(SORT_FREQ);
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    for (String key : List.of("layers", "heads", "d_model", "d_head", "d_mlp", "params")) {
      assertThat(plain.outLines()).contains(key + ": " + json.get(key).asText());
    }
    assertThat(plain.out()).contains("residual: ").contains("expressions:");
    for (JsonNode expression : json.get("expressions")) {
      assertThat(plain.out()).contains("  " + expression.get("label").asText() + " ");
    }
  }

  @Test
  void savedModelHasTheSameInfoAsTheProgram() throws IOException {
    Path modelDir = dir.resolve("model");
    CliRun compiled = CliRun.of(with(with(new String[] {"compile"}, SORT_FREQ), "-o", modelDir.toString()));
    assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
    JsonNode fromProgram = JSON.readTree(info(with(SORT_FREQ, "--json")).out());
    CliRun saved = info("--model", modelDir.toString(), "--json");
    assertThat(saved.exitCode()).as(saved.toString()).isZero();
    assertThat(JSON.readTree(saved.out())).isEqualTo(fromProgram);
  }

  @Test
  void circuitJsonIsTheConfigJsonCircuitWithResidualLabels() throws IOException {
    Path modelDir = dir.resolve("model");
    CliRun compiled = CliRun.of(with(with(new String[] {"compile"}, SORT_FREQ), "-o", modelDir.toString()));
    assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
    CliRun circuit = info("--model", modelDir.toString(), "--circuit", "--json");
    assertThat(circuit.exitCode()).as(circuit.toString()).isZero();
    JsonNode json = JSON.readTree(circuit.out());
    JsonNode config = JSON.readTree(modelDir.resolve("config.json").toFile()).get("tracr4j");
    assertThat(json).isEqualTo(config.get("circuit"));
    List<String> labels = JSON.convertValue(config.get("residual_labels"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    int nodes = json.get("nodes").size();
    assertThat(nodes).isPositive();
    for (JsonNode node : json.get("nodes")) {
      String component = node.get("component").asText();
      assertThat(component).isIn("attn", "mlp");
      assertThat(node.has(component.equals("attn") ? "heads" : "neurons")).as(node.toString()).isTrue();
      assertThat(node.get("hook").asText()).isEqualTo("blocks." + node.get("layer").asInt() + "."
          + (component.equals("attn") ? "attn.hook_z" : "mlp.hook_post"));
      node.get("reads").forEach(label -> assertThat(labels).contains(label.asText()));
      node.get("writes").forEach(label -> assertThat(labels).contains(label.asText()));
    }
    for (JsonNode edge : json.get("edges")) {
      assertThat(edge.get("from").asInt()).isBetween(0, nodes - 1);
      assertThat(edge.get("to").asInt()).isBetween(0, nodes - 1);
    }
    CliRun plain = info("--model", modelDir.toString(), "--circuit");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.outLines().get(0)).isEqualTo("circuit: " + nodes + " nodes, " + json.get("edges").size()
        + " edges");
  }

  @Test
  void circuitOfAVersion1DirectoryIsAnError() {
    Path v1 = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/export/format-v1/reverse");
    assertOneLineError(info("--model", v1.toString(), "--circuit"), "no provenance", "recompile");
  }

  @Test
  void corruptModelDirectoryIsOneLineNamingTheFile() throws IOException {
    Path modelDir = dir.resolve("model");
    CliRun.of(with(with(new String[] {"compile"}, SORT_FREQ), "-o", modelDir.toString()));
    Path weights = modelDir.resolve("model.safetensors");
    Files.write(weights, Files.readAllBytes(weights), StandardOpenOption.APPEND);
    assertOneLineError(info("--model", modelDir.toString()), "corrupt model", weights.toString());
  }
}
