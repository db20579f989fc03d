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

  // --- inconsistent directories

  private void editConfig(Consumer<ObjectNode> edit) throws IOException {
    ModelDirectory.write(TestModels.fraction(false, OutputEncoding.CATEGORICAL), dir, DataType.F32);
    Path file = dir.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(config);
    JSON.writeValue(file.toFile(), config);
  }

  private void editTensors(Consumer<Map<String, Tensor>> edit) throws IOException {
    Model model = TestModels.fraction(false, OutputEncoding.CATEGORICAL);
    ModelDirectory.write(model, dir, DataType.F32);
    Map<String, Tensor> tensors = new LinkedHashMap<>(ModelDirectory.tensors(model, DataType.F32));
    edit.accept(tensors);
    Safetensors.write(dir.resolve("model.safetensors"), tensors, Map.of());
  }

  private void assertCorrupt(String file, String problem) {
    assertThatThrownBy(() -> ModelDirectory.read(dir))
        .isInstanceOf(CorruptModelException.class)
        .hasMessageStartingWith(dir.resolve(file) + ": ")
        .hasMessageContaining(problem);
  }

  private static ObjectNode meta(ObjectNode config) {
    return (ObjectNode) config.get("tracr4j");
  }

  @Test
  void missingOrMistypedConfigKeys() throws IOException {
    editConfig(c -> c.remove("d_model"));
    assertCorrupt("config.json", "key d_model is missing");
    editConfig(c -> c.put("n_heads", "two"));
    assertCorrupt("config.json", "n_heads must be an integer of at least 1, found \"two\"");
    editConfig(c -> c.put("act_fn", "gelu"));
    assertCorrupt("config.json", "act_fn must be \"relu\", found \"gelu\"");
    editConfig(c -> c.put("normalization_type", "LN"));
    assertCorrupt("config.json", "normalization_type must be null");
    editConfig(c -> c.remove("tracr4j"));
    assertCorrupt("config.json", "key tracr4j is missing");
    editConfig(c -> meta(c).put("causal", "yes"));
    assertCorrupt("config.json", "tracr4j.causal must be true or false");
    editConfig(c -> meta(c).put("output_encoding", "ordinal"));
    assertCorrupt("config.json", "tracr4j.output_encoding must be \"categorical\" or \"numerical\"");
    editConfig(c -> meta(c).putArray("output_values").add(1).add(2));
    assertCorrupt("config.json", "tracr4j.output_values must be an array of 3 values");
    editConfig(c -> meta(c).putArray("output_values").add(1).add(2).addArray());
    assertCorrupt("config.json", "tracr4j.output_values holds []");
    editConfig(c -> meta(c).put("pad", "compiler_bos"));
    assertCorrupt("config.json", "tracr4j.bos and tracr4j.pad must be two different tokens");
    editConfig(c -> ((ObjectNode) meta(c).get("input_vocab")).put("b", 0));
    assertCorrupt("config.json", "gives token 'b' the id 0, already used by 'a'");
    editConfig(c -> meta(c).putArray("residual_labels").add("x"));
    assertCorrupt("config.json", "tracr4j.residual_labels must be an array of 5 strings");
  }

  @Test
  void configInconsistentWithItself() throws IOException {
    editConfig(c -> meta(c).put("max_seq_len", 7));
    assertCorrupt("config.json", "n_ctx is 4 but tracr4j.max_seq_len is 7");
    editConfig(c -> c.put("attention_dir", "causal"));
    assertCorrupt("config.json", "attention_dir is \"causal\" but tracr4j.causal is false");
    editConfig(c -> c.put("d_vocab", 5));
    assertCorrupt("config.json", "tracr4j.input_vocab must map 5 tokens (d_vocab) to ids, found 4 tokens");
    editConfig(c -> meta(c).put("format_version", 99));
    assertCorrupt("config.json", "tracr4j.format_version 99 is newer than this reader");
  }

  @Test
  void configInconsistentWithTheTensors() throws IOException {
    editConfig(c -> c.put("d_mlp", 2));
    assertCorrupt("model.safetensors", "tensor blocks.0.mlp.W_in has shape [5, 1], config.json implies [5, 2]");
    editConfig(c -> c.put("n_layers", 2));
    assertCorrupt("model.safetensors", "tensor blocks.1.attn.W_Q is missing");
    editConfig(c -> c.put("n_layers", 0));
    assertCorrupt("model.safetensors", "unexpected tensor blocks.0.attn.W_Q");
  }

  @Test
  void badTensors() throws IOException {
    editTensors(t -> t.remove("unembed.b_U"));
    assertCorrupt("model.safetensors", "tensor unembed.b_U is missing");
    editTensors(t -> t.put("embed.W_E", new Tensor(DataType.F32, new int[] {5, 4}, new double[20])));
    assertCorrupt("model.safetensors", "tensor embed.W_E has shape [5, 4], config.json implies [4, 5]");
    editTensors(t -> {
      double[] data = new double[4 * 5];
      data[7] = Double.POSITIVE_INFINITY;
      t.put("embed.W_E", new Tensor(DataType.F32, new int[] {4, 5}, data));
    });
    assertCorrupt("model.safetensors", "tensor embed.W_E holds Infinity at index 7");
  }

  @Test
  void missingFiles() throws IOException {
    ModelDirectory.write(TestModels.fraction(false, OutputEncoding.CATEGORICAL), dir, DataType.F32);
    Files.delete(dir.resolve("model.safetensors"));
    assertCorrupt("model.safetensors", "cannot read the file");
    Files.delete(dir.resolve("config.json"));
    assertCorrupt("config.json", "cannot read the file");
    Files.writeString(dir.resolve("config.json"), "{\"n_layers\": ");
    assertCorrupt("config.json", "is not valid JSON");
  }

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
