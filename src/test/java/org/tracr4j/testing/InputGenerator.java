package org.tracr4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tracr4j.rasp.Value;

/** Makes random valid inputs for a program, from a caller's seeded {@link Random}. */
@FunctionalInterface
public interface InputGenerator {
  /** A non-empty input no longer than the program's maximum length, of tokens of its vocabulary. */
  List<Value> generate(Random random);

  /** Length uniform in 1..maxSeqLen, each token uniform over the vocabulary. */
  static InputGenerator uniform(List<Value> vocab, int maxSeqLen) {
    List<Value> tokens = List.copyOf(vocab);
    return random -> {
      int length = 1 + random.nextInt(maxSeqLen);
      List<Value> input = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        input.add(tokens.get(random.nextInt(tokens.size())));
      }
      return input;
    };
  }

  /** Distinct tokens (for programs that need unique keys): length uniform in 1..min(maxSeqLen, |vocab|). */
  static InputGenerator distinct(List<Value> vocab, int maxSeqLen) {
    List<Value> tokens = List.copyOf(vocab);
    int longest = Math.min(maxSeqLen, tokens.size());
    return random -> {
      List<Value> shuffled = new ArrayList<>(tokens);
      java.util.Collections.shuffle(shuffled, random);
      return List.copyOf(shuffled.subList(0, 1 + random.nextInt(longest)));
    };
  }

  /**
   * For bracket programs: half the inputs uniform over the vocabulary, half shuffle-Dyck words over
   * {@code pairs} (each type balanced on its own, types interleaved freely), with the vocabulary's
   * other tokens mixed in when it has any.
   */
  static InputGenerator brackets(List<String> pairs, List<Value> vocab, int maxSeqLen) {
    InputGenerator uniform = uniform(vocab, maxSeqLen);
    List<Value> others = new ArrayList<>(vocab);
    for (String pair : pairs) {
      others.remove(Value.of(pair.substring(0, 1)));
      others.remove(Value.of(pair.substring(1, 2)));
    }
    return random -> {
      if (random.nextBoolean()) {
        return uniform.generate(random);
      }
      int length = 1 + random.nextInt(maxSeqLen);
      if (others.isEmpty()) {
        length = Math.max(2, length - length % 2);
      }
      return balanced(pairs, others, Math.min(length, maxSeqLen), random);
    };
  }

  private static List<Value> balanced(List<String> pairs, List<Value> others, int length, Random random) {
    int[] open = new int[pairs.size()];
    int totalOpen = 0;
    List<Value> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      int remaining = length - i;
      List<Integer> closable = new ArrayList<>();
      for (int p = 0; p < pairs.size(); p++) {
        if (open[p] > 0) {
          closable.add(p);
        }
      }
      boolean canOpen = totalOpen + 1 <= remaining - 1;
      boolean canOther = !others.isEmpty() && totalOpen <= remaining - 1;
      int choice = random.nextInt(3);
      if (choice == 0 && canOpen || closable.isEmpty() && !canOther) {
        int p = random.nextInt(pairs.size());
        open[p]++;
        totalOpen++;
        out.add(Value.of(pairs.get(p).substring(0, 1)));
      } else if (!closable.isEmpty() && (choice == 1 || !canOther)) {
        int p = closable.get(random.nextInt(closable.size()));
        open[p]--;
        totalOpen--;
        out.add(Value.of(pairs.get(p).substring(1, 2)));
      } else {
        out.add(others.get(random.nextInt(others.size())));
      }
    }
    return out;
  }
}
