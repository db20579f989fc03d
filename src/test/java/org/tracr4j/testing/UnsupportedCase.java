package org.tracr4j.testing;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * A program the compiler must reject for the given vocabulary and maximum length (Tracr's
 * {@code UNSUPPORTED_TEST_CASES}, tracr-reference §6), with the reason in {@code why}.
 *
 * @param name Tracr's test case name
 * @param program builds a fresh expression DAG on every call
 * @param vocab the input vocabulary, sorted by the value order
 * @param maxSeqLen the maximum input length (without BOS)
 * @param why what makes the program uncompilable (for readers; compilers word their own reasons)
 * @param rasp the same program in the {@code .rasp} language
 */
public record UnsupportedCase(String name, Supplier<SOp> program, List<Value> vocab, int maxSeqLen,
    String why, String rasp) {

  public UnsupportedCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(rasp, "rasp");
    vocab = List.copyOf(vocab);
  }

  @Override
  public String toString() {
    return name;
  }
}
