package org.tracr4j.train;

import java.util.SplittableRandom;
import org.tracr4j.model.Model;

/**
 * How training and evaluation inputs are drawn. Both draw the length uniformly from 1 to the maximum
 * (the model's maximum sequence length, for {@link #DISTINCT} at most the number of tokens), then:
 * {@link #UNIFORM} each token uniformly and independently from the vocabulary (BOS and PAD excluded);
 * {@link #DISTINCT} a uniformly random arrangement of distinct tokens (for programs such as {@code
 * sort_unique} that assume unique keys).
 */
public enum InputDistribution {
  UNIFORM,
  DISTINCT;

  /** One input as token ids, BOS first. */
  int[] sample(Model model, SplittableRandom random) {
    int bos = model.vocabulary().bos();
    int pad = model.vocabulary().pad();
    int[] tokens = new int[model.vocabulary().size() - 2];
    for (int id = 0, n = 0; id < model.vocabulary().size(); id++) {
      if (id != bos && id != pad) {
        tokens[n++] = id;
      }
    }
    int max = this == DISTINCT ? Math.min(model.maxSeqLen(), tokens.length) : model.maxSeqLen();
    int length = 1 + random.nextInt(max);
    int[] ids = new int[length + 1];
    ids[0] = bos;
    for (int p = 1; p <= length; p++) {
      if (this == UNIFORM) {
        ids[p] = tokens[random.nextInt(tokens.length)];
      } else { // a partial Fisher-Yates shuffle: position p takes one of the tokens not yet used
        int pick = p - 1 + random.nextInt(tokens.length - (p - 1));
        int chosen = tokens[pick];
        tokens[pick] = tokens[p - 1];
        tokens[p - 1] = chosen;
        ids[p] = chosen;
      }
    }
    return ids;
  }
}
