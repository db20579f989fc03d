package org.tracr4j.train;

/**
 * The settings of one compression run.
 *
 * @param dim the compressed residual width d, from 1 to the compiled width D
 * @param seed seeds the initial W, the training inputs and the evaluation inputs; the same seed gives the
 *     same W bit for bit
 * @param steps Adam steps
 * @param learningRate Adam's step size (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), decayed exponentially to a
 *     hundredth of itself over the run
 * @param batch inputs per step
 * @param layerLossWeight weight of the per-layer loss against the output loss (the loss is output loss +
 *     weight · per-layer loss)
 * @param inputs how inputs are drawn, for training and evaluation
 * @param init where W starts
 * @param tolerance a numerical output is right when within this of the compiled model's
 * @param evalInputs fresh inputs the final accuracy and cosine similarities are measured on
 */
public record CompressionOptions(int dim, long seed, int steps, double learningRate, int batch,
    double layerLossWeight, InputDistribution inputs, Initialisation init, double tolerance, int evalInputs) {

  public static final int DEFAULT_STEPS = 1000;
  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final int DEFAULT_BATCH = 32;
  public static final double DEFAULT_LAYER_LOSS_WEIGHT = 1.0;
  public static final double DEFAULT_TOLERANCE = 0.01;
  public static final int DEFAULT_EVAL_INPUTS = 2000;

  public CompressionOptions {
    if (dim < 1) {
      throw new IllegalArgumentException("the compressed width must be at least 1, got " + dim);
    }
    if (steps < 0 || batch < 1 || evalInputs < 1) {
      throw new IllegalArgumentException("steps must be >= 0, batch and evaluation inputs >= 1");
    }
    if (!(learningRate > 0) || !(layerLossWeight >= 0) || !(tolerance >= 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, layer-loss weight and tolerance >= 0");
    }
  }

  /** The defaults for width {@code dim} and {@code seed}. */
  public static CompressionOptions defaults(int dim, long seed) {
    return new CompressionOptions(dim, seed, DEFAULT_STEPS, DEFAULT_LEARNING_RATE, DEFAULT_BATCH,
        DEFAULT_LAYER_LOSS_WEIGHT, InputDistribution.UNIFORM, Initialisation.ABLATION, DEFAULT_TOLERANCE, DEFAULT_EVAL_INPUTS);
  }

  public CompressionOptions withDim(int newDim) {
    return new CompressionOptions(newDim, seed, steps, learningRate, batch, layerLossWeight, inputs,
        init, tolerance, evalInputs);
  }

  public CompressionOptions withSteps(int newSteps) {
    return new CompressionOptions(dim, seed, newSteps, learningRate, batch, layerLossWeight, inputs,
        init, tolerance, evalInputs);
  }

  public CompressionOptions withBatch(int newBatch) {
    return new CompressionOptions(dim, seed, steps, learningRate, newBatch, layerLossWeight, inputs,
        init, tolerance, evalInputs);
  }

  public CompressionOptions withEvalInputs(int newEvalInputs) {
    return new CompressionOptions(dim, seed, steps, learningRate, batch, layerLossWeight, inputs,
        init, tolerance, newEvalInputs);
  }

  public CompressionOptions withInputs(InputDistribution newInputs) {
    return new CompressionOptions(dim, seed, steps, learningRate, batch, layerLossWeight, newInputs,
        init, tolerance, evalInputs);
  }

  public CompressionOptions withSeed(long newSeed) {
    return new CompressionOptions(dim, newSeed, steps, learningRate, batch, layerLossWeight, inputs,
        init, tolerance, evalInputs);
  }
}
