package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/** The sparse forward pass against the dense reference ({@link DenseForwardPass}): the same doubles. */
class ForwardPassTest {

  @Test
  void sparseRandomModelsGiveTheDenseResults() {
    for (long seed = 0; seed < 40; seed++) {
      boolean causal = seed % 2 == 1;
      Model model = sparsified(TestModels.random(seed, 3, 3, 12, 5, 9, 5, 6, 7, causal), new Random(seed));
      Random random = new Random(100 + seed);
      for (int length = 0; length <= 7; length++) {
        int[] ids = model.encode(TestModels.randomInput(random, 5, length));
        assertSameDoubles(model.forward(new int[][] {ids})[0], DenseForwardPass.run(model, ids));
      }
    }
  }

  @Test
  void compiledModelsGiveTheDenseResults() {
    List<Value> numbers = List.of(Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L));
    List<Value> letters = List.of(Value.of("a"), Value.of("b"), Value.of("c"), Value.of("d"));
    check(Library.makeSort(Rasp.tokens(), Rasp.tokens(), 6, 1), numbers, 6);
    check(Library.makeSortUnique(Rasp.tokens(), Rasp.tokens()), numbers, 6);
    check(Library.makeReverse(Rasp.tokens()), letters, 6);
    check(Library.makeHist(), letters, 6);
    check(Library.makeFracPrevs(Rasp.tokens().eq("a")), letters, 6);
    check(Library.makeShuffleDyck(List.of("()")), List.of(Value.of("("), Value.of(")")), 6);
  }

  @Test
  void tracedRunsGiveTheUntracedResultsOnSparseModels() {
    for (long seed = 0; seed < 20; seed++) {
      Model model = sparsified(TestModels.random(seed, 2, 2, 10, 4, 8, 5, 6, 6, seed % 2 == 0),
          new Random(seed));
      List<String> input = TestModels.randomInput(new Random(seed), 5, 6);
      Trace trace = model.trace(input);
      double[][] out = model.forward(new int[][] {model.encode(input)})[0];
      assertSameDoubles(trace.unembedded(), out);
    }
  }

  @Test
  void resultsDoNotDependOnTheBatchOrTheThreads() {
    Model model = sparsified(TestModels.random(5, 3, 2, 12, 5, 9, 5, 6, 7, false), new Random(5));
    Random random = new Random(9);
    int[][] batch = new int[33][];
    for (int b = 0; b < batch.length; b++) {
      batch[b] = model.encode(TestModels.randomInput(random, 5, random.nextInt(8)));
    }
    double[][][] together = model.forward(batch);
    for (int b = 0; b < batch.length; b++) {
      assertSameDoubles(together[b], model.forward(new int[][] {batch[b]})[0]);
    }
  }

  private static void check(SOp program, List<Value> vocab, int maxSeqLen) {
    Model model = Compiler.compile(program, CompileOptions.of(vocab, maxSeqLen)).model();
    Random random = new Random(maxSeqLen);
    for (int length = 0; length <= maxSeqLen; length++) {
      List<Value> input = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        input.add(vocab.get(random.nextInt(vocab.size())));
      }
      int[] ids = model.encode(input);
      assertSameDoubles(model.forward(new int[][] {ids})[0], DenseForwardPass.run(model, ids));
    }
  }

  /**
   * A copy of {@code model} whose weights are mostly zeros, the way compiled weights are: whole heads and
   * MLPs off, zero rows and columns, and most remaining entries and biases 0.
   */
  static Model sparsified(Model model, Random random) {
    ModelConfig c = model.config();
    Weights w = model.weights();
    for (Weights.Layer layer : w.layers()) {
      for (double[] array : List.of(layer.wQ(), layer.wK(), layer.wV(), layer.wO(), layer.wIn(), layer.wOut())) {
        thin(array, random, random.nextInt(4) == 0 ? 1.0 : 0.7);
      }
      for (double[] array : List.of(layer.bQ(), layer.bK(), layer.bV(), layer.bO(), layer.bIn(), layer.bOut())) {
        thin(array, random, 0.6);
      }
      zeroRows(layer.wIn(), c.dModel(), c.dMlp(), random);
      zeroRows(layer.wOut(), c.dMlp(), c.dModel(), random);
    }
    thin(w.wE(), random, 0.5);
    thin(w.wU(), random, 0.6);
    return new Model(c, w, model.vocabulary(), model.output(), model.residualLabels(), model.metadata());
  }

  private static void thin(double[] array, Random random, double zeroFraction) {
    for (int i = 0; i < array.length; i++) {
      if (random.nextDouble() < zeroFraction) {
        array[i] = 0.0;
      }
    }
  }

  private static void zeroRows(double[] array, int rows, int cols, Random random) {
    for (int r = 0; r < rows; r++) {
      if (random.nextInt(3) == 0) {
        java.util.Arrays.fill(array, r * cols, (r + 1) * cols, 0.0);
      }
    }
  }

  /** Equal as doubles, entry by entry ({@code ==}, so 0.0 equals -0.0). */
  static void assertSameDoubles(double[][] actual, double[][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i].length).isEqualTo(expected[i].length);
      for (int j = 0; j < actual[i].length; j++) {
        if (actual[i][j] != expected[i][j]) {
          throw new AssertionError("entry [" + i + "][" + j + "]: " + actual[i][j] + ", expected "
              + expected[i][j]);
        }
      }
    }
  }
}
