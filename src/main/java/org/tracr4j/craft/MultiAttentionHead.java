package org.tracr4j.craft;

import java.util.List;

/**
 * Attention heads run side by side on the same stream; the block writes the sum of their outputs.
 *
 * @param heads the heads, in order (the order fixes head positions in the assembled model)
 */
public record MultiAttentionHead(List<AttentionHead> heads) implements Block {

  public MultiAttentionHead {
    heads = List.copyOf(heads);
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("A multi-head attention block needs at least one head");
    }
  }

  @Override
  public VectorSpace readSpace() {
    return VectorSpace.join(heads.stream().map(AttentionHead::readSpace).toList());
  }

  @Override
  public VectorSpace writeSpace() {
    return VectorSpace.join(heads.stream().map(AttentionHead::writeSpace).toList());
  }

  @Override
  public double[][] apply(VectorSpace residual, double[][] stream) {
    double[][] total = heads.get(0).apply(residual, stream);
    for (int i = 1; i < heads.size(); i++) {
      Dense.addInPlace(total, heads.get(i).apply(residual, stream));
    }
    return total;
  }
}
