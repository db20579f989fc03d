package org.tracr4j.compiler;

import java.util.List;
import java.util.Objects;
import org.tracr4j.rasp.Value;

/**
 * What a program is compiled for.
 *
 * @param vocab the input tokens (BOS and PAD excluded)
 * @param maxSeqLen the longest input the model accepts (BOS excluded)
 * @param causal compile for causal (prefix) evaluation: every head gets a causal mask
 * @param mlpExactness the large number L of the discretising MLPs (Tracr's {@code mlp_exactness}); in the
 *     exact mode it is a lower bound and the compiler raises it until every MLP is exact
 * @param mode {@link Mode#EXACT} (default) or {@link Mode#TRACR}, Tracr's original constructions
 * @param bos the BOS token string, {@code compiler_bos} by default
 * @param pad the PAD token string, {@code compiler_pad} by default
 */
public record CompileOptions(List<Value> vocab, int maxSeqLen, boolean causal, double mlpExactness, Mode mode,
    String bos, String pad) {

  /** Which constructions build the model. */
  public enum Mode {
    /** tracr4j's constructions: exact on every input the compiler accepts (tracr4j.md §5). */
    EXACT,
    /** Tracr's original constructions and constants, silent errors included (tracr-reference §8). */
    TRACR;

    public String lowerName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final double DEFAULT_MLP_EXACTNESS = 100;

  public CompileOptions {
    vocab = List.copyOf(vocab);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(bos, "bos");
    Objects.requireNonNull(pad, "pad");
  }

  public static CompileOptions of(List<Value> vocab, int maxSeqLen) {
    return new CompileOptions(vocab, maxSeqLen, false, DEFAULT_MLP_EXACTNESS, Mode.EXACT, "compiler_bos",
        "compiler_pad");
  }

  public CompileOptions withCausal(boolean newCausal) {
    return new CompileOptions(vocab, maxSeqLen, newCausal, mlpExactness, mode, bos, pad);
  }

  public CompileOptions withMode(Mode newMode) {
    return new CompileOptions(vocab, maxSeqLen, causal, mlpExactness, newMode, bos, pad);
  }

  public CompileOptions withMlpExactness(double newExactness) {
    return new CompileOptions(vocab, maxSeqLen, causal, newExactness, mode, bos, pad);
  }
}
