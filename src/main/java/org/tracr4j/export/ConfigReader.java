package org.tracr4j.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.InputVocabulary;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.OutputSpace;
import org.tracr4j.model.Provenance;

/**
 * Typed access to a {@code config.json} of format version 1 or 2; every failure names the file and the key.
 * Version 1 has no provenance.
 */
final class ConfigReader {
  private final JsonFields json;
  private final JsonNode root;
  private final JsonNode meta;
  private final int formatVersion;

  private ConfigReader(String file, JsonNode root) {
    this.json = new JsonFields(file);
    this.root = root;
    this.meta = json.object(root, "tracr4j");
    this.formatVersion = json.integer(meta, "tracr4j.format_version", 1);
    if (formatVersion > ModelDirectory.FORMAT_VERSION) {
      throw json.corrupt("tracr4j.format_version " + formatVersion + " is newer than this reader ("
          + ModelDirectory.FORMAT_VERSION + ")");
    }
  }

  /** Parses {@code file}. */
  static ConfigReader of(Path file) {
    return new ConfigReader(file.toString(), parse(file));
  }

  JsonNode root() {
    return root;
  }

  ModelConfig modelConfig() {
    json.expectText(root, "act_fn", "relu");
    JsonNode normalization = root.get("normalization_type");
    if (normalization == null || !normalization.isNull()) {
      throw json.corrupt("normalization_type must be null (tracr4j models have no layer norm), found "
          + normalization);
    }
    boolean causal = json.bool(meta, "tracr4j.causal");
    String direction = json.text(root, "attention_dir");
    if (!direction.equals(causal ? "causal" : "bidirectional")) {
      throw json.corrupt("attention_dir is \"" + direction + "\" but tracr4j.causal is " + causal);
    }
    int nCtx = json.integer(root, "n_ctx", 1);
    int maxSeqLen = json.integer(meta, "tracr4j.max_seq_len", 0);
    if (nCtx != maxSeqLen + 1) {
      throw json.corrupt("n_ctx is " + nCtx + " but tracr4j.max_seq_len is " + maxSeqLen
          + " (n_ctx must be max_seq_len + 1)");
    }
    try {
      return new ModelConfig(json.integer(root, "n_layers", 0), json.integer(root, "n_heads", 1),
          json.integer(root, "d_model", 1), json.integer(root, "d_head", 1), json.integer(root, "d_mlp", 1),
          json.integer(root, "d_vocab", 2), json.integer(root, "d_vocab_out", 1), nCtx, causal);
    } catch (IllegalArgumentException e) {
      throw json.corrupt(e.getMessage());
    }
  }

