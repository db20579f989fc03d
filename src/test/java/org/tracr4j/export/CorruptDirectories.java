package org.tracr4j.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.TestModels;
import org.tracr4j.testing.Sequences;

/**
 * Every corruption of a model directory that the readers must reject, each written once into its own
 * directory: the Java reader ({@link ModelDirectory#read}) and the numpy script ({@code
 * python/tracr4j_numpy.py}) are both run on the same directories ({@code CorruptDirectoryTest}).
 *
 * <p>Each case names the file the reader must blame and a part of the Java message.
 */
final class CorruptDirectories {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One corrupted directory: {@code write} fills an empty directory. */
  record Case(String name, String file, String problem, Consumer<Path> write) {
    @Override
    public String toString() {
      return name;
    }
  }

  private CorruptDirectories() {}

  /** A small hand-built model without provenance (categorical, 1 layer, d_model 5). */
  static Model fraction() {
    return TestModels.fraction(false, OutputEncoding.CATEGORICAL);
  }

  /** A compiled model with provenance. */
  static Model compiled() {
    String source = "flip = aggregate(select(indices, length - indices - 1, ==), tokens);\n";
    return Compiler.compile(RaspLanguage.parse(source, "flip.rasp").output(),
        CompileOptions.of(Sequences.charVocab("ab"), 3)).model();
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    // config.json: missing or mistyped keys
    config(cases, "missing d_model", c -> c.remove("d_model"), "key d_model is missing");
    config(cases, "mistyped n_heads", c -> c.put("n_heads", "two"),
        "n_heads must be an integer of at least 1, found \"two\"");
    config(cases, "fractional d_head", c -> c.put("d_head", 1.5), "d_head must be an integer of at least 1");
    config(cases, "negative n_layers", c -> c.put("n_layers", -1), "n_layers must be an integer of at least 0");
    config(cases, "gelu", c -> c.put("act_fn", "gelu"), "act_fn must be \"relu\", found \"gelu\"");
    config(cases, "layer norm", c -> c.put("normalization_type", "LN"), "normalization_type must be null");
    config(cases, "no tracr4j object", c -> c.remove("tracr4j"), "key tracr4j is missing");
    config(cases, "no format version", c -> meta(c).remove("format_version"),
        "key tracr4j.format_version is missing");
    config(cases, "causal not a boolean", c -> meta(c).put("causal", "yes"), "tracr4j.causal must be true or false");
    config(cases, "unknown output encoding", c -> meta(c).put("output_encoding", "ordinal"),
        "tracr4j.output_encoding must be \"categorical\" or \"numerical\"");
    config(cases, "short output_values", c -> meta(c).putArray("output_values").add(1).add(2),
        "tracr4j.output_values must be an array of 3 values");
    config(cases, "missing output_values", c -> meta(c).remove("output_values"),
        "key tracr4j.output_values is missing");
    config(cases, "array in output_values", c -> meta(c).putArray("output_values").add(1).add(2).addArray(),
        "tracr4j.output_values holds []");
    config(cases, "huge integer in output_values",
        c -> meta(c).putArray("output_values").add(1).add(2).add(new java.math.BigInteger("99999999999999999999")),
        "outside the 64-bit range");
    config(cases, "value set of a categorical output", c -> meta(c).putArray("output_value_set").add(1.0),
        "tracr4j.output_value_set must be an array of finite numbers, of a numerical output");
    config(cases, "bos equals pad", c -> meta(c).put("pad", "compiler_bos"),
        "tracr4j.bos and tracr4j.pad must be two different tokens");
    config(cases, "missing bos", c -> meta(c).remove("bos"), "key tracr4j.bos is missing");
    config(cases, "duplicate token id", c -> ((ObjectNode) meta(c).get("input_vocab")).put("b", 0),
        "gives token 'b' the id 0, already used by 'a'");
    config(cases, "token id out of range", c -> ((ObjectNode) meta(c).get("input_vocab")).put("b", 9),
        "gives token 'b' the id 9, not below d_vocab = 4");
    config(cases, "short residual_labels", c -> meta(c).putArray("residual_labels").add("x"),
        "tracr4j.residual_labels must be an array of 5 strings");
    config(cases, "source not a string", c -> meta(c).put("source", 3), "tracr4j.source must be a string or null");
    config(cases, "metadata not an object", c -> meta(c).put("metadata", "x"),
        "tracr4j.metadata must be an object of strings");
    // config.json inconsistent with itself
    config(cases, "n_ctx against max_seq_len", c -> meta(c).put("max_seq_len", 7),
        "n_ctx is 4 but tracr4j.max_seq_len is 7");
    config(cases, "attention_dir against causal", c -> c.put("attention_dir", "causal"),
        "attention_dir is \"causal\" but tracr4j.causal is false");
    config(cases, "d_vocab against input_vocab", c -> c.put("d_vocab", 5),
        "tracr4j.input_vocab must map 5 tokens (d_vocab) to ids, found 4 tokens");
    config(cases, "future format version", c -> meta(c).put("format_version", 99),
        "tracr4j.format_version 99 is newer than this reader");
    // config.json as text
    rawConfig(cases, "config.json truncated", "{\"n_layers\": ", "is not valid JSON");
    rawConfig(cases, "config.json not an object", "[1, 2]", "is not a JSON object");
    cases.add(new Case("config.json with a duplicate key", ModelDirectory.CONFIG_FILE, "is not valid JSON", dir -> {
      write(fraction(), dir);
      rewrite(dir.resolve(ModelDirectory.CONFIG_FILE), s -> s.replaceFirst("\\{", "{\"d_model\": 5, "));
    }));
    cases.add(new Case("NaN in config.json", ModelDirectory.CONFIG_FILE, "is not valid JSON", dir -> {
      write(fraction(), dir);
      rewrite(dir.resolve(ModelDirectory.CONFIG_FILE), s -> s.replace("\"A\"", "NaN"));
    }));
    // config.json inconsistent with the tensors
    config(cases, "d_mlp against the tensors", c -> c.put("d_mlp", 2), ModelDirectory.WEIGHTS_FILE,
        "tensor blocks.0.mlp.W_in has shape [5, 1], config.json implies [5, 2]");
    config(cases, "more layers than tensors", c -> c.put("n_layers", 2), ModelDirectory.WEIGHTS_FILE,
        "tensor blocks.1.attn.W_Q is missing");
    config(cases, "fewer layers than tensors", c -> c.put("n_layers", 0), ModelDirectory.WEIGHTS_FILE,
        "unexpected tensor blocks.0.attn.W_Q");
    // tensors
    tensors(cases, "missing tensor", t -> t.remove("unembed.b_U"), "tensor unembed.b_U is missing");
    tensors(cases, "transposed tensor", t -> t.put("embed.W_E", new Tensor(DataType.F32, new int[] {5, 4},
        new double[20])), "tensor embed.W_E has shape [5, 4], config.json implies [4, 5]");
    tensors(cases, "infinite weight", t -> t.put("embed.W_E", new Tensor(DataType.F32, new int[] {4, 5}, withValue(20, 7, Double.POSITIVE_INFINITY))),
        "tensor embed.W_E holds Infinity at index 7");
    tensors(cases, "NaN weight", t -> t.put("unembed.W_U", new Tensor(DataType.F64, new int[] {5, 3},
        withValue(15, 4, Double.NaN))), "tensor unembed.W_U holds NaN at index 4");
    tensors(cases, "negative infinite weight", t -> t.put("blocks.0.mlp.b_in",
        new Tensor(DataType.F32, new int[] {1}, new double[] {Double.NEGATIVE_INFINITY})),
        "tensor blocks.0.mlp.b_in holds -Infinity at index 0");
    // the weights file itself
    cases.add(new Case("flipped weight bit", ModelDirectory.WEIGHTS_FILE, "SHA-256", dir -> {
      write(fraction(), dir);
      Path weights = dir.resolve(ModelDirectory.WEIGHTS_FILE);
      byte[] bytes = read(weights);
      long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      bytes[(int) (8 + header + (bytes.length - 8 - header) / 2)] ^= 0x01;
      write(weights, bytes);
    }));
    config(cases, "digest not a string", c -> meta(c).put(ModelDirectory.WEIGHTS_DIGEST, 5),
        ModelDirectory.WEIGHTS_FILE, "SHA-256 does not match");
    weightsBytes(cases, "truncated safetensors", b -> Arrays.copyOf(b, b.length - 3), "(truncated?)");
    weightsBytes(cases, "safetensors of 5 bytes", b -> Arrays.copyOf(b, 5),
        "file is 5 bytes, too short for the 8-byte header length");
    weightsBytes(cases, "safetensors cut in its header", b -> Arrays.copyOf(b, 40),
        "is not between 2 and the 32 bytes that follow it");
    weightsBytes(cases, "trailing bytes", b -> Arrays.copyOf(b, b.length + 4), "(trailing bytes)");
    weightsBytes(cases, "header length -1", b -> {
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
      return b;
    }, "header length 18446744073709551615 is not between 2 and");
    header(cases, "header not JSON", "{\"a\": [1, 2", 0, "header is not valid JSON");
    header(cases, "header not an object", "[1, 2, 3]", 0, "header is not a JSON object");
    header(cases, "header with trailing data", "{} {}", 0, "header is not valid JSON");
    header(cases, "header with a duplicate tensor", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "Duplicate field 'a'");
    header(cases, "offsets shorter than the shape", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}",
        4, "tensor a has data_offsets [0, 4] (4 bytes), but F32 × [2] needs 8 bytes");
    header(cases, "gap before a tensor", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
        "tensor a starts at data offset 4, expected 0");
    header(cases, "overlapping tensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "starts at data offset 0, expected");
    header(cases, "negative offset", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4,
        "expected [begin, end], two non-negative integers");
    header(cases, "data missing", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 0,
        "the tensors cover 4 bytes of data but the file holds 0 after the header (truncated?)");
    header(cases, "F16 tensor", "{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4,
        "tensor a has dtype F16; only F32 and F64 are supported");
    header(cases, "no dtype", "{\"a\":{\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "tensor a has no dtype string");
    header(cases, "negative dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,4]}}", 4,
        "dimensions must be non-negative integers");
    header(cases, "shape not an array", "{\"a\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,4]}}", 4,
        "tensor a has no shape array");
    header(cases, "shape overflowing int", "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],"
        + "\"data_offsets\":[0,4]}}", 4, "needs");
    header(cases, "unknown tensor field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],"
        + "\"x\":1}}", 4, "tensor a has an unknown field 'x'");
    header(cases, "metadata not strings", "{\"__metadata__\":{\"k\":1}}", 0, "__metadata__.k is not a string");
    // missing files
    cases.add(new Case("no model.safetensors", ModelDirectory.WEIGHTS_FILE, "cannot read the file", dir -> {
      write(fraction(), dir);
      delete(dir.resolve(ModelDirectory.WEIGHTS_FILE));
    }));
    cases.add(new Case("no config.json", ModelDirectory.CONFIG_FILE, "cannot read the file", dir -> {
      write(fraction(), dir);
      delete(dir.resolve(ModelDirectory.CONFIG_FILE));
    }));
    // provenance
    provenance(cases, "head outside the layer", c -> {
      for (var layer : c.at("/tracr4j/provenance/layers")) {
        if (!layer.get("heads").isEmpty()) {
          ((ObjectNode) layer.get("heads").get(0)).put("head", 7);
          return;
        }
      }
    }, "head 7 is outside 0..");
    provenance(cases, "unknown feature role", c -> ((ObjectNode) c.at("/tracr4j/provenance/residual").get(0))
        .put("role", "bias"), "tracr4j.provenance.residual[0].role must be one of \"value\", \"one\", "
        + "\"intermediate\", found \"bias\"");
    provenance(cases, "residual label against provenance", c -> ((com.fasterxml.jackson.databind.node.ArrayNode)
        c.at("/tracr4j/residual_labels")).set(0, "renamed"), "tracr4j.residual_labels differ from the labels of tracr4j.provenance.residual");
    provenance(cases, "head computing an unlisted expression", c -> {
      for (var layer : c.at("/tracr4j/provenance/layers")) {
        if (!layer.get("heads").isEmpty()) {
          ((ObjectNode) layer.get("heads").get(0)).put("expression", "nothing");
          return;
        }
      }
    }, "computes 'nothing', which is not a listed expression");
    provenance(cases, "provenance without layers", c -> ((ObjectNode) c.at("/tracr4j/provenance")).putArray("layers"),
        "provenance describes 0 layers");
    provenance(cases, "provenance missing its expressions",
        c -> ((ObjectNode) c.at("/tracr4j/provenance")).remove("expressions"),
        "key tracr4j.provenance.expressions is missing");
    return cases;
  }

  // --- writers

  static void write(Model model, Path dir) {
    try {
      ModelDirectory.write(model, dir, DataType.F32);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode meta(ObjectNode config) {
    return (ObjectNode) config.get("tracr4j");
  }

  private static void config(List<Case> cases, String name, Consumer<ObjectNode> edit, String problem) {
    config(cases, name, edit, ModelDirectory.CONFIG_FILE, problem);
  }

  private static void config(List<Case> cases, String name, Consumer<ObjectNode> edit, String file, String problem) {
    cases.add(new Case(name, file, problem, dir -> editConfig(fraction(), dir, edit)));
  }

  private static void provenance(List<Case> cases, String name, Consumer<ObjectNode> edit, String problem) {
    cases.add(new Case(name, ModelDirectory.CONFIG_FILE, problem, dir -> editConfig(compiled(), dir, edit)));
  }

  private static void editConfig(Model model, Path dir, Consumer<ObjectNode> edit) {
    write(model, dir);
    Path file = dir.resolve(ModelDirectory.CONFIG_FILE);
    try {
      ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
      edit.accept(config);
      JSON.writeValue(file.toFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rawConfig(List<Case> cases, String name, String text, String problem) {
    cases.add(new Case(name, ModelDirectory.CONFIG_FILE, problem, dir -> {
      write(fraction(), dir);
      write(dir.resolve(ModelDirectory.CONFIG_FILE), text.getBytes(StandardCharsets.UTF_8));
    }));
  }

  private static void tensors(List<Case> cases, String name, Consumer<Map<String, Tensor>> edit, String problem) {
    cases.add(new Case(name, ModelDirectory.WEIGHTS_FILE, problem, dir -> {
      Model model = fraction();
      write(model, dir);
      Map<String, Tensor> tensors = new LinkedHashMap<>(ModelDirectory.tensors(model, DataType.F32));
      edit.accept(tensors);
      try {
        Safetensors.write(dir.resolve(ModelDirectory.WEIGHTS_FILE), tensors, Map.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }

  private static double[] withValue(int size, int index, double value) {
    double[] data = new double[size];
    data[index] = value;
    return data;
  }

  private static void weightsBytes(List<Case> cases, String name, java.util.function.UnaryOperator<byte[]> edit,
      String problem) {
    cases.add(new Case(name, ModelDirectory.WEIGHTS_FILE, problem, dir -> {
      write(fraction(), dir);
      Path weights = dir.resolve(ModelDirectory.WEIGHTS_FILE);
      write(weights, edit.apply(read(weights)));
    }));
  }

  /** A weights file with a hand-written header and {@code dataBytes} zero bytes of data. */
  private static void header(List<Case> cases, String name, String header, int dataBytes, String problem) {
    cases.add(new Case(name, ModelDirectory.WEIGHTS_FILE, problem, dir -> {
      write(fraction(), dir);
      byte[] json = header.getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putLong(json.length).put(json);
      write(dir.resolve(ModelDirectory.WEIGHTS_FILE), buffer.array());
    }));
  }

  private static void rewrite(Path file, java.util.function.UnaryOperator<String> edit) {
    try {
      Files.writeString(file, edit.apply(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
