package org.tracr4j.check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tracr4j.rasp.Value;

/**
 * Every input over a vocabulary from length 1 up to a maximum length, shortest first, then in the
 * vocabulary's order (a counter in base |vocab|). There are {@code |V| + |V|² + ... + |V|^N} of them, so
 * callers bound the walk themselves.
 */
public final class ExhaustiveInputs implements Iterator<List<Value>> {
  private final List<Value> vocab;
  private final int maxSeqLen;
  private int[] digits;

  public ExhaustiveInputs(List<Value> vocab, int maxSeqLen) {
    this.vocab = List.copyOf(vocab);
    this.maxSeqLen = maxSeqLen;
    this.digits = vocab.isEmpty() || maxSeqLen < 1 ? null : new int[1];
  }

  /** How many inputs there are, saturating at {@link Long#MAX_VALUE}. */
  public static long count(int vocabSize, int maxSeqLen) {
    long total = 0;
    long perLength = 1;
    for (int length = 1; length <= maxSeqLen; length++) {
      perLength = multiplySaturating(perLength, vocabSize);
      total = total > Long.MAX_VALUE - perLength ? Long.MAX_VALUE : total + perLength;
    }
    return total;
  }

  private static long multiplySaturating(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  @Override
  public boolean hasNext() {
    return digits != null;
  }

  @Override
  public List<Value> next() {
    if (digits == null) {
      throw new NoSuchElementException();
    }
    List<Value> input = new ArrayList<>(digits.length);
    for (int d : digits) {
      input.add(vocab.get(d));
    }
    advance();
    return input;
  }

  private void advance() {
    for (int i = digits.length - 1; i >= 0; i--) {
      if (++digits[i] < vocab.size()) {
        return;
      }
      digits[i] = 0;
    }
    digits = digits.length < maxSeqLen ? new int[digits.length + 1] : null;
  }
}
