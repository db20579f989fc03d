package org.tracr4j.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input tokens as a user writes them; a token's id is its index (the row of W_E). Includes the BOS
 * and PAD tokens, whose ids are given.
 *
 * @param tokens every input token's written form, in id order, without duplicates
 * @param bos id of the beginning-of-sequence token, always at position 0
 * @param pad id of the padding token, masked as an attention key
 */
public record InputVocabulary(List<String> tokens, int bos, int pad) {

  public InputVocabulary {
    tokens = List.copyOf(tokens);
    if (bos < 0 || bos >= tokens.size() || pad < 0 || pad >= tokens.size()) {
      throw new IllegalArgumentException("bos id " + bos + " and pad id " + pad
          + " must be token ids below " + tokens.size());
    }
    if (bos == pad) {
      throw new IllegalArgumentException("bos and pad must be different tokens, both are id " + bos);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      Integer previous = seen.put(tokens.get(i), i);
      if (previous != null) {
        throw new IllegalArgumentException(
            "token '" + tokens.get(i) + "' appears twice, as ids " + previous + " and " + i);
      }
    }
  }

  public int size() {
    return tokens.size();
  }

  public String bosToken() {
    return tokens.get(bos);
  }

  public String padToken() {
    return tokens.get(pad);
  }
}
