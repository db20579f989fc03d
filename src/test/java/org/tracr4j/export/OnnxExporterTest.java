package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.TestModels;
import org.tracr4j.rasp.Tolerance;

/**
 * Runs exported graphs in ONNX Runtime and compares them with the float64 Java forward pass.
 *
 * <p><b>Tolerance.</b> The graph stores weights and computes in float32 (unit roundoff u = 2⁻²⁴ ≈
 * 6·10⁻⁸); Java computes in float64, whose own error is negligible here. A float32 dot product of n terms
 * errs by at most about n·u·Σ|xᵢwᵢ| (n ≤ 16 here, so 16u ≈ 10⁻⁶ of the magnitude sum), and with random
 * signs Σ|xᵢwᵢ| is a few times |Σxᵢwᵢ|. A value passes through about 20 such products in 3 layers (Q, K,
 * V, scores, pattern·V, W_O, W_in, W_out per layer, then W_U); the softmax is 1-Lipschitz and does not
 * amplify. That gives a relative error of order 20 · 16u · 5 ≈ 10⁻⁴ of the activations' scale, which in
 * these models reaches 27 in the residual and 16 in the logits. We therefore allow {@value #TOLERANCE} ×
 * (1 + |expected|); the worst case measured on these seeds is 3·10⁻⁵. Categorical decoding is compared
 * exactly wherever the decision's margin (to the runner-up and to 0.5) is above 10⁻³, far above that error.
 */
class OnnxExporterTest {
  private static final double TOLERANCE = 2e-4;
  @TempDir Path dir;

