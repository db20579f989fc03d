package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;

/** Input sequences over a model's vocabulary: all of them up to a length, or a seeded sample. */
public final class Inputs {
  private Inputs() {}

  /** The model's input tokens as values, BOS and PAD excluded, in id order. */
  public static List<Value> vocabulary(Model model) {
    List<Value> vocab = new ArrayList<>();
    for (int id = 0; id < model.vocabulary().size(); id++) {
      if (id != model.vocabulary().bos() && id != model.vocabulary().pad()) {
        vocab.add(Value.parseToken(model.vocabulary().tokens().get(id)));
      }
    }
    return vocab;
  }

  /** How many non-empty inputs of length at most {@code maxLength} there are (saturating). */
  public static long count(int vocabSize, int maxLength) {
    long total = 0;
    long power = 1;
    for (int n = 1; n <= maxLength; n++) {
      power = power > Long.MAX_VALUE / Math.max(1, vocabSize) ? Long.MAX_VALUE / 2 : power * vocabSize;
      total = Math.min(Long.MAX_VALUE / 2, total + power);
    }
    return total;
  }

  /** Every non-empty input of length at most {@code maxLength}, shortest first. */
  public static List<List<Value>> all(List<Value> vocab, int maxLength) {
    List<List<Value>> result = new ArrayList<>();
    List<List<Value>> level = List.of(List.of());
    for (int n = 1; n <= maxLength; n++) {
      List<List<Value>> next = new ArrayList<>();
      for (List<Value> prefix : level) {
        for (Value token : vocab) {
          List<Value> longer = new ArrayList<>(prefix);
          longer.add(token);
          next.add(longer);
        }
      }
      result.addAll(next);
      level = next;
    }
    return result;
  }

  /** {@code count} random inputs, lengths uniform in 1..maxLength. */
  public static List<List<Value>> sample(List<Value> vocab, int maxLength, int count, Random random) {
    List<List<Value>> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = 1 + random.nextInt(maxLength);
      List<Value> input = new ArrayList<>();
      for (int k = 0; k < length; k++) {
        input.add(vocab.get(random.nextInt(vocab.size())));
      }
      result.add(input);
    }
    return result;
  }
}
