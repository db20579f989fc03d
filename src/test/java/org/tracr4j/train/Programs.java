package org.tracr4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.InputVocabulary;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.OutputSpace;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Value;

/** Models the compression tests train on: the case-study programs, compiled, and random dense models. */
final class Programs {
  private Programs() {}

  /** The paper's first case study: frac_prevs of "x" over {a, b, c, x}, length 5 (D = 14). */
  static Model fracPrevs() {
    String source = read("frac_prevs.rasp").replace("token = \"l\";", "token = \"x\";");
    return compile(source, List.of("a", "b", "c", "x"), 5);
  }

  /** The second case study: sort_unique over {1, …, 5}, length 5. */
  static Model sortUnique() {
    return compile(read("sort_unique.rasp"), List.of(1L, 2L, 3L, 4L, 5L), 5);
  }

  static Model compile(String source, List<Object> tokens, int maxSeqLen) {
    List<Value> vocab = new ArrayList<>();
    for (Object token : tokens) {
      vocab.add(token instanceof Long l ? Value.of(l) : Value.of((String) token));
    }
    return Compiler.compile(RaspLanguage.parse(source, "test.rasp").output(),
        CompileOptions.of(vocab, maxSeqLen)).model();
  }

  private static String read(String example) {
    try {
      return Files.readString(Path.of(System.getProperty("basedir", "."), "examples", example));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A model with Gaussian weights and biases (scale 0.5): no softmax saturates and no ReLU sits at its
   * kink, so finite differences see the smooth function the backward pass differentiates.
   */
  static Model random(long seed, OutputEncoding encoding, boolean causal) {
    ModelConfig c = new ModelConfig(2, 2, 7, 3, 5, 5, encoding == OutputEncoding.NUMERICAL ? 1 : 3, 5, causal);
    Random random = new Random(seed);
    Weights w = Weights.zeros(c);
    fill(random, w.wE(), w.wPos(), w.wU(), w.bU());
    for (Weights.Layer l : w.layers()) {
      fill(random, l.wQ(), l.wK(), l.wV(), l.wO(), l.bQ(), l.bK(), l.bV(), l.bO(), l.wIn(), l.bIn(), l.wOut(),
          l.bOut());
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < c.dModel(); i++) {
      labels.add("f:" + i);
    }
    OutputSpace output = encoding == OutputEncoding.NUMERICAL
        ? new OutputSpace(encoding, java.util.Collections.singletonList(null))
        : new OutputSpace(encoding, List.of("p", "q", "r"));
    return new Model(c, w, new InputVocabulary(List.of("a", "b", "c", "bos", "pad"), 3, 4), output, labels,
        Map.of());
  }

  private static void fill(Random random, double[]... arrays) {
    for (double[] array : arrays) {
      for (int i = 0; i < array.length; i++) {
        array[i] = 0.5 * random.nextGaussian();
      }
    }
  }
}