  InputVocabulary vocabulary(int dVocab) {
    JsonNode vocab = json.field(meta, "tracr4j.input_vocab");
    if (!vocab.isObject() || vocab.size() != dVocab) {
      throw json.corrupt("tracr4j.input_vocab must map " + dVocab + " tokens (d_vocab) to ids, found "
          + (vocab.isObject() ? vocab.size() + " tokens" : vocab.getNodeType().toString()));
    }
    String[] tokens = new String[dVocab];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      int id = json.integer(vocab, entry.getKey(), "tracr4j.input_vocab." + entry.getKey(), 0);
      if (id >= dVocab || tokens[id] != null) {
        throw json.corrupt("tracr4j.input_vocab gives token '" + entry.getKey() + "' the id " + id
            + (id >= dVocab ? ", not below d_vocab = " + dVocab : ", already used by '" + tokens[id] + "'"));
      }
      tokens[id] = entry.getKey();
    }
    List<String> list = Arrays.asList(tokens);
    int bos = list.indexOf(json.text(meta, "tracr4j.bos"));
    int pad = list.indexOf(json.text(meta, "tracr4j.pad"));
    if (bos < 0 || pad < 0 || bos == pad) {
      throw json.corrupt("tracr4j.bos and tracr4j.pad must be two different tokens of tracr4j.input_vocab");
    }
    return new InputVocabulary(list, bos, pad);
  }

  OutputSpace outputSpace(int dVocabOut) {
    String encodingName = json.text(meta, "tracr4j.output_encoding");
    OutputEncoding encoding = switch (encodingName) {
      case "categorical" -> OutputEncoding.CATEGORICAL;
      case "numerical" -> OutputEncoding.NUMERICAL;
      default -> throw json.corrupt("tracr4j.output_encoding must be \"categorical\" or \"numerical\", found \""
          + encodingName + "\"");
    };
    JsonNode values = json.field(meta, "tracr4j.output_values");
    if (!values.isArray() || values.size() != dVocabOut) {
      throw json.corrupt("tracr4j.output_values must be an array of " + dVocabOut + " values (d_vocab_out)");
    }
    List<Object> list = new ArrayList<>();
    for (JsonNode value : values) {
      list.add(json.value(value, "tracr4j.output_values", false));
    }
    List<Double> valueSet = new ArrayList<>();
    if (meta.has("output_value_set")) {
      for (JsonNode value : json.array(meta, "tracr4j.output_value_set")) {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || encoding != OutputEncoding.NUMERICAL) {
          throw json.corrupt("tracr4j.output_value_set must be an array of finite numbers, of a numerical output");
        }
        valueSet.add(value.doubleValue());
      }
    }
    try {
      return new OutputSpace(encoding, list, valueSet);
    } catch (IllegalArgumentException e) {
      throw json.corrupt(e.getMessage());
    }
  }

  /** The labels, or {@code r0, r1, ...} when a directory was stripped of them (they are metadata). */
  List<String> residualLabels(int dModel) {
    if (!meta.has("residual_labels")) {
      List<String> placeholders = new ArrayList<>();
      for (int i = 0; i < dModel; i++) {
        placeholders.add("r" + i);
      }
      return placeholders;
    }
    JsonNode labels = json.field(meta, "tracr4j.residual_labels");
    if (!labels.isArray() || labels.size() != dModel) {
      throw json.corrupt("tracr4j.residual_labels must be an array of " + dModel + " strings (d_model)");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode label : labels) {
      if (!label.isTextual()) {
        throw json.corrupt("tracr4j.residual_labels holds " + label + ", not a string");
      }
      list.add(label.textValue());
    }
    return list;
  }

  /**
   * The provenance of a version-2 file; null for version 1, which has none, and for a model that had none
   * (built by hand rather than compiled).
   */
  Provenance provenance() {
    if (formatVersion < 2 || !meta.has("provenance")) {
      return null;
    }
    try {
      return ProvenanceJson.read(json, meta);
    } catch (IllegalArgumentException e) {
      throw json.corrupt(e.getMessage());
    }
  }

  Map<String, String> metadata() {
    Map<String, String> metadata = new TreeMap<>();
    for (String key : ConfigWriter.TOP_LEVEL_METADATA) {
      JsonNode value = meta.get(key);
      if (value != null && !value.isNull()) {
        if (!value.isTextual()) {
          throw json.corrupt("tracr4j." + key + " must be a string or null");
        }
        metadata.put(key, value.textValue());
      }
    }
    JsonNode other = meta.get("metadata");
    if (other != null) {
      if (!other.isObject()) {
        throw json.corrupt("tracr4j.metadata must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = other.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        metadata.put(entry.getKey(),
            entry.getValue().isTextual() ? entry.getValue().textValue() : entry.getValue().toString());
      }
    }
    return metadata;
  }

  CorruptModelException corrupt(String problem) {
    return json.corrupt(problem);
  }

  private static JsonNode parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CorruptModelException(file.toString(), "cannot read the file: " + ReadFailure.reason(e), e);
    }
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new CorruptModelException(file.toString(), "is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CorruptModelException(file.toString(), "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CorruptModelException(file.toString(), "cannot read the file: " + ReadFailure.reason(e), e);
    }
  }
}
