package org.tracr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.export.Safetensors;
import org.tracr4j.export.Tensor;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.CliRun;
import org.tracr4j.testing.NumpyScript;

/**
 * A small dataset, built twice (one thread, two threads): the same bytes; its index, shards and description
 * as docs/dataset.md says; every program rebuilt from its tokens alone compiles to the weights stored for
 * it; and the Python reader iterates it and runs each model as Java does.
 */
class DatasetBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROGRAMS = 24;

  @TempDir static Path dir;
  static Path one;
  static DatasetBuilder.Summary summary;

  @BeforeAll
  static void build() throws IOException {
    DatasetOptions options = new DatasetOptions(PROGRAMS, 7, 1, 10, 5, 5, 5, 0.25, Set.of(), 8);
    one = dir.resolve("one");
    summary = DatasetBuilder.build(options, one, null);
  }

  @Test
  void sameBytesWhateverTheThreads() throws IOException {
    Path two = dir.resolve("two");
    DatasetBuilder.build(new DatasetOptions(PROGRAMS, 7, 2, 10, 5, 5, 5, 0.25, Set.of(), 8), two, null);
    List<String> files = names(one);
    assertThat(files).containsExactly("dataset.json", "index.jsonl", "shard-00000.safetensors",
        "shard-00001.safetensors", "shard-00002.safetensors");
    assertThat(names(two)).isEqualTo(files);
    for (String file : files) {
      assertThat(Files.readAllBytes(two.resolve(file))).as(file).isEqualTo(Files.readAllBytes(one.resolve(file)));
    }
  }

  @Test
  void indexHoldsDistinctProgramsInDisjointSplits() throws IOException {
    List<JsonNode> lines = index(one);
    assertThat(lines).hasSize(PROGRAMS);
    Set<String> sources = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      assertThat(line.get("id").asText()).isEqualTo(String.format("p%06d", i));
      assertThat(line.get("prefix").asText()).isEqualTo(String.format("p%06d/", i));
      assertThat(line.get("shard").asText()).isEqualTo(String.format("shard-%05d.safetensors", i / 10));
      assertThat(sources.add(line.get("source").asText())).as("distinct up to renaming").isTrue();
      assertThat(line.get("split").asText())
          .isEqualTo(DatasetBuilder.split(line.get("source").asText())).isIn("train", "val", "test");
      assertThat(line.get("config").get("n_layers").asInt()).isPositive();
      assertThat(line.get("tokens").get(0).asText()).isEqualTo(ProgramTokens.BOS);
    }
    JsonNode description = JSON.readTree(one.resolve("dataset.json").toFile());
    assertThat(description.get("seed").asLong()).isEqualTo(7);
    assertThat(description.get("counts").get("programs").asInt()).isEqualTo(PROGRAMS);
    assertThat(description.get("counts").get("train").asInt() + description.get("counts").get("val").asInt()
        + description.get("counts").get("test").asInt()).isEqualTo(PROGRAMS);
    assertThat(description.get("split_rule").asText()).isEqualTo(DatasetBuilder.SPLIT_RULE);
    Set<String> vocabulary = new HashSet<>();
    description.get("token_vocabulary").forEach(t -> vocabulary.add(t.asText()));
    for (JsonNode line : lines) {
      line.get("tokens").forEach(t -> assertThat(vocabulary).contains(t.asText()));
    }
  }

  @Test
  void programsRebuiltFromTokensCompileToTheStoredWeights() throws IOException {
    Map<String, Tensor> shard = null;
    String shardName = null;
    for (JsonNode line : index(one)) {
      List<String> tokens = new ArrayList<>();
      line.get("tokens").forEach(t -> tokens.add(t.asText()));
      String source = ProgramTokens.source(tokens);
      assertThat(source).isEqualTo(line.get("source").asText());
      JsonNode meta = line.get("config").get("tracr4j");
      List<Value> vocab = new ArrayList<>();
      for (long v = 0; v < 5; v++) {
        vocab.add(Value.of(v));
      }
      Model model = Compiler.compile(RaspLanguage.parse(source, "tokens").output(),
          CompileOptions.of(vocab, meta.get("max_seq_len").asInt()).withCausal(meta.get("causal").asBoolean()))
          .model();
      if (!line.get("shard").asText().equals(shardName)) {
        shardName = line.get("shard").asText();
        shard = Safetensors.read(one.resolve(shardName)).tensors();
      }
      String prefix = line.get("prefix").asText();
      for (Map.Entry<String, Tensor> tensor : ModelDirectory.tensors(model, DataType.F32).entrySet()) {
        Tensor stored = shard.get(prefix + tensor.getKey());
        assertThat(stored).as(prefix + tensor.getKey()).isNotNull();
        assertThat(stored.shape()).isEqualTo(tensor.getValue().shape());
        assertThat(stored.data()).as(source).containsExactly(toFloat(tensor.getValue().data()));
      }
    }
  }

  @Test
  void pythonReaderIteratesAndRunsEveryModel() throws Exception {
    String missing = NumpyScript.unavailableReason();
    assumeTrue(missing == null, "python3 with numpy is not available: " + missing);
    Path script = NumpyScript.SCRIPT.resolveSibling("tracr4j_dataset.py");
    Process process = new ProcessBuilder("python3", script.toString(), one.toString(), "0 1 2")
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    List<String> results = out.lines().toList();
    List<JsonNode> lines = index(one);
    assertThat(results).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode result = JSON.readTree(results.get(i));
      JsonNode line = lines.get(i);
      assertThat(result.get("tokens").asInt()).isEqualTo(line.get("tokens").size());
      Path modelDir = dir.resolve("model-" + i);
      writeModelDirectory(line, modelDir);
      List<Object> expected = ModelDirectory.read(modelDir).run(List.of("0", "1", "2"));
      List<Object> actual = JSON.convertValue(result.get("output"),
          new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {});
      assertThat(actual).hasSize(expected.size());
      for (int p = 0; p < expected.size(); p++) {
        Object want = expected.get(p);
        Object got = actual.get(p);
        if (want instanceof Number w && got instanceof Number g) {
          assertThat(g.doubleValue()).isCloseTo(w.doubleValue(), org.assertj.core.data.Offset.offset(1e-4));
        } else {
          assertThat(String.valueOf(got)).isEqualTo(String.valueOf(want));
        }
      }
    }
  }

  @Test
  void commandWritesADatasetAndSummarises() {
    Path out = dir.resolve("cli");
    CliRun run = CliRun.of("dataset", "--programs", "12", "--seed", "3", "-o", out.toString(), "--threads", "2",
        "--shard-size", "5", "--size", "4");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("wrote 12 programs").contains("duplicates up to renaming");
    assertThat(run.err()).contains("12/12 programs");
    assertThat(out.resolve("shard-00002.safetensors")).exists();
    assertThat(CliRun.of("dataset", "--programs", "0", "-o", out.toString()).exitCode()).isEqualTo(64);
  }

  /** One program of the dataset as a model directory: its config object and its tensors, prefix removed. */
  static void writeModelDirectory(JsonNode line, Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    Map<String, Tensor> shard = Safetensors.read(one.resolve(line.get("shard").asText())).tensors();
    String prefix = line.get("prefix").asText();
    Map<String, Tensor> own = new java.util.LinkedHashMap<>();
    shard.forEach((name, tensor) -> {
      if (name.startsWith(prefix)) {
        own.put(name.substring(prefix.length()), tensor);
      }
    });
    Safetensors.write(modelDir.resolve(ModelDirectory.WEIGHTS_FILE), own, Map.of("format", "pt"));
    Files.writeString(modelDir.resolve(ModelDirectory.CONFIG_FILE), JSON.writeValueAsString(line.get("config")));
  }

  private static double[] toFloat(double[] data) {
    double[] out = new double[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (float) data[i];
    }
    return out;
  }

  private static List<JsonNode> index(Path dataset) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dataset.resolve("index.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
