package org.tracr4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small models built by hand or from a seeded Random, shared by the model and export tests. */
public final class TestModels {
  private TestModels() {}

  /** Residual dimensions of {@link #fraction}. */
  public static final List<String> FRACTION_LABELS =
      List.of("tokens:a", "tokens:b", "tokens:compiler_bos", "frac", "mlp");

  /**
   * A one-layer model whose output is easy to compute by hand. Vocabulary {@code a, b, compiler_bos,
   * compiler_pad} (ids 0–3), maximum length 3, residual {@link #FRACTION_LABELS}.
   *
   * <ul>
   *   <li>Attention, one head, dHead 1: W_Q = W_K = 0, so every allowed key gets the same weight; the value
   *       reads {@code tokens:a} and W_O writes it to {@code frac}. So {@code frac} = (number of a among the
   *       allowed keys) / (number of allowed keys), BOS counted as a key.
   *   <li>MLP, one hidden unit: {@code mlp = 2·ReLU(frac − 0.25)}.
   *   <li>Numerical: the output is {@code mlp}. Categorical: three columns {@code tokens:a → "A"},
   *       {@code tokens:b → 7L}, {@code frac → true}.
   * </ul>
   */
  public static Model fraction(boolean causal, OutputEncoding encoding) {
    int dVocabOut = encoding == OutputEncoding.NUMERICAL ? 1 : 3;
    ModelConfig config = new ModelConfig(1, 1, 5, 1, 1, 4, dVocabOut, 4, causal);
    Weights w = Weights.zeros(config);
    w.wE()[0 * 5 + 0] = 1; // a → tokens:a
    w.wE()[1 * 5 + 1] = 1; // b → tokens:b
    w.wE()[2 * 5 + 2] = 1; // compiler_bos → tokens:compiler_bos; PAD embeds to 0
    Weights.Layer layer = w.layers().get(0);
    layer.wV()[Weights.qkvIndex(config, 0, 0, 0)] = 1; // value = tokens:a
    layer.wO()[Weights.outputIndex(config, 0, 0, 3)] = 1; // → frac
    layer.wIn()[3 * 1 + 0] = 1; // hidden = frac − 0.25
    layer.bIn()[0] = -0.25;
    layer.wOut()[0 * 5 + 4] = 2; // mlp = 2·ReLU(hidden)
    OutputSpace output;
    if (encoding == OutputEncoding.NUMERICAL) {
      w.wU()[4] = 1;
      output = new OutputSpace(OutputEncoding.NUMERICAL, java.util.Arrays.asList((Object) null));
    } else {
      w.wU()[0 * 3 + 0] = 1;
      w.wU()[1 * 3 + 1] = 1;
      w.wU()[3 * 3 + 2] = 1;
      output = new OutputSpace(OutputEncoding.CATEGORICAL, List.of("A", 7L, true));
    }
    return new Model(config, w, new InputVocabulary(List.of("a", "b", "compiler_bos", "compiler_pad"), 2, 3),
        output, FRACTION_LABELS, Map.of("source", "hand-built fraction model", "version", "test"));
  }

  /**
   * A model with Gaussian weights (scaled by 1/√fan-in so activations stay of order 1) and non-zero biases.
   * Vocabulary {@code t0 … t(vocab−1), bos, pad}; categorical outputs {@code "v0", 1L, 2.5, false, …}
   * cycling through the four types.
   */
  public static Model random(long seed, int layers, int heads, int dModel, int dHead, int dMlp, int vocab,
      int dVocabOut, int maxSeqLen, boolean causal) {
    Random random = new Random(seed);
    ModelConfig config = new ModelConfig(layers, heads, dModel, dHead, dMlp, vocab + 2, dVocabOut,
        maxSeqLen + 1, causal);
    Weights w = Weights.zeros(config);
    fill(random, w.wE(), 1.0);
    fill(random, w.wPos(), 0.5);
    for (Weights.Layer layer : w.layers()) {
      fill(random, layer.wQ(), 2.0 / Math.sqrt(dModel));
      fill(random, layer.wK(), 2.0 / Math.sqrt(dModel));
      fill(random, layer.wV(), 1.0 / Math.sqrt(dModel));
      fill(random, layer.wO(), 1.0 / Math.sqrt(heads * dHead));
      fill(random, layer.bQ(), 0.1);
      fill(random, layer.bK(), 0.1);
      fill(random, layer.bV(), 0.1);
      fill(random, layer.bO(), 0.1);
      fill(random, layer.wIn(), 1.0 / Math.sqrt(dModel));
      fill(random, layer.bIn(), 0.1);
      fill(random, layer.wOut(), 1.0 / Math.sqrt(dMlp));
      fill(random, layer.bOut(), 0.1);
    }
    fill(random, w.wU(), 1.0 / Math.sqrt(dModel));
    fill(random, w.bU(), 0.1);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < vocab; i++) {
      tokens.add("t" + i);
    }
    tokens.add("bos");
    tokens.add("pad");
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < dVocabOut; i++) {
      values.add(switch (i % 4) {
        case 0 -> "v" + i;
        case 1 -> (long) i;
        case 2 -> i + 0.5;
        default -> i % 8 == 3;
      });
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < dModel; i++) {
      labels.add("r" + i);
    }
    return new Model(config, w, new InputVocabulary(tokens, vocab, vocab + 1),
        new OutputSpace(OutputEncoding.CATEGORICAL, values), labels,
        Map.of("source", "random model, seed " + seed));
  }

  /** A random token sequence of the given length over the non-special tokens of {@link #random}. */
  public static List<String> randomInput(Random random, int vocab, int length) {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      input.add("t" + random.nextInt(vocab));
    }
    return input;
  }

  private static void fill(Random random, double[] array, double scale) {
    for (int i = 0; i < array.length; i++) {
      array[i] = random.nextGaussian() * scale;
    }
  }
}
