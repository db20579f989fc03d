package org.tracr4j.model;

/**
 * One parameter tensor of a model under its TransformerLens name ({@code blocks.0.attn.W_Q}), with its
 * TransformerLens shape and the row-major array that holds it. {@link Weights#parameters} lists them all:
 * the one table that the safetensors writer and reader, the ONNX exporter and the weight checks share.
 *
 * @param name the TransformerLens state-dict name
 * @param shape the TransformerLens shape
 * @param values the weights array itself (not a copy), row-major over {@code shape}
 */
public record Parameter(String name, int[] shape, double[] values) {

  /** The number of entries {@link #shape} implies. */
  public int size() {
    int size = 1;
    for (int dimension : shape) {
      size = Math.multiplyExact(size, dimension);
    }
    return size;
  }
}
