package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.InvalidInputException;

class ModelTest {
  private static final double EXACT = 1e-12;

  @Test
  void handBuiltModelComputesTheFractionOfAsThroughTheMlp() {
    Model model = TestModels.fraction(false, OutputEncoding.NUMERICAL);
    // frac = #a / #keys (BOS counts as a key), output = 2·ReLU(frac − 0.25)
    assertThat(model.run(List.of("a", "b", "a"))).containsExactly(0.5, 0.5, 0.5); // 2/4
    assertThat(model.run(List.of("a", "a", "a"))).containsExactly(1.0, 1.0, 1.0); // 3/4
    assertThat(model.run(List.of("b"))).containsExactly(0.0); // 0/2, ReLU cuts
    assertThat(model.run(List.of())).isEmpty();
  }

  @Test
  void causalModelOnlySeesThePrefix() {
    Model model = TestModels.fraction(true, OutputEncoding.NUMERICAL);
    List<Object> out = model.run(List.of("a", "b", "a"));
    assertThat((Double) out.get(0)).isCloseTo(0.5, within(EXACT)); // 1/2
    assertThat((Double) out.get(1)).isCloseTo(2 * (1.0 / 3 - 0.25), within(EXACT)); // 1/3
    assertThat((Double) out.get(2)).isCloseTo(0.5, within(EXACT)); // 2/4
  }

  @Test
  void traceRecordsEveryActivation() {
    Model model = TestModels.fraction(false, OutputEncoding.NUMERICAL);
    Trace trace = model.trace(List.of("a", "b"));
    assertThat(trace.tokenIds()).containsExactly(2, 0, 1);
    assertThat(trace.inputEmbeddings()).isDeepEqualTo(new double[][] {
        {0, 0, 1, 0, 0}, {1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}});
    assertThat(trace.attention()).hasSize(1);
    double third = 1.0 / 3;
    for (double[] row : trace.attention().get(0)[0]) {
      assertThat(row).containsExactly(new double[] {third, third, third}, within(EXACT));
    }
    assertThat(trace.residuals()).hasSize(2);
    assertThat(trace.layerOutputs()).hasSize(2);
    assertThat(trace.layerOutputs().get(0)[1]).containsExactly(new double[] {0, 0, 0, third, 0},
        within(EXACT));
    double mlp = 2 * (third - 0.25);
    assertThat(trace.layerOutputs().get(1)[2]).containsExactly(new double[] {0, 0, 0, 0, mlp},
        within(EXACT));
    assertThat(trace.finalResidual()[2]).containsExactly(new double[] {0, 1, 0, third, mlp}, within(EXACT));
    assertThat(trace.unembedded()).hasDimensions(3, 1);
    assertThat(trace.decoded()).hasSize(2);
    assertThat((Double) trace.decoded().get(0)).isCloseTo(mlp, within(EXACT));
    assertThat(trace.residualLabels()).isEqualTo(TestModels.FRACTION_LABELS);
  }

