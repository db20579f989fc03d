package org.tracr4j.craft;

/**
 * One attention head (tracr-reference.md §3.6). For a stream {@code x}: logits
 * {@code (x→left)·W_QK·(x→right)ᵀ} with <b>no</b> {@code 1/√d} scaling, keys after the query masked out
 * when {@code causal}, a softmax per query, and the output {@code weights·((x→ov.input)·W_OV)}.
 *
 * @param qk W_QK: query space (left) by key space (right)
 * @param ov W_OV: value space to output space
 * @param causal whether a query only sees keys at its own position or before
 */
public record AttentionHead(Bilinear qk, Linear ov, boolean causal) implements Block {

  /** A non-causal head, as the compiler builds them (masking is the final model's business). */
  public AttentionHead(Bilinear qk, Linear ov) {
    this(qk, ov, false);
  }

  @Override
  public VectorSpace readSpace() {
    return VectorSpace.join(qk.left(), qk.right(), ov.input());
  }

  @Override
  public VectorSpace writeSpace() {
    return ov.output();
  }

  @Override
  public double[][] apply(VectorSpace residual, double[][] stream) {
    Block.requireStream(residual, stream);
    int[] writes = ov.output().embeddingInto(residual);
    int keyWidth = qk.right().dims();
    double[][] queries = Dense.multiply(
        Dense.gather(stream, qk.left().indicesIn(residual)), qk.matrix(), keyWidth);
    double[][] keys = Dense.gather(stream, qk.right().indicesIn(residual));
    double[][] values = Dense.multiply(
        Dense.gather(stream, ov.input().indicesIn(residual)), ov.matrix(), ov.output().dims());
    int length = stream.length;
    double[][] output = new double[length][ov.output().dims()];
    double[] weights = new double[length];
    for (int query = 0; query < length; query++) {
      int visible = causal ? query + 1 : length;
      for (int key = 0; key < visible; key++) {
        double logit = 0;
        for (int j = 0; j < keyWidth; j++) {
          logit += queries[query][j] * keys[key][j];
        }
        weights[key] = logit;
      }
      Dense.softmaxPrefixInPlace(weights, visible);
      for (int key = 0; key < visible; key++) {
        double weight = weights[key];
        for (int j = 0; j < output[query].length; j++) {
          output[query][j] += weight * values[key][j];
        }
      }
    }
    return Dense.scatter(output, writes, residual.dims());
  }
}
