package org.tracr4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;

/**
 * Folds a compression into the compiled weights, giving an ordinary d-wide transformer that computes
 * exactly what the compressed model computes (every map around the frozen weights is linear):
 * {@code W_E·W}, {@code W_pos·W}, per head {@code Wᵀ·W_Q}, {@code Wᵀ·W_K}, {@code Wᵀ·W_V}, {@code W_O·W},
 * {@code b_O·W}, {@code Wᵀ·W_in}, {@code W_out·W}, {@code b_out·W}, {@code Wᵀ·W_U}; the other biases are
 * unchanged.
 *
 * <p>The folded model's residual labels are {@code compressed:0 … compressed:d-1}; the compiled model's
 * labels, the compression settings and its figures go into the metadata under {@code compression.*}.
 */
public final class Folding {
  /** Metadata key that marks a compressed model; its value is {@code "true"}. */
  public static final String COMPRESSED = "compressed";
  public static final String PREFIX = "compression.";

  private Folding() {}

  /** The d-wide model of {@code compression}. */
  public static Model fold(Compression compression) {
    Model compiled = compression.compiled();
    ModelConfig c = compiled.config();
    int big = c.dModel();
    int d = compression.width();
    double[] w = compression.w();
    ModelConfig folded = new ModelConfig(c.layers(), c.heads(), d, c.dHead(), c.dMlp(), c.dVocab(),
        c.dVocabOut(), c.nCtx(), c.causal());
    Weights source = compiled.weights();
    List<Weights.Layer> layers = new ArrayList<>();
    int dh = c.dHead();
    for (Weights.Layer l : source.layers()) {
      double[] wQ = new double[c.heads() * d * dh];
      double[] wK = new double[wQ.length];
      double[] wV = new double[wQ.length];
      double[] wO = new double[c.heads() * dh * d];
      for (int h = 0; h < c.heads(); h++) {
        readInto(w, big, d, l.wQ(), h * big * dh, dh, wQ, h * d * dh);
        readInto(w, big, d, l.wK(), h * big * dh, dh, wK, h * d * dh);
        readInto(w, big, d, l.wV(), h * big * dh, dh, wV, h * d * dh);
        writeInto(l.wO(), h * dh * big, dh, w, big, d, wO, h * dh * d);
      }
      double[] bO = new double[d];
      writeInto(l.bO(), 0, 1, w, big, d, bO, 0);
      double[] wIn = new double[d * c.dMlp()];
      readInto(w, big, d, l.wIn(), 0, c.dMlp(), wIn, 0);
      double[] wOut = new double[c.dMlp() * d];
      writeInto(l.wOut(), 0, c.dMlp(), w, big, d, wOut, 0);
      double[] bOut = new double[d];
      writeInto(l.bOut(), 0, 1, w, big, d, bOut, 0);
      layers.add(new Weights.Layer(wQ, wK, wV, wO, l.bQ().clone(), l.bK().clone(), l.bV().clone(), bO,
          wIn, l.bIn().clone(), wOut, bOut));
    }
    double[] wE = new double[c.dVocab() * d];
    writeInto(source.wE(), 0, c.dVocab(), w, big, d, wE, 0);
    double[] wPos = new double[c.nCtx() * d];
    writeInto(source.wPos(), 0, c.nCtx(), w, big, d, wPos, 0);
    double[] wU = new double[d * c.dVocabOut()];
    readInto(w, big, d, source.wU(), 0, c.dVocabOut(), wU, 0);
    Weights weights = new Weights(wE, wPos, layers, wU, source.bU().clone());
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      labels.add("compressed:" + i);
    }
    return Model.takingOwnership(folded, weights, compiled.vocabulary(), compiled.output(), labels,
        metadata(compression));
  }

  /** The compiled model's metadata plus the {@code compressed} mark and the {@code compression.*} keys. */
  static Map<String, String> metadata(Compression compression) {
    Map<String, String> meta = new LinkedHashMap<>(compression.compiled().metadata());
    CompressionOptions o = compression.options();
    meta.put(COMPRESSED, "true");
    meta.put(PREFIX + "original_d_model", String.valueOf(compression.originalWidth()));
    meta.put(PREFIX + "d_model", String.valueOf(compression.width()));
    meta.put(PREFIX + "seed", String.valueOf(o.seed()));
    meta.put(PREFIX + "steps", String.valueOf(o.steps()));
    meta.put(PREFIX + "steps_trained", String.valueOf(compression.stepsTrained()));
    meta.put(PREFIX + "learning_rate", String.valueOf(o.learningRate()));
    meta.put(PREFIX + "batch", String.valueOf(o.batch()));
    meta.put(PREFIX + "layer_loss_weight", String.valueOf(o.layerLossWeight()));
    meta.put(PREFIX + "inputs", o.inputs().name().toLowerCase(Locale.ROOT));
    meta.put(PREFIX + "init", o.init().name().toLowerCase(Locale.ROOT));
    meta.put(PREFIX + "tolerance", String.valueOf(o.tolerance()));
    meta.put(PREFIX + "output_loss", String.valueOf(compression.outputLoss()));
    meta.put(PREFIX + "layer_loss", String.valueOf(compression.layerLoss()));
    meta.put(PREFIX + "accuracy", String.valueOf(compression.accuracy()));
    meta.put(PREFIX + "token_accuracy", String.valueOf(compression.tokenAccuracy()));
    meta.put(PREFIX + "eval_inputs", String.valueOf(o.evalInputs()));
    meta.put(PREFIX + "layer_cosines", String.join(",",
        compression.layerCosines().stream().map(String::valueOf).toList()));
    meta.put(PREFIX + "original_residual_labels", json(compression.compiled().residualLabels()));
    return meta;
  }

  /** A JSON array of strings: labels may hold any character. */
  static String json(List<String> labels) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(labels);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  /** {@code out[d][cols] (from outOff) = Wᵀ · m[D][cols] (from mOff)}: a weight that reads the residual. */
  private static void readInto(double[] w, int big, int d, double[] m, int mOff, int cols, double[] out,
      int outOff) {
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < big; i++) {
        double wij = w[i * d + j];
        if (wij == 0.0) {
          continue;
        }
        for (int k = 0; k < cols; k++) {
          out[outOff + j * cols + k] += wij * m[mOff + i * cols + k];
        }
      }
    }
  }

  /** {@code out[rows][d] (from outOff) = m[rows][D] (from mOff) · W}: a weight that writes the residual. */
  private static void writeInto(double[] m, int mOff, int rows, double[] w, int big, int d, double[] out,
      int outOff) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < big; i++) {
        double mri = m[mOff + r * big + i];
        if (mri == 0.0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          out[outOff + r * d + j] += mri * w[i * d + j];
        }
      }
    }
  }
}
