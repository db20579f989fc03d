package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.TestModels;
import org.tracr4j.model.Weights;

class ModelDirectoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static List<List<String>> inputs(int vocab, int maxSeqLen, long seed) {
    Random random = new Random(seed);
    List<List<String>> inputs = new ArrayList<>();
    for (int length = 0; length <= maxSeqLen; length++) {
      for (int repeat = 0; repeat < 5; repeat++) {
        inputs.add(TestModels.randomInput(random, vocab, length));
      }
    }
    return inputs;
  }

  @Test
  void float64RoundTripIsBitExact() throws IOException {
    Model model = TestModels.random(1, 2, 2, 8, 4, 6, 5, 6, 5, true);
    ModelDirectory.write(model, dir, DataType.F64);
    Model read = ModelDirectory.read(dir);
    assertThat(read.config()).isEqualTo(model.config());
    assertThat(read.vocabulary()).isEqualTo(model.vocabulary());
    assertThat(read.output()).isEqualTo(model.output());
    assertThat(read.output().values()).containsExactly("v0", 1L, 2.5, true, "v4", 5L);
    assertThat(read.residualLabels()).isEqualTo(model.residualLabels());
    assertThat(read.metadata()).isEqualTo(model.metadata());
    Map<String, Tensor> expected = ModelDirectory.tensors(model, DataType.F64);
    Map<String, Tensor> actual = ModelDirectory.tensors(read, DataType.F64);
    for (String name : expected.keySet()) {
      assertThat(actual.get(name).data()).as(name).isEqualTo(expected.get(name).data());
    }
    List<List<String>> inputs = inputs(5, 5, 3);
    assertThat(read.runBatch(inputs)).isEqualTo(model.runBatch(inputs));
  }

  @Test
  void float32RoundTripDecodesToTheSameAnswers() throws IOException {
    for (OutputEncoding encoding : OutputEncoding.values()) {
      Model model = TestModels.fraction(false, encoding);
      ModelDirectory.write(model, dir, DataType.F32);
      Model read = ModelDirectory.read(dir);
      List<List<String>> inputs = List.of(List.of("a", "b", "a"), List.of("b"), List.of("a", "a"), List.of());
      assertThat(read.runBatch(inputs)).isEqualTo(model.runBatch(inputs));
      assertThat(read.metadata()).containsEntry("source", "hand-built fraction model")
          .containsEntry("version", "test");
    }
  }

  @Test
  void configJsonHasTheTransformerLensAndTracr4jKeys() throws IOException {
    Model model = TestModels.fraction(true, OutputEncoding.CATEGORICAL);
    ModelDirectory.write(model, dir, DataType.F32);
    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    assertThat(config.get("n_layers").intValue()).isEqualTo(1);
    assertThat(config.get("d_model").intValue()).isEqualTo(5);
    assertThat(config.get("d_vocab").intValue()).isEqualTo(4);
    assertThat(config.get("d_vocab_out").intValue()).isEqualTo(3);
    assertThat(config.get("n_ctx").intValue()).isEqualTo(4);
    assertThat(config.get("act_fn").textValue()).isEqualTo("relu");
    assertThat(config.get("normalization_type").isNull()).isTrue();
    assertThat(config.get("attention_dir").textValue()).isEqualTo("causal");
    JsonNode meta = config.get("tracr4j");
    assertThat(meta.get("input_vocab").toString())
        .isEqualTo("{\"a\":0,\"b\":1,\"compiler_bos\":2,\"compiler_pad\":3}");
    assertThat(meta.get("bos").textValue()).isEqualTo("compiler_bos");
    assertThat(meta.get("pad").textValue()).isEqualTo("compiler_pad");
    assertThat(meta.get("output_encoding").textValue()).isEqualTo("categorical");
    assertThat(meta.get("output_values").toString()).isEqualTo("[\"A\",7,true]");
    assertThat(meta.get("max_seq_len").intValue()).isEqualTo(3);
    assertThat(meta.get("causal").booleanValue()).isTrue();
    assertThat(meta.get("source").textValue()).isEqualTo("hand-built fraction model");
    assertThat(meta.get("residual_labels")).hasSize(5);
    Map<String, Tensor> tensors = Safetensors.read(dir.resolve("model.safetensors")).tensors();
    assertThat(tensors.keySet()).containsExactly("embed.W_E", "pos_embed.W_pos", "blocks.0.attn.W_Q",
        "blocks.0.attn.W_K", "blocks.0.attn.W_V", "blocks.0.attn.W_O", "blocks.0.attn.b_Q",
        "blocks.0.attn.b_K", "blocks.0.attn.b_V", "blocks.0.attn.b_O", "blocks.0.mlp.W_in",
        "blocks.0.mlp.b_in", "blocks.0.mlp.W_out", "blocks.0.mlp.b_out", "unembed.W_U", "unembed.b_U");
    assertThat(tensors.get("blocks.0.attn.W_O").shape()).containsExactly(1, 1, 5);
    assertThat(tensors.get("unembed.W_U").shape()).containsExactly(5, 3);
  }

  // Corrupted and inconsistent directories: CorruptDirectoryTest, which runs the numpy script on the same ones.

  @Test
  void weightsComeBackInTheRightPlaces() throws IOException {
    Model model = TestModels.random(9, 2, 3, 6, 2, 4, 3, 2, 4, false);
    ModelDirectory.write(model, dir, DataType.F64);
    Weights expected = model.weights();
    Weights actual = ModelDirectory.read(dir).weights();
    assertThat(actual.wPos()).isEqualTo(expected.wPos());
    for (int l = 0; l < 2; l++) {
      assertThat(actual.layers().get(l).wO()).isEqualTo(expected.layers().get(l).wO());
      assertThat(actual.layers().get(l).bK()).isEqualTo(expected.layers().get(l).bK());
      assertThat(actual.layers().get(l).wOut()).isEqualTo(expected.layers().get(l).wOut());
    }
    assertThat(Arrays.equals(actual.bU(), expected.bU())).isTrue();
  }
}
