package org.tracr4j.testing;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * One end-to-end case: a program, the vocabulary and maximum length to compile it for, one input and the
 * output the interpreter gives on it (tracr-reference §6, Tracr's {@code test_cases.py}).
 *
 * @param name Tracr's test case name (the causal copy of a universal case keeps it)
 * @param program builds a fresh expression DAG on every call
 * @param vocab the input vocabulary, sorted by the value order, without BOS or PAD
 * @param maxSeqLen the maximum input length (without BOS)
 * @param input the input tokens (without BOS)
 * @param expected one value per input position; numbers are compared with a tolerance, other values
 *     exactly (see {@link Outputs}); {@link Value#NONE} where the program gives no value
 * @param causal whether the case is evaluated with {@link Interpreter#causal()} and compiled causally
 * @param rasp the same program in the {@code .rasp} language (tracr4j.md §2), or null when the
 *     language cannot express it (n-ary sequence maps need tuples)
 */
public record LibraryCase(String name, Supplier<SOp> program, List<Value> vocab, int maxSeqLen,
    List<Value> input, List<Value> expected, boolean causal, String rasp) {

  public LibraryCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(program, "program");
    vocab = List.copyOf(vocab);
    input = List.copyOf(input);
    expected = List.copyOf(expected);
    if (input.size() != expected.size()) {
      throw new IllegalArgumentException(name + ": " + input.size() + " input tokens but "
          + expected.size() + " expected values");
    }
    if (input.size() > maxSeqLen) {
      throw new IllegalArgumentException(name + ": input of length " + input.size()
          + " is longer than max_seq_len " + maxSeqLen);
    }
    for (Value token : input) {
      if (!vocab.contains(token)) {
        throw new IllegalArgumentException(name + ": input token " + token + " is not in " + vocab);
      }
    }
  }

  /** The same case evaluated and compiled causally. */
  public LibraryCase asCausal() {
    return new LibraryCase(name, program, vocab, maxSeqLen, input, expected, true, rasp);
  }

  /** The interpreter this case is evaluated with. */
  public Interpreter interpreter() {
    return causal ? Interpreter.causal() : Interpreter.standard();
  }

  public boolean hasRasp() {
    return rasp != null;
  }

  @Override
  public String toString() {
    return causal ? name + " (causal)" : name;
  }
}
