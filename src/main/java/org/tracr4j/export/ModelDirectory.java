package org.tracr4j.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.InputVocabulary;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.OutputSpace;
import org.tracr4j.model.Weights;

/**
 * A model directory (tracr4j.md §4): {@code model.safetensors} with the weights under TransformerLens
 * names and shapes, and {@code config.json} with the HookedTransformer configuration plus a {@code tracr4j}
 * object holding the vocabulary, output space, residual labels and metadata. The format is described in
 * {@code docs/model-format.md}.
 */
public final class ModelDirectory {
  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String CONFIG_FILE = "config.json";
  /** Bumped when the directory layout changes incompatibly. */
  public static final int FORMAT_VERSION = 1;
  /** Metadata keys stored at the top of the {@code tracr4j} object rather than under {@code metadata}. */
  private static final List<String> TOP_LEVEL_METADATA = List.of("version", "source");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ModelDirectory() {}

  /** Writes {@code model} to {@code dir} (created if needed), its weights stored as {@code type}. */
  public static void write(Model model, Path dir, DataType type) throws IOException {
    Files.createDirectories(dir);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    Safetensors.write(weightsFile, tensors(model, type), Map.of("format", "pt"));
    ObjectNode config = config(model);
    // A flipped bit inside a weight still reads as a finite number; the digest catches it.
    ((ObjectNode) config.get("tracr4j")).put(WEIGHTS_DIGEST, sha256(Files.readAllBytes(weightsFile)));
    Files.write(dir.resolve(CONFIG_FILE), JSON.writeValueAsBytes(config));
  }

  /** Key of the SHA-256 (hex) of {@code model.safetensors} in the {@code tracr4j} object of config.json. */
  public static final String WEIGHTS_DIGEST = "weights_sha256";

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Checks the weights file against config.json's digest, when config.json has one (older files do not). */
  private static void checkDigest(JsonNode root, Path weightsFile) {
    JsonNode expected = root.path("tracr4j").path(WEIGHTS_DIGEST);
    if (expected.isMissingNode() || expected.isNull()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(weightsFile);
    } catch (IOException e) {
      throw new CorruptModelException(weightsFile.toString(), "cannot read the file: " + reason(e), e);
    }
    if (!expected.isTextual() || !expected.textValue().equalsIgnoreCase(sha256(bytes))) {
      throw new CorruptModelException(weightsFile.toString(), "SHA-256 does not match " + CONFIG_FILE
          + "'s " + WEIGHTS_DIGEST + ": the weights were modified or corrupted");
    }
  }

  /**
   * Reads a model directory back, checking that {@code config.json} is complete and well-typed and that
   * {@code model.safetensors} holds exactly the tensors it implies, each with the implied shape and finite
   * values.
   *
   * @throws CorruptModelException naming the offending file and the problem
   */
  public static Model read(Path dir) {
    Path configFile = dir.resolve(CONFIG_FILE);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    JsonNode root = parse(configFile);
    ConfigReader config = new ConfigReader(configFile.toString(), root);
    ModelConfig modelConfig = config.modelConfig();
    InputVocabulary vocabulary = config.vocabulary(modelConfig.dVocab());
    OutputSpace output = config.outputSpace(modelConfig.dVocabOut());
    List<String> labels = config.residualLabels(modelConfig.dModel());
    Map<String, String> metadata = config.metadata();

    Weights weights = weights(weightsFile.toString(), Safetensors.read(weightsFile).tensors(), modelConfig);
    checkDigest(root, weightsFile);
    try {
      return Model.takingOwnership(modelConfig, weights, vocabulary, output, labels, metadata);
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(configFile.toString(), e.getMessage(), e);
    }
  }

