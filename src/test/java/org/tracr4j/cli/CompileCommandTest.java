package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.cli.RunCommandTest.EXAMPLES;
import static org.tracr4j.cli.RunCommandTest.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.export.DataType;
import org.tracr4j.export.Safetensors;
import org.tracr4j.export.Tensor;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j compile}: the summary line, the model directory it writes, and its errors. */
class CompileCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROGRAM = EXAMPLES.resolve("reverse.rasp").toString();

  @TempDir Path dir;

  private static CliRun compile(String... more) {
    List<String> args = new ArrayList<>(List.of("compile", PROGRAM, "--vocab", "a,b,c,d", "--max-seq-len", "5"));
    args.addAll(List.of(more));
    return CliRun.of(args);
  }

  @Test
  void withoutOutputPrintsTheShapeAndWritesNothing() throws IOException {
    CliRun result = compile();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).singleElement().asString()
        .startsWith("compiled reverse.rasp: ").contains("layers", "heads", "d_model", "params").doesNotContain("->");
    assertThat(result.err()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void outputDirectoryHoldsFloat32WeightsUnderTransformerLensNamesAndTheConfig() throws IOException {
    Path out = dir.resolve("reverse");
    CliRun result = compile("-o", out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("-> " + out);
    assertThat(out.resolve("model.safetensors")).isRegularFile();
    assertThat(out.resolve("config.json")).isRegularFile();
    assertThat(out.resolve("model.onnx")).doesNotExist();

    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    for (String key : List.of("n_layers", "d_model", "d_head", "n_heads", "d_mlp", "d_vocab", "d_vocab_out",
        "n_ctx", "act_fn", "normalization_type", "attention_dir", "tracr4j")) {
      assertThat(config.has(key)).as(key).isTrue();
    }
    assertThat(config.get("attention_dir").asText()).isEqualTo("bidirectional");
    assertThat(config.get("n_ctx").asInt()).isEqualTo(6);
    JsonNode meta = config.get("tracr4j");
    assertThat(meta.get("input_vocab").has("a")).isTrue();
    assertThat(meta.get("input_vocab").has(meta.get("bos").asText())).isTrue();
    assertThat(meta.get("output_encoding").asText()).isEqualTo("categorical");
    assertThat(meta.get("source").asText()).isEqualTo(Files.readString(Path.of(PROGRAM)));
    assertThat(meta.get("max_seq_len").asInt()).isEqualTo(5);

    Map<String, Tensor> tensors = Safetensors.read(out.resolve("model.safetensors")).tensors();
    int layers = config.get("n_layers").asInt();
    assertThat(tensors).containsKeys("embed.W_E", "pos_embed.W_pos", "unembed.W_U", "blocks.0.attn.W_Q",
        "blocks.0.attn.W_O", "blocks.0.mlp.W_in", "blocks." + (layers - 1) + ".mlp.W_out");
    assertThat(tensors.values()).allSatisfy(t -> assertThat(t.type()).isEqualTo(DataType.F32));
    assertThat(tensors.get("unembed.W_U").shape())
        .containsExactly(config.get("d_model").asInt(), config.get("d_vocab_out").asInt());
  }

  @Test
  void float64AndOnnxAndCausal() throws IOException {
    Path f32 = dir.resolve("f32");
    Path f64 = dir.resolve("f64");
    assertThat(compile("-o", f32.toString()).exitCode()).isZero();
    CliRun result = compile("-o", f64.toString(), "--dtype", "float64", "--onnx", "--causal");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(f64.resolve("model.onnx")).isRegularFile();
    assertThat(Safetensors.read(f64.resolve("model.safetensors")).tensors().values())
        .allSatisfy(t -> assertThat(t.type()).isEqualTo(DataType.F64));
    // Same tensors at twice the width: the data roughly doubles, the JSON header stays.
    assertThat(Files.size(f64.resolve("model.safetensors")))
        .isGreaterThan(Files.size(f32.resolve("model.safetensors")) * 3 / 2);
    assertThat(JSON.readTree(f64.resolve("config.json").toFile()).get("attention_dir").asText())
        .isEqualTo("causal");
  }

  @Test
  void usageErrors() {
    CliRun onnxAlone = compile("--onnx");
    assertOneLineError(onnxAlone, "--onnx needs -o DIR");
    assertThat(onnxAlone.exitCode()).isEqualTo(CliException.USAGE);
    assertOneLineError(compile("--dtype", "float16", "-o", dir.resolve("x").toString()), "float16");
    CliRun noVocab = CliRun.of("compile", PROGRAM, "--max-seq-len", "5");
    assertOneLineError(noVocab, "--vocab");
    assertThat(noVocab.exitCode()).isEqualTo(CliException.USAGE);
  }

  @Test
  void outputOntoAFileIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "not a directory");
    CliRun result = compile("-o", file.toString());
    assertOneLineError(result, file.toString(), "not a directory");
    assertThat(result.exitCode()).isEqualTo(CompileCommand.CANNOT_CREATE);
  }

  @Test
  void missingProgramAndUnsupportedProgram() throws IOException {
    Path missing = dir.resolve("missing.rasp");
    assertOneLineError(CliRun.of("compile", missing.toString(), "--vocab", "a", "--max-seq-len", "2"),
        missing.toString(), "no such file");

    Path bad = Files.writeString(dir.resolve("bad.rasp"), "s = select(tokens, tokens, ==);\n"
        + "m = numerical(aggregate(s, tokens, 0));\n");
    CliRun result = CliRun.of("compile", bad.toString(), "--vocab", "a", "--max-seq-len", "2");
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.err()).contains("unsupported", "output encoding must match")
        .doesNotContain("\tat ");
  }
}