  /** The recorded hidden activations are the MLP's: ReLU(x·W_in + b_in), and ·W_out + b_out its output. */
  @Test
  void traceRecordsTheMlpHiddenActivations() {
    Model model = TestModels.random(7, 2, 2, 6, 3, 5, 4, 3, 5, false);
    Trace trace = model.trace(TestModels.randomInput(new Random(2), 4, 4));
    Weights w = model.weights();
    ModelConfig c = model.config();
    assertThat(trace.mlpHidden()).hasSize(c.layers());
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = w.layers().get(l);
      double[][] before = trace.residuals().get(2 * l);
      double[][] hidden = trace.mlpHidden().get(l);
      assertThat(hidden).hasDimensions(before.length, c.dMlp());
      for (int p = 0; p < before.length; p++) {
        for (int n = 0; n < c.dMlp(); n++) {
          double pre = layer.bIn()[n];
          for (int i = 0; i < c.dModel(); i++) {
            pre += before[p][i] * layer.wIn()[i * c.dMlp() + n];
          }
          assertThat(hidden[p][n]).isCloseTo(Math.max(0, pre), within(EXACT));
        }
        for (int i = 0; i < c.dModel(); i++) {
          double out = layer.bOut()[i];
          for (int n = 0; n < c.dMlp(); n++) {
            out += hidden[p][n] * layer.wOut()[n * c.dModel() + i];
          }
          assertThat(trace.layerOutputs().get(2 * l + 1)[p][i]).isCloseTo(out, within(EXACT));
        }
      }
    }
  }

  @Test
  void causalAttentionIsLowerTriangular() {
    Trace trace = TestModels.fraction(true, OutputEncoding.NUMERICAL).trace(List.of("a", "b", "b"));
    double[][] pattern = trace.attention().get(0)[0];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(pattern[i][j]).isCloseTo(j <= i ? 1.0 / (i + 1) : 0.0, within(EXACT));
      }
    }
  }

  @Test
  void padKeysAreMaskedSoTrailingPaddingChangesNothing() {
    for (boolean causal : new boolean[] {false, true}) {
      Model model = TestModels.fraction(causal, OutputEncoding.NUMERICAL);
      double[][][] out = model.forward(new int[][] {{2, 0}, {2, 0, 3, 3}, {2, 0, 3}});
      // Unmasked PAD keys would lower frac from 1/2 to 1/4 in the bidirectional model.
      assertThat(Arrays.copyOf(out[1], 2)).isDeepEqualTo(out[0]);
      assertThat(Arrays.copyOf(out[2], 2)).isDeepEqualTo(out[0]);
    }
  }

  @Test
  void padKeysAreMaskedInRandomModelsWithBiases() {
    for (boolean causal : new boolean[] {false, true}) {
      Model model = TestModels.random(5, 2, 3, 8, 4, 6, 5, 4, 7, causal);
      int[] ids = model.encode(TestModels.randomInput(new Random(3), 5, 4));
      int[] padded = Arrays.copyOf(ids, 8);
      Arrays.fill(padded, ids.length, padded.length, model.vocabulary().pad());
      double[][][] out = model.forward(new int[][] {padded, ids});
      assertThat(Arrays.copyOf(out[0], ids.length)).isDeepEqualTo(out[1]);
    }
  }

  @Test
  void categoricalDecodingTakesTheLargestColumnOrNone() {
    Model model = TestModels.fraction(false, OutputEncoding.CATEGORICAL);
    assertThat(model.run(List.of("a", "b", "b"))).containsExactly("A", 7L, 7L);
    // "a a a": row [1, 0, frac = 1.0] ties; the first maximum wins.
    assertThat(model.run(List.of("a", "a", "a"))).containsExactly("A", "A", "A");
    assertThat(model.decode(new double[] {0.2, 0.49, 0.1})).isNull();
    assertThat(model.decode(new double[] {0.2, 0.5, 0.5})).isEqualTo(7L);
    assertThat(model.decode(new double[] {-3, -1, 0.7})).isEqualTo(true);
  }

  @Test
  void numericalDecodingReturnsTheColumnAsADouble() {
    Model model = TestModels.fraction(false, OutputEncoding.NUMERICAL);
    assertThat(model.decode(new double[] {-2.5})).isEqualTo(-2.5);
    assertThat(model.decode(new double[] {0.1})).isEqualTo(0.1); // no threshold for numbers
  }

  @Test
  void batchResultsDoNotDependOnTheOtherInputs() {
    Model model = TestModels.random(7, 2, 2, 8, 4, 6, 5, 4, 6, false);
    Random random = new Random(1);
    List<List<String>> inputs = new ArrayList<>();
    for (int length : new int[] {6, 1, 0, 3, 5, 2, 6}) {
      inputs.add(TestModels.randomInput(random, 5, length));
    }
    List<List<Object>> batch = model.runBatch(inputs);
    for (int b = 0; b < inputs.size(); b++) {
      assertThat(batch.get(b)).isEqualTo(model.run(inputs.get(b)));
      assertThat(batch.get(b)).hasSize(inputs.get(b).size());
    }
  }

  @Test
  void traceAgreesWithTheUntracedPathOnRandomModels() {
    for (boolean causal : new boolean[] {false, true}) {
      Model model = TestModels.random(11, 3, 2, 8, 4, 6, 5, 6, 5, causal);
      List<String> input = TestModels.randomInput(new Random(2), 5, 5);
      Trace trace = model.trace(input);
      double[][] out = model.forward(new int[][] {model.encode(input)})[0];
      assertThat(trace.unembedded()).isDeepEqualTo(out);
      assertThat(trace.decoded()).isEqualTo(model.run(input));
      for (double[][] heads : trace.attention().stream().flatMap(Arrays::stream).toList()) {
        for (double[] row : heads) {
          assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, within(EXACT));
        }
      }
    }
  }

  @Test
  void tokensMatchByWrittenForm() {
    ModelConfig config = new ModelConfig(0, 1, 1, 1, 1, 5, 1, 4, false);
    Model model = new Model(config, Weights.zeros(config),
        new InputVocabulary(List.of("1", "2.5", "true", "compiler_bos", "compiler_pad"), 3, 4),
        new OutputSpace(OutputEncoding.NUMERICAL, Arrays.asList((Object) null)), List.of("x"), Map.of());
    assertThat(model.encode(List.of(1L, 2.5, true))).containsExactly(3, 0, 1, 2);
    assertThat(model.encode(List.of("1", "2.5", "true"))).containsExactly(3, 0, 1, 2);
  }

  @Test
  void badInputsAreRejectedWithTheTokenAndPosition() {
    Model model = TestModels.fraction(false, OutputEncoding.CATEGORICAL);
    assertThatThrownBy(() -> model.run(List.of("a", "c")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown token 'c' at position 1; the vocabulary is {a, b}");
    assertThatThrownBy(() -> model.run(List.of("a", "b", "a", "b")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input has 4 tokens, the maximum sequence length is 3");
    assertThatThrownBy(() -> model.run(List.of("compiler_bos")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("position 0 is the BOS token");
    assertThatThrownBy(() -> model.forward(new int[][] {{0, 1}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected the BOS id 2");
    assertThatThrownBy(() -> model.forward(new int[][] {{2, 9}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("id 9 at position 1");
  }

  @Test
  void longVocabulariesAreAbbreviatedInMessages() {
    Model model = TestModels.random(3, 1, 1, 4, 2, 2, 30, 2, 3, false);
    assertThatThrownBy(() -> model.run(List.of("zz")))
        .hasMessageContaining("t19, … (10 more)}");
  }

  @Test
  void constructionChecksShapes() {
    ModelConfig config = new ModelConfig(1, 1, 5, 1, 1, 4, 1, 4, false);
    Weights good = Weights.zeros(config);
    InputVocabulary vocabulary = new InputVocabulary(List.of("a", "b", "bos", "pad"), 2, 3);
    OutputSpace output = new OutputSpace(OutputEncoding.NUMERICAL, Arrays.asList((Object) null));
    List<String> labels = List.of("a", "b", "c", "d", "e");
    Weights shortEmbedding = new Weights(new double[3], good.wPos(), good.layers(), good.wU(), good.bU());
    assertThatThrownBy(() -> new Model(config, shortEmbedding, vocabulary, output, labels, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embed.W_E has 3 entries, expected 20");
    good.layers().get(0).wIn()[2] = Double.NaN;
    assertThatThrownBy(() -> new Model(config, good, vocabulary, output, labels, Map.of()))
        .hasMessage("blocks.0.mlp.W_in[2] is not finite: NaN");
    assertThatThrownBy(() -> new Model(config, Weights.zeros(config), vocabulary, output, List.of("a"),
        Map.of())).hasMessage("there are 1 residual labels, dModel is 5");
    assertThatThrownBy(() -> new InputVocabulary(List.of("a", "a", "b"), 1, 2))
        .hasMessage("token 'a' appears twice, as ids 0 and 1");
    assertThatThrownBy(() -> new OutputSpace(OutputEncoding.CATEGORICAL, List.of(new Object())))
        .hasMessageContaining("is not a Long");
  }

  @Test
  void theModelCopiesItsWeights() {
    ModelConfig config = new ModelConfig(0, 1, 1, 1, 1, 3, 1, 2, false);
    Weights weights = Weights.zeros(config);
    Model model = new Model(config, weights, new InputVocabulary(List.of("a", "bos", "pad"), 1, 2),
        new OutputSpace(OutputEncoding.NUMERICAL, Arrays.asList((Object) null)), List.of("x"), Map.of());
    weights.wU()[0] = 5;
    model.weights().wU()[0] = 5;
    assertThat(model.weights().wU()[0]).isZero();
  }

  @Test
  void paramsCountsTransformerLensWeightsWithoutBiases() {
    Model model = TestModels.fraction(false, OutputEncoding.CATEGORICAL);
    // W_E 4·5 + W_pos 4·5 + W_Q,K,V,O 4·1·5·1 + W_in, W_out 2·5·1 + W_U 5·3
    assertThat(model.params()).isEqualTo(20 + 20 + 20 + 10 + 15);
  }
}
