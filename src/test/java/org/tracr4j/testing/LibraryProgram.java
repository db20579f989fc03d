package org.tracr4j.testing;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * A library program at one size, for differential tests (interpreter against compiled model) and size
 * comparisons with Tracr (targets.md).
 *
 * @param name the program's row name in targets.md, such as {@code make_sort_unique}
 * @param program builds a fresh expression DAG on every call
 * @param vocab the input vocabulary, sorted by the value order
 * @param maxSeqLen the maximum input length (without BOS)
 * @param inputs makes random valid inputs (for example distinct tokens for {@code make_sort_unique})
 * @param rasp the same program in the {@code .rasp} language, or null when the language cannot express it
 */
public record LibraryProgram(String name, Supplier<SOp> program, List<Value> vocab, int maxSeqLen,
    InputGenerator inputs, String rasp) {

  public LibraryProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(inputs, "inputs");
    vocab = List.copyOf(vocab);
  }

  /** One random valid input. */
  public List<Value> randomInput(Random random) {
    return inputs.generate(random);
  }

  @Override
  public String toString() {
    return name + " (vocab " + vocab.size() + ", N " + maxSeqLen + ")";
  }
}
