package org.tracr4j.train;

import java.util.List;
import org.tracr4j.model.Model;

/**
 * A trained compression of a compiled model and how well it does.
 *
 * @param compiled the compiled model that was compressed
 * @param options the settings of the run
 * @param w the compression, {@code [D][d]} row-major: row i is the d-wide direction residual feature i
 *     is written to and read from
 * @param outputLoss the output loss of {@code w} on the trainer's validation inputs
 * @param layerLoss the per-layer loss of {@code w} on the validation inputs (unweighted)
 * @param accuracy fraction of fresh inputs on which every position decodes as in the compiled model
 * @param tokenAccuracy fraction of fresh input positions that decode as in the compiled model
 * @param layerCosines per sublayer (attention, MLP, attention, …), the cosine similarity of the compressed
 *     model's read-back sublayer outputs and the compiled model's, over all positions of the fresh inputs
 * @param stepsTrained the Adam steps taken: fewer than {@code options.steps()} when every validation input
 *     came out right earlier (0 when the start already does)
 */
public record Compression(Model compiled, CompressionOptions options, double[] w, double outputLoss,
    double layerLoss, double accuracy, double tokenAccuracy, List<Double> layerCosines, int stepsTrained) {

  public Compression {
    layerCosines = List.copyOf(layerCosines);
  }

  /** The compiled residual width D. */
  public int originalWidth() {
    return compiled.config().dModel();
  }

  /** The compressed width d. */
  public int width() {
    return options.dim();
  }

  /** Row {@code feature} of W: the compressed direction of that residual feature. */
  public double[] direction(int feature) {
    return java.util.Arrays.copyOfRange(w, feature * width(), (feature + 1) * width());
  }

  /** The smallest per-sublayer cosine similarity. */
  public double minCosine() {
    return layerCosines.stream().mapToDouble(Double::doubleValue).min().orElse(1.0);
  }
}
