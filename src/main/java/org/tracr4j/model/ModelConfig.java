package org.tracr4j.model;

/**
 * The shape of a transformer, with TransformerLens's meanings.
 *
 * @param layers number of layers; each is one attention sub-layer followed by one MLP sub-layer
 * @param heads attention heads per layer
 * @param dModel residual stream width
 * @param dHead width of one head's queries, keys and values (the value width equals the key width)
 * @param dMlp hidden width of the MLPs
 * @param dVocab number of input tokens, BOS and PAD included (rows of W_E)
 * @param dVocabOut width of the unembedded output space (columns of W_U)
 * @param nCtx positions, the BOS slot included: the maximum sequence length + 1
 * @param causal whether a position attends only to itself and earlier positions
 */
public record ModelConfig(
    int layers, int heads, int dModel, int dHead, int dMlp, int dVocab, int dVocabOut, int nCtx,
    boolean causal) {

  public ModelConfig {
    requireAtLeast("layers", layers, 0);
    requireAtLeast("heads", heads, 1);
    requireAtLeast("dModel", dModel, 1);
    requireAtLeast("dHead", dHead, 1);
    requireAtLeast("dMlp", dMlp, 1);
    requireAtLeast("dVocab", dVocab, 2);
    requireAtLeast("dVocabOut", dVocabOut, 1);
    requireAtLeast("nCtx", nCtx, 1);
  }

  /** The longest input a user may give, BOS excluded. */
  public int maxSeqLen() {
    return nCtx - 1;
  }

  /**
   * The TransformerLens parameter count: W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, W_out and W_U, without
   * biases.
   */
  public long params() {
    long embeddings = (long) dVocab * dModel + (long) nCtx * dModel;
    long attention = 4L * heads * dModel * dHead;
    long mlp = 2L * dModel * dMlp;
    return embeddings + layers * (attention + mlp) + (long) dModel * dVocabOut;
  }

  private static void requireAtLeast(String name, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
    }
  }
}
