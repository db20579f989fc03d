package org.tracr4j.compiler;

import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.Mlp;

/**
 * The craft block computing one s-op: an attention head (aggregate), an MLP (maps), or both (selector
 * width: the head in a layer's attention sub-layer, the MLP in the same layer's MLP sub-layer).
 *
 * @param head the attention head, or null
 * @param mlp the MLP, or null
 */
record LoweredBlock(AttentionHead head, Mlp mlp) {
  LoweredBlock {
    if (head == null && mlp == null) {
      throw new IllegalArgumentException("a lowered block needs a head or an MLP");
    }
  }

  static LoweredBlock of(AttentionHead head) {
    return new LoweredBlock(head, null);
  }

  static LoweredBlock of(Mlp mlp) {
    return new LoweredBlock(null, mlp);
  }
}
