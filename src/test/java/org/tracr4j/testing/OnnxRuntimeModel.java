package org.tracr4j.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tracr4j.export.OnnxExporter;
import org.tracr4j.model.Model;

/**
 * An exported {@code model.onnx} opened once in ONNX Runtime (creating the session is the slow part, so
 * tests keep one per model), with the {@link Model} whose vocabulary encodes the inputs and whose output
 * space decodes the {@code logits} rows by the rule of {@link Model#decode}.
 */
public final class OnnxRuntimeModel implements AutoCloseable {
  private final Model model;
  private final OrtSession session;

  private OnnxRuntimeModel(Model model, OrtSession session) {
    this.model = model;
    this.session = session;
  }

  /** Opens {@code file}; {@code model} supplies the vocabulary and the output space. */
  public static OnnxRuntimeModel open(Path file, Model model) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      return new OnnxRuntimeModel(model, env.createSession(file.toString(), options));
    }
  }

  /** The {@code logits} output, {@code [batch][longest + 1][dVocabOut]}, of inputs padded with PAD. */
  public float[][][] logits(List<int[]> ids) throws OrtException {
    int longest = ids.stream().mapToInt(a -> a.length).max().orElse(1);
    long[][] tokens = new long[ids.size()][longest];
    for (int b = 0; b < ids.size(); b++) {
      Arrays.fill(tokens[b], model.vocabulary().pad());
      for (int p = 0; p < ids.get(b).length; p++) {
        tokens[b][p] = ids.get(b)[p];
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor input = OnnxTensor.createTensor(env, tokens);
        OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
      return (float[][][]) result.get(OnnxExporter.OUTPUT).orElseThrow().getValue();
    }
  }

  /** Runs a batch of inputs (tokens without BOS) and decodes one value per input position, null for none. */
  public List<List<Object>> runBatch(List<? extends List<?>> inputs) throws OrtException {
    List<int[]> ids = inputs.stream().map(model::encode).toList();
    float[][][] logits = logits(ids);
    List<List<Object>> decoded = new ArrayList<>();
    for (int b = 0; b < ids.size(); b++) {
      List<Object> output = new ArrayList<>();
      for (int p = 1; p < ids.get(b).length; p++) {
        double[] row = new double[logits[b][p].length];
        for (int j = 0; j < row.length; j++) {
          row[j] = logits[b][p][j];
        }
        output.add(model.decode(row));
      }
      decoded.add(output);
    }
    return decoded;
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
