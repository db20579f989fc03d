package org.tracr4j.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.InputVocabulary;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputSpace;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.Weights;

/**
 * A model directory (tracr4j.md §4): {@code model.safetensors} with the weights under TransformerLens
 * names and shapes ({@link WeightTensors}), and {@code config.json} with the HookedTransformer configuration
 * plus a {@code tracr4j} object holding the vocabulary, output space, residual labels, provenance and
 * metadata ({@link ConfigWriter}, {@link ConfigReader}), and the weights' digest ({@link WeightsDigest}).
 * The format is described in {@code docs/model-format.md}.
 */
public final class ModelDirectory {
  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String CONFIG_FILE = "config.json";
  /** Bumped when the directory layout changes; 2 added provenance. Older versions still load. */
  public static final int FORMAT_VERSION = 2;
  /** Key of the SHA-256 (hex) of {@code model.safetensors} in the {@code tracr4j} object of config.json. */
  public static final String WEIGHTS_DIGEST = WeightsDigest.KEY;

  private ModelDirectory() {}

  /** Writes {@code model} to {@code dir} (created if needed), its weights stored as {@code type}. */
  public static void write(Model model, Path dir, DataType type) throws IOException {
    Files.createDirectories(dir);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    Safetensors.write(weightsFile, tensors(model, type), Map.of("format", "pt"));
    ObjectNode config = ConfigWriter.write(model);
    ((ObjectNode) config.get("tracr4j")).put(WEIGHTS_DIGEST, WeightsDigest.sha256(weightsFile));
    Files.write(dir.resolve(CONFIG_FILE), Json.MAPPER.writeValueAsBytes(config));
  }

  /**
   * Reads a model directory back, checking that {@code config.json} is complete and well-typed and that
   * {@code model.safetensors} holds exactly the tensors it implies, each with the implied shape and finite
   * values, and matches the digest.
   *
   * @throws CorruptModelException naming the offending file and the problem
   */
  public static Model read(Path dir) {
    Path configFile = dir.resolve(CONFIG_FILE);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    ConfigReader config = ConfigReader.of(configFile);
    ModelConfig modelConfig = config.modelConfig();
    InputVocabulary vocabulary = config.vocabulary(modelConfig.dVocab());
    OutputSpace output = config.outputSpace(modelConfig.dVocabOut());
    var labels = config.residualLabels(modelConfig.dModel());
    Provenance provenance = config.provenance();
    Map<String, String> metadata = config.metadata();

    org.tracr4j.model.ModelSize.require(modelConfig, "; read from " + configFile);
    Weights weights = WeightTensors.toWeights(weightsFile.toString(), Safetensors.read(weightsFile).tensors(),
        modelConfig);
    WeightsDigest.check(config.root(), weightsFile);
    try {
      if (provenance == null) {
        return Model.takingOwnership(modelConfig, weights, vocabulary, output, labels, metadata);
      }
      if (!labels.equals(provenance.residual().stream().map(Provenance.Feature::label).toList())) {
        throw config.corrupt("tracr4j.residual_labels differ from the labels of tracr4j.provenance.residual");
      }
      return Model.takingOwnership(modelConfig, weights, vocabulary, output, metadata, provenance);
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(configFile.toString(), e.getMessage(), e);
    }
  }

  /** The tensors of a model, TransformerLens names in TransformerLens order, all of {@code type}. */
  public static Map<String, Tensor> tensors(Model model, DataType type) {
    return WeightTensors.of(model, type);
  }

  /** The {@code config.json} object of {@code model} (without the weights digest, which needs the file). */
  public static com.fasterxml.jackson.databind.node.ObjectNode configObject(Model model) {
    return ConfigWriter.write(model);
  }

  /** The {@code config.json} text of {@code model}. */
  static String configJson(Model model) {
    try {
      return Json.MAPPER.writeValueAsString(ConfigWriter.write(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a configuration", e);
    }
  }
}
