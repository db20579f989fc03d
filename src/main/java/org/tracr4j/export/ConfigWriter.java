package org.tracr4j.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.tracr4j.model.Circuit;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;

/**
 * The {@code config.json} of a model (docs/model-format.md): the HookedTransformer configuration at the top
 * level, and the {@code tracr4j} object with the vocabulary, output space, residual labels, provenance, the
 * ground-truth circuit (derived from the provenance and weights; written for other tools, not read back) and
 * metadata.
 */
final class ConfigWriter {
  /** Metadata keys stored at the top of the {@code tracr4j} object rather than under {@code metadata}. */
  static final List<String> TOP_LEVEL_METADATA = List.of("version", "source");

  private ConfigWriter() {}

  static ObjectNode write(Model model) {
    ModelConfig c = model.config();
    ObjectNode root = Json.MAPPER.createObjectNode();
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
    meta.put("format_version", ModelDirectory.FORMAT_VERSION);
    meta.put("version", model.metadata().get("version"));
    ObjectNode vocab = meta.putObject("input_vocab");
    List<String> tokens = model.vocabulary().tokens();
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    meta.put("bos", model.vocabulary().bosToken());
    meta.put("pad", model.vocabulary().padToken());
    meta.put("output_encoding", model.output().encoding().name().toLowerCase(Locale.ROOT));
    ArrayNode values = meta.putArray("output_values");
    model.output().values().forEach(value -> ProvenanceJson.addValue(values, value));
    if (!model.output().valueSet().isEmpty()) {
      // Optional (format version 2 readers without it decode numerical outputs raw).
      ArrayNode valueSet = meta.putArray("output_value_set");
      model.output().valueSet().forEach(valueSet::add);
    }
    ArrayNode labels = meta.putArray("residual_labels");
    model.residualLabels().forEach(labels::add);
    meta.put("max_seq_len", model.maxSeqLen());
    meta.put("causal", c.causal());
    meta.put("source", model.metadata().get("source"));
    model.provenance().ifPresent(provenance -> meta.set("provenance", ProvenanceJson.write(provenance)));
    Circuit.of(model).ifPresent(circuit -> meta.set("circuit", CircuitJson.write(circuit)));
    ObjectNode other = meta.putObject("metadata");
    model.metadata().forEach((key, value) -> {
      if (!TOP_LEVEL_METADATA.contains(key)) {
        other.put(key, value);
      }
    });
    return root;
  }
}
