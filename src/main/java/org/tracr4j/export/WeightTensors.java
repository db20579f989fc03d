package org.tracr4j.export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Parameter;
import org.tracr4j.model.Weights;

/** Weights to and from safetensors tensors, by the one name table {@link Weights#parameters}. */
final class WeightTensors {
  private WeightTensors() {}

  /** The tensors of a model, TransformerLens names in TransformerLens order, all of {@code type}. */
  static Map<String, Tensor> of(Model model, DataType type) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Parameter parameter : model.weights().parameters(model.config())) {
      tensors.put(parameter.name(), new Tensor(type, parameter.shape(), parameter.values()));
    }
    return tensors;
  }

  /**
   * The weights that {@code tensors} (read from {@code file}) hold for a model of shape {@code c}.
   *
   * @throws CorruptModelException for a tensor too many or too few, a shape other than {@code c} implies,
   *     or a non-finite value
   */
  static Weights toWeights(String file, Map<String, Tensor> tensors, ModelConfig c) {
    Weights weights = Weights.zeros(c);
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    weights.parameters(c).forEach(p -> parameters.put(p.name(), p));
    for (String name : tensors.keySet()) {
      if (!parameters.containsKey(name)) {
        throw new CorruptModelException(file, "unexpected tensor " + name
            + " (config.json describes " + c.layers() + " layers)");
      }
    }
    for (Parameter parameter : parameters.values()) {
      String name = parameter.name();
      Tensor tensor = tensors.get(name);
      if (tensor == null) {
        throw new CorruptModelException(file, "tensor " + name + " is missing");
      }
      if (!Arrays.equals(tensor.shape(), parameter.shape())) {
        throw new CorruptModelException(file, "tensor " + name + " has shape "
            + Arrays.toString(tensor.shape()) + ", config.json implies " + Arrays.toString(parameter.shape()));
      }
      double[] data = tensor.data();
      for (int i = 0; i < data.length; i++) {
        if (!Double.isFinite(data[i])) {
          throw new CorruptModelException(file, "tensor " + name + " holds " + data[i] + " at index " + i);
        }
      }
      System.arraycopy(data, 0, parameter.values(), 0, data.length);
    }
    return weights;
  }
}