  private static float[][][] runOnnx(Path file, long[][] tokens, String output) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(file.toString(), options);
        OnnxTensor input = OnnxTensor.createTensor(env, tokens);
        OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
      return (float[][][]) result.get(output).orElseThrow().getValue();
    }
  }

  /** Pads encoded inputs with PAD to the longest. */
  private static long[][] padded(Model model, List<int[]> ids) {
    int longest = ids.stream().mapToInt(a -> a.length).max().orElse(1);
    long[][] tokens = new long[ids.size()][longest];
    for (int b = 0; b < ids.size(); b++) {
      Arrays.fill(tokens[b], model.vocabulary().pad());
      for (int p = 0; p < ids.get(b).length; p++) {
        tokens[b][p] = ids.get(b)[p];
      }
    }
    return tokens;
  }

  /** Largest |onnx − java| / (1 + |java|) over the non-PAD positions. */
  private static double compare(double[][][] java, float[][][] onnx) {
    double worst = 0;
    for (int b = 0; b < java.length; b++) {
      for (int p = 0; p < java[b].length; p++) {
        for (int j = 0; j < java[b][p].length; j++) {
          double expected = java[b][p][j];
          worst = Math.max(worst, Math.abs(onnx[b][p][j] - expected) / (1 + Math.abs(expected)));
        }
      }
    }
    return worst;
  }

  @Test
  void randomModelsAgreeWithTheJavaForwardPass() throws Exception {
    double worst = 0;
    int decodedChecked = 0;
    int positions = 0;
    for (long seed = 1; seed <= 6; seed++) {
      boolean causal = seed % 2 == 0;
      Model model = TestModels.random(seed, 3, 2, 16, 4, 12, 6, 5, 8, causal);
      Path file = dir.resolve("model" + seed + ".onnx");
      OnnxExporter.write(model, file);

      Random random = new Random(seed);
      List<int[]> ids = new ArrayList<>();
      for (int length : new int[] {8, 3, 0, 5, 8, 1}) {
        ids.add(model.encode(TestModels.randomInput(random, 6, length)));
      }
      double[][][] java = model.forward(ids.toArray(int[][]::new));
      float[][][] onnx = runOnnx(file, padded(model, ids), OnnxExporter.OUTPUT);
      worst = Math.max(worst, compare(java, onnx));

      // Decoding agrees wherever the decision has a margin far above the tolerance.
      for (int b = 0; b < java.length; b++) {
        for (int p = 1; p < java[b].length; p++) {
          positions++;
          if (margin(java[b][p]) > 1e-3) {
            decodedChecked++;
            assertThat(model.decode(toDouble(onnx[b][p]))).isEqualTo(model.decode(java[b][p]));
          }
        }
      }
    }
    assertThat(worst).isLessThan(TOLERANCE);
    assertThat(decodedChecked).isGreaterThan(positions * 9 / 10);
  }

  @Test
  void residualOutputIsTheFinalResidualStream() throws Exception {
    Model model = TestModels.random(21, 2, 3, 8, 4, 6, 5, 4, 6, true);
    Path file = dir.resolve("model.onnx");
    OnnxExporter.write(model, file);
    List<String> input = TestModels.randomInput(new Random(5), 5, 6);
    double[][] expected = model.trace(input).finalResidual();
    float[][][] onnx = runOnnx(file, padded(model, List.of(model.encode(input))), OnnxExporter.RESIDUAL_OUTPUT);
    assertThat(compare(new double[][][] {expected}, onnx)).isLessThan(TOLERANCE);
  }

  @Test
  void handBuiltModelsDecodeIdenticallyWithPaddingAndCausalMasks() throws Exception {
    for (boolean causal : new boolean[] {false, true}) {
      for (OutputEncoding encoding : OutputEncoding.values()) {
        Model model = TestModels.fraction(causal, encoding);
        Path file = dir.resolve("fraction.onnx");
        OnnxExporter.write(model, file);
        List<List<String>> inputs = List.of(List.of("a", "b", "a"), List.of("b"), List.of("a", "a"),
            List.of(), List.of("b", "a", "b"));
        List<int[]> ids = inputs.stream().map(model::encode).toList();
        float[][][] onnx = runOnnx(file, padded(model, ids), OnnxExporter.OUTPUT);
        List<List<Object>> expected = model.runBatch(inputs);
        for (int b = 0; b < inputs.size(); b++) {
          List<Object> decoded = new ArrayList<>();
          for (int p = 1; p < ids.get(b).length; p++) {
            decoded.add(model.decode(toDouble(onnx[b][p])));
          }
          if (encoding == OutputEncoding.CATEGORICAL) {
            assertThat(decoded).isEqualTo(expected.get(b));
          } else {
            for (int p = 0; p < decoded.size(); p++) {
              double want = (Double) expected.get(b).get(p);
              assertThat(Tolerance.MODEL_OUTPUT.close(want, (Double) decoded.get(p)))
                  .as("position %d: %s, expected %s", p, decoded.get(p), want).isTrue();
            }
          }
        }
      }
    }
  }

  @Test
  void graphDeclaresItsVersionsAndCarriesTheConfig() throws IOException {
    var proto = OnnxExporter.toProto(TestModels.fraction(false, OutputEncoding.CATEGORICAL));
    assertThat(proto.getIrVersion()).isEqualTo(8);
    assertThat(proto.getOpsetImport(0).getVersion()).isEqualTo(17);
    assertThat(proto.getMetadataProps(0).getKey()).isEqualTo("tracr4j.config");
    assertThat(proto.getMetadataProps(0).getValue()).contains("\"input_vocab\"");
  }

  /** Distance of a categorical decision from flipping: to the runner-up, and to the 0.5 threshold. */
  private static double margin(double[] row) {
    double[] sorted = row.clone();
    Arrays.sort(sorted);
    double top = sorted[sorted.length - 1];
    double second = sorted.length > 1 ? sorted[sorted.length - 2] : Double.NEGATIVE_INFINITY;
    return Math.min(top - second, Math.abs(top - Model.CATEGORICAL_THRESHOLD));
  }

  private static double[] toDouble(float[] row) {
    double[] result = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      result[i] = row[i];
    }
    return result;
  }
}