  /** The tensors of a model, TransformerLens names in TransformerLens order, all of {@code type}. */
  public static Map<String, Tensor> tensors(Model model, DataType type) {
    ModelConfig c = model.config();
    Weights w = model.weights();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> entry : shapes(c).entrySet()) {
      tensors.put(entry.getKey(), new Tensor(type, entry.getValue(), array(w, entry.getKey())));
    }
    return tensors;
  }

  /** Every tensor name with its TransformerLens shape, in TransformerLens order. */
  public static Map<String, int[]> shapes(ModelConfig c) {
    int d = c.dModel();
    int h = c.heads();
    int k = c.dHead();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("embed.W_E", new int[] {c.dVocab(), d});
    shapes.put("pos_embed.W_pos", new int[] {c.nCtx(), d});
    for (int l = 0; l < c.layers(); l++) {
      String p = "blocks." + l + ".";
      shapes.put(p + "attn.W_Q", new int[] {h, d, k});
      shapes.put(p + "attn.W_K", new int[] {h, d, k});
      shapes.put(p + "attn.W_V", new int[] {h, d, k});
      shapes.put(p + "attn.W_O", new int[] {h, k, d});
      shapes.put(p + "attn.b_Q", new int[] {h, k});
      shapes.put(p + "attn.b_K", new int[] {h, k});
      shapes.put(p + "attn.b_V", new int[] {h, k});
      shapes.put(p + "attn.b_O", new int[] {d});
      shapes.put(p + "mlp.W_in", new int[] {d, c.dMlp()});
      shapes.put(p + "mlp.b_in", new int[] {c.dMlp()});
      shapes.put(p + "mlp.W_out", new int[] {c.dMlp(), d});
      shapes.put(p + "mlp.b_out", new int[] {d});
    }
    shapes.put("unembed.W_U", new int[] {d, c.dVocabOut()});
    shapes.put("unembed.b_U", new int[] {c.dVocabOut()});
    return shapes;
  }

  /** The weights array that a TransformerLens name refers to (not copied). */
  private static double[] array(Weights w, String name) {
    if (!name.startsWith("blocks.")) {
      return switch (name) {
        case "embed.W_E" -> w.wE();
        case "pos_embed.W_pos" -> w.wPos();
        case "unembed.W_U" -> w.wU();
        case "unembed.b_U" -> w.bU();
        default -> throw new IllegalArgumentException("unknown tensor " + name);
      };
    }
    String[] parts = name.split("\\.", 3); // blocks, l, attn.W_Q
    Weights.Layer layer = w.layers().get(Integer.parseInt(parts[1]));
    return switch (parts[2]) {
      case "attn.W_Q" -> layer.wQ();
      case "attn.W_K" -> layer.wK();
      case "attn.W_V" -> layer.wV();
      case "attn.W_O" -> layer.wO();
      case "attn.b_Q" -> layer.bQ();
      case "attn.b_K" -> layer.bK();
      case "attn.b_V" -> layer.bV();
      case "attn.b_O" -> layer.bO();
      case "mlp.W_in" -> layer.wIn();
      case "mlp.b_in" -> layer.bIn();
      case "mlp.W_out" -> layer.wOut();
      case "mlp.b_out" -> layer.bOut();
      default -> throw new IllegalArgumentException("unknown tensor " + name);
    };
  }

  private static Weights weights(String file, Map<String, Tensor> tensors, ModelConfig c) {
    Map<String, int[]> shapes = shapes(c);
    for (String name : tensors.keySet()) {
      if (!shapes.containsKey(name)) {
        throw new CorruptModelException(file, "unexpected tensor " + name
            + " (config.json describes " + c.layers() + " layers)");
      }
    }
    Weights weights = Weights.zeros(c);
    for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
      String name = entry.getKey();
      Tensor tensor = tensors.get(name);
      if (tensor == null) {
        throw new CorruptModelException(file, "tensor " + name + " is missing");
      }
      if (!Arrays.equals(tensor.shape(), entry.getValue())) {
        throw new CorruptModelException(file, "tensor " + name + " has shape "
            + Arrays.toString(tensor.shape()) + ", config.json implies " + Arrays.toString(entry.getValue()));
      }
      double[] data = tensor.data();
      for (int i = 0; i < data.length; i++) {
        if (!Double.isFinite(data[i])) {
          throw new CorruptModelException(file, "tensor " + name + " holds " + data[i] + " at index " + i);
        }
      }
      System.arraycopy(data, 0, array(weights, name), 0, data.length);
    }
    return weights;
  }

  /** The {@code config.json} text of {@code model}. */
  static String configJson(Model model) {
    try {
      return JSON.writeValueAsString(config(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a configuration", e);
    }
  }

  private static ObjectNode config(Model model) {
    ModelConfig c = model.config();
    ObjectNode root = JSON.createObjectNode();
    root.put("n_layers", c.layers());
    root.put("d_model", c.dModel());
    root.put("d_head", c.dHead());
    root.put("n_heads", c.heads());
    root.put("d_mlp", c.dMlp());
    root.put("d_vocab", c.dVocab());
    root.put("d_vocab_out", c.dVocabOut());
    root.put("n_ctx", c.nCtx());
    root.put("act_fn", "relu");
    root.putNull("normalization_type");
    root.put("attention_dir", c.causal() ? "causal" : "bidirectional");
    root.put("positional_embedding_type", "standard");

    ObjectNode meta = root.putObject("tracr4j");
    meta.put("format_version", FORMAT_VERSION);
    meta.put("version", model.metadata().get("version"));
    ObjectNode vocab = meta.putObject("input_vocab");
    List<String> tokens = model.vocabulary().tokens();
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    meta.put("bos", model.vocabulary().bosToken());
    meta.put("pad", model.vocabulary().padToken());
    meta.put("output_encoding", model.output().encoding().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode values = meta.putArray("output_values");
    for (Object value : model.output().values()) {
      switch (value) {
        case null -> values.addNull();
        case Long l -> values.add(l);
        case Double d -> values.add(d);
        case Boolean b -> values.add(b);
        case String s -> values.add(s);
        default -> throw new IllegalStateException("unexpected output value type " + value.getClass());
      }
    }
    ArrayNode labels = meta.putArray("residual_labels");
    model.residualLabels().forEach(labels::add);
    meta.put("max_seq_len", model.maxSeqLen());
    meta.put("causal", c.causal());
    meta.put("source", model.metadata().get("source"));
    ObjectNode other = meta.putObject("metadata");
    model.metadata().forEach((key, value) -> {
      if (!TOP_LEVEL_METADATA.contains(key)) {
        other.put(key, value);
      }
    });
    return root;
  }

  private static JsonNode parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CorruptModelException(file.toString(), "cannot read the file: " + reason(e), e);
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new CorruptModelException(file.toString(), "is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CorruptModelException(file.toString(), "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CorruptModelException(file.toString(), "cannot read the file: " + reason(e), e);
    }
  }

  /** Why a file could not be read, in words: "no such file", "permission denied", else the exception. */
  static String reason(Throwable e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException ignored -> "no such file";
      case java.nio.file.AccessDeniedException ignored -> "permission denied";
      case OutOfMemoryError ignored -> "too large to load";
      default -> e.toString();
    };
  }

  /** Typed access to {@code config.json}; every failure names the file and the key. */
  private record ConfigReader(String file, JsonNode root) {

    ModelConfig modelConfig() {
      expectText(root, "act_fn", "relu");
      JsonNode normalization = root.get("normalization_type");
      if (normalization == null || !normalization.isNull()) {
        throw corrupt("normalization_type must be null (tracr4j models have no layer norm), found "
            + normalization);
      }
      JsonNode meta = tracr4j();
      boolean causal = bool(meta, "tracr4j.causal");
      String direction = text(root, "attention_dir");
      if (!direction.equals(causal ? "causal" : "bidirectional")) {
        throw corrupt("attention_dir is \"" + direction + "\" but tracr4j.causal is " + causal);
      }
      int nCtx = integer(root, "n_ctx", 1);
      int maxSeqLen = integer(meta, "tracr4j.max_seq_len", 0);
      if (nCtx != maxSeqLen + 1) {
        throw corrupt("n_ctx is " + nCtx + " but tracr4j.max_seq_len is " + maxSeqLen
            + " (n_ctx must be max_seq_len + 1)");
      }
      try {
        return new ModelConfig(integer(root, "n_layers", 0), integer(root, "n_heads", 1),
            integer(root, "d_model", 1), integer(root, "d_head", 1), integer(root, "d_mlp", 1),
            integer(root, "d_vocab", 2), integer(root, "d_vocab_out", 1), nCtx, causal);
      } catch (IllegalArgumentException e) {
        throw corrupt(e.getMessage());
      }
    }

    InputVocabulary vocabulary(int dVocab) {
      JsonNode vocab = field(tracr4j(), "tracr4j.input_vocab");
      if (!vocab.isObject() || vocab.size() != dVocab) {
        throw corrupt("tracr4j.input_vocab must map " + dVocab + " tokens (d_vocab) to ids, found "
            + (vocab.isObject() ? vocab.size() + " tokens" : vocab.getNodeType().toString()));
      }
      String[] tokens = new String[dVocab];
      for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        int id = integer(vocab, entry.getKey(), "tracr4j.input_vocab." + entry.getKey(), 0);
        if (id >= dVocab || tokens[id] != null) {
          throw corrupt("tracr4j.input_vocab gives token '" + entry.getKey() + "' the id " + id
              + (id >= dVocab ? ", not below d_vocab = " + dVocab : ", already used by '" + tokens[id] + "'"));
        }
        tokens[id] = entry.getKey();
      }
      List<String> list = Arrays.asList(tokens);
      int bos = list.indexOf(text(tracr4j(), "tracr4j.bos"));
      int pad = list.indexOf(text(tracr4j(), "tracr4j.pad"));
      if (bos < 0 || pad < 0 || bos == pad) {
        throw corrupt("tracr4j.bos and tracr4j.pad must be two different tokens of tracr4j.input_vocab");
      }
      return new InputVocabulary(list, bos, pad);
    }

    OutputSpace outputSpace(int dVocabOut) {
      String encodingName = text(tracr4j(), "tracr4j.output_encoding");
      OutputEncoding encoding = switch (encodingName) {
        case "categorical" -> OutputEncoding.CATEGORICAL;
        case "numerical" -> OutputEncoding.NUMERICAL;
        default -> throw corrupt("tracr4j.output_encoding must be \"categorical\" or \"numerical\", found \""
            + encodingName + "\"");
      };
      JsonNode values = field(tracr4j(), "tracr4j.output_values");
      if (!values.isArray() || values.size() != dVocabOut) {
        throw corrupt("tracr4j.output_values must be an array of " + dVocabOut + " values (d_vocab_out)");
      }
      List<Object> list = new ArrayList<>();
      for (JsonNode value : values) {
        list.add(switch (value.getNodeType()) {
          case NULL -> null;
          case BOOLEAN -> value.booleanValue();
          case STRING -> value.textValue();
          case NUMBER -> {
            if (value.isIntegralNumber() && !value.canConvertToLong()) {
              throw corrupt("tracr4j.output_values holds " + value + ", outside the 64-bit range");
            }
            yield value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
          }
          default -> throw corrupt("tracr4j.output_values holds " + value
              + "; values must be numbers, booleans, strings or null");
        });
      }
      try {
        return new OutputSpace(encoding, list);
      } catch (IllegalArgumentException e) {
        throw corrupt(e.getMessage());
      }
    }

    /** The labels, or {@code r0, r1, ...} when a directory was stripped of them (they are metadata). */
    List<String> residualLabels(int dModel) {
      if (!tracr4j().has("residual_labels")) {
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < dModel; i++) {
          placeholders.add("r" + i);
        }
        return placeholders;
      }
      JsonNode labels = field(tracr4j(), "tracr4j.residual_labels");
      if (!labels.isArray() || labels.size() != dModel) {
        throw corrupt("tracr4j.residual_labels must be an array of " + dModel + " strings (d_model)");
      }
      List<String> list = new ArrayList<>();
      for (JsonNode label : labels) {
        if (!label.isTextual()) {
          throw corrupt("tracr4j.residual_labels holds " + label + ", not a string");
        }
        list.add(label.textValue());
      }
      return list;
    }

    Map<String, String> metadata() {
      Map<String, String> metadata = new TreeMap<>();
      JsonNode meta = tracr4j();
      for (String key : TOP_LEVEL_METADATA) {
        JsonNode value = meta.get(key);
        if (value != null && !value.isNull()) {
          if (!value.isTextual()) {
            throw corrupt("tracr4j." + key + " must be a string or null");
          }
          metadata.put(key, value.textValue());
        }
      }
      JsonNode other = meta.get("metadata");
      if (other != null) {
        if (!other.isObject()) {
          throw corrupt("tracr4j.metadata must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = other.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          metadata.put(entry.getKey(),
              entry.getValue().isTextual() ? entry.getValue().textValue() : entry.getValue().toString());
        }
      }
      return metadata;
    }

    private JsonNode tracr4j() {
      JsonNode meta = field(root, "tracr4j");
      if (!meta.isObject()) {
        throw corrupt("tracr4j must be an object");
      }
      int format = integer(meta, "tracr4j.format_version", 1);
      if (format > FORMAT_VERSION) {
        throw corrupt("tracr4j.format_version " + format + " is newer than this reader ("
            + FORMAT_VERSION + ")");
      }
      return meta;
    }

    private JsonNode field(JsonNode node, String path) {
      JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
      if (value == null) {
        throw corrupt("key " + path + " is missing");
      }
      return value;
    }

    private int integer(JsonNode node, String path, int minimum) {
      return integer(node, path.substring(path.lastIndexOf('.') + 1), path, minimum);
    }

    private int integer(JsonNode node, String key, String path, int minimum) {
      JsonNode value = node.get(key);
      if (value == null) {
        throw corrupt("key " + path + " is missing");
      }
      if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < minimum) {
        throw corrupt(path + " must be an integer of at least " + minimum + ", found " + value);
      }
      return value.intValue();
    }

    private String text(JsonNode node, String path) {
      JsonNode value = field(node, path);
      if (!value.isTextual()) {
        throw corrupt(path + " must be a string, found " + value);
      }
      return value.textValue();
    }

    private boolean bool(JsonNode node, String path) {
      JsonNode value = field(node, path);
      if (!value.isBoolean()) {
        throw corrupt(path + " must be true or false, found " + value);
      }
      return value.booleanValue();
    }

    private void expectText(JsonNode node, String path, String expected) {
      String value = text(node, path);
      if (!value.equals(expected)) {
        throw corrupt(path + " must be \"" + expected + "\", found \"" + value + "\"");
      }
    }

    private CorruptModelException corrupt(String problem) {
      return new CorruptModelException(file, problem);
    }
  }
}
