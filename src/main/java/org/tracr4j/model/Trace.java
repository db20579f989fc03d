package org.tracr4j.model;

import java.util.List;

/**
 * Everything one forward pass computed on one input (tracr-reference §7.2). Arrays are indexed by model
 * position {@code p = 0 … T−1}, where position 0 is BOS and {@code T} is the input length + 1; rows of
 * residual-width arrays are labelled by {@link #residualLabels()}.
 *
 * @param input the input as given (BOS excluded)
 * @param tokenIds the token ids fed to the model, BOS first ({@code [T]})
 * @param decoded the decoded output at each input position, BOS dropped (size {@code T−1}); null is none
 * @param unembedded the output space at each position, {@code [T][dVocabOut]}
 * @param inputEmbeddings W_E[token] + W_pos[position], {@code [T][dModel]}
 * @param residuals the residual after each sub-layer, {@code 2·layers} entries (after attention 0, after
 *     MLP 0, after attention 1, …), each {@code [T][dModel]}
 * @param layerOutputs what each sub-layer added to the residual, same order and shapes as {@code residuals}
 * @param attention post-softmax attention weights per layer, each {@code [heads][T query][T key]}
 * @param mlpHidden the MLP hidden activations (after the ReLU) per layer, each {@code [T][dMlp]}
 * @param residualLabels the name of each residual dimension ({@code dModel} entries)
 */
public record Trace(
    List<Object> input,
    int[] tokenIds,
    List<Object> decoded,
    double[][] unembedded,
    double[][] inputEmbeddings,
    List<double[][]> residuals,
    List<double[][]> layerOutputs,
    List<double[][][]> attention,
    List<double[][]> mlpHidden,
    List<String> residualLabels) {

  /** The residual after the last sub-layer ({@link #inputEmbeddings()} for a model without layers). */
  public double[][] finalResidual() {
    return residuals.isEmpty() ? inputEmbeddings : residuals.get(residuals.size() - 1);
  }
}
