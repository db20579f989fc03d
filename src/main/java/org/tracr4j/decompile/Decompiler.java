package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;

/**
 * Reads a {@code .rasp} program back from a compiled model's weights. It uses only the weights and the
 * model's interface (shapes, input vocabulary with BOS and PAD, output values and encoding, maximum length,
 * causal flag): never residual labels, source or other metadata. Nothing depends on the order of residual
 * dimensions, neurons or heads: variables are found by which block writes and reads which dimensions.
 *
 * <p>Steps: the embeddings give {@code tokens} and {@code indices} ({@link Embeddings}); each layer's heads
 * become selects with aggregates or selector widths ({@link HeadRecovery}), its MLP maps and sequence maps
 * ({@link MlpRecovery}); W_U gives the output. The program is then run against the model on sampled inputs
 * ({@link Verifier}); a program that disagrees is refused, never returned.
 */
public final class Decompiler {
  private Decompiler() {}

  /**
   * The recovered program.
   *
   * @param source {@code .rasp} text computing what the model computes
   * @param statements number of s-op statements
   * @param inputsChecked inputs on which the program was run against the model
   * @param exhaustive whether those were all inputs up to the maximum length
   */
  public record Decompiled(String source, int statements, int inputsChecked, boolean exhaustive) {}

  /**
   * Decompiles and verifies.
   *
   * @throws UndecompilableModelException naming the block that is not a compiled construction, or an input
   *     on which the recovered program and the model disagree
   */
  public static Decompiled decompile(Model model) {
    return decompile(model, Verifier.EXHAUSTIVE_LIMIT, Verifier.SAMPLES);
  }

  /**
   * Decompiles and verifies on every input when there are at most {@code exhaustiveLimit}, else on
   * {@code samples} seeded random inputs.
   */
  public static Decompiled decompile(Model model, int exhaustiveLimit, int samples) {
    try {
      return decompile(model, exhaustiveLimit, samples, new Reading(true, false));
    } catch (UndecompilableModelException splitFailed) {
      // A categorical aggregate read as several means may leave its readers unrecoverable: read it as one.
      try {
        return decompile(model, exhaustiveLimit, samples, new Reading(false, false));
      } catch (UndecompilableModelException failed) {
        // A one-valued aggregate's empty selection read as 0 may leave its readers unrecoverable (a map of
        // it that writes nothing there is not one s-op): read it as none, as a categorical aggregate gives.
        try {
          return decompile(model, exhaustiveLimit, samples, new Reading(false, true));
        } catch (UndecompilableModelException alsoFailed) {
          throw failed;
        }
      }
    }
  }

  /**
   * Choices between readings of a head that the weights do not decide; each is verified.
   *
   * @param splitMeans read a head that writes several dimensions from one finite s-op through a select that
   *     picks several key values as one numerical mean per dimension (merged heads), not as a categorical
   *     aggregate
   * @param oneValuedNone read the empty selection of an aggregate of a one-valued s-op (one dimension) as
   *     none, a categorical aggregate, not as the number 0 of a numerical mean
   */
  record Reading(boolean splitMeans, boolean oneValuedNone) {}

  private static Decompiled decompile(Model model, int exhaustiveLimit, int samples, Reading reading) {
    ProgramText text = new ProgramText();
    String output = recover(model, text, reading);
    String header = "# decompiled by tracr4j from a model with " + model.config().layers() + " layers, vocabulary {"
        + String.join(", ", vocabulary(model)) + "}, max_seq_len " + model.maxSeqLen()
        + (model.config().causal() ? ", causal" : "") + "\n";
    String source = text.text(header, output);
    Verifier.Result checked = Verifier.check(model, source, exhaustiveLimit, samples);
    return new Decompiled(source, text.statements(), checked.inputs(), checked.exhaustive());
  }

  /** Recovers the program into {@code text} without verifying it; returns the output s-op's name. */
  static String recover(Model model, ProgramText text) {
    return recover(model, text, new Reading(true, false));
  }

  static String recover(Model model, ProgramText text, Reading reading) {
    ModelConfig c = model.config();
    // Model.weights() is a deep copy: take it once, not per entry read.
    Weights weights = model.weights();
    Residual residual = Embeddings.read(model, weights);
    Variable tokens = residual.variable(0);
    double[] bosResidual = new double[c.dModel()];
    int bos = model.vocabulary().bos();
    for (int i = 0; i < c.dModel(); i++) {
      bosResidual[i] = weights.wE()[bos * c.dModel() + i] + weights.wPos()[i];
    }
    boolean[] read = readDimensions(c, weights);
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = weights.layers().get(l);
      requireNoBias(layer.bO(), "blocks." + l + ".attn.b_O");
      List<Variable> written = new ArrayList<>();
      for (int h : headOrder(c, layer, l, residual, bosResidual, tokens, read, reading)) {
        written.addAll(new HeadRecovery(c, layer, l, h, residual, text, bosResidual, tokens, read, reading)
            .recoverAll());
      }
      for (Variable v : written) {
        residual.add(v, "blocks." + l + ".attn");
      }
      for (Variable v : new MlpRecovery(c, layer, l, residual, text, weights).recover()) {
        residual.add(v, "blocks." + l + ".mlp");
      }
    }
    return OutputRecovery.recover(model, weights, residual, text);
  }

  /**
   * The residual dimensions some block or the unembedding reads. A head's writes to the others change no
   * output: an exact-mode aggregate's key channel (where its selected keys are, for the model's own input
   * check) is such a write, and is not part of the program.
   */
  private static boolean[] readDimensions(ModelConfig c, Weights weights) {
    boolean[] read = new boolean[c.dModel()];
    for (Weights.Layer layer : weights.layers()) {
      for (int i = 0; i < c.dModel(); i++) {
        for (int h = 0; h < c.heads() && !read[i]; h++) {
          read[i] = Blocks.readsRow(c, layer.wQ(), h, i) || Blocks.readsRow(c, layer.wK(), h, i)
              || Blocks.readsRow(c, layer.wV(), h, i);
        }
        for (int j = 0; j < c.dMlp() && !read[i]; j++) {
          read[i] = !Numbers.isZero(layer.wIn()[i * c.dMlp() + j]);
        }
      }
    }
    for (int i = 0; i < c.dModel(); i++) {
      for (int j = 0; j < c.dVocabOut() && !read[i]; j++) {
        read[i] = !Numbers.isZero(weights.wU()[i * c.dVocabOut() + j]);
      }
    }
    return read;
  }

  /**
   * The layer's heads in an order that does not depend on how they are numbered: by what each computes
   * (its statements as recovered on their own, which read only earlier layers), so that the program's
   * statements and names are the same for every permutation of the heads.
   */
  private static List<Integer> headOrder(ModelConfig c, Weights.Layer layer, int l, Residual residual,
      double[] bosResidual, Variable tokens, boolean[] read, Reading reading) {
    List<String> keys = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int h = 0; h < c.heads(); h++) {
      ProgramText scratch = new ProgramText();
      StringBuilder key = new StringBuilder();
      for (Variable v : new HeadRecovery(c, layer, l, h, residual, scratch, bosResidual, tokens, read, reading)
          .recoverAll()) {
        key.append(scratch.text("", v.name())).append('\n');
      }
      keys.add(key.toString());
      order.add(h);
    }
    order.sort(java.util.Comparator.comparing(keys::get));
    return order;
  }

  private static void requireNoBias(double[] bias, String where) {
    if (!Numbers.isZero(bias)) {
      throw new UndecompilableModelException(where, "is not zero (compiled models have no attention output bias)");
    }
  }

  private static List<String> vocabulary(Model model) {
    List<String> tokens = new ArrayList<>();
    for (int id = 0; id < model.vocabulary().size(); id++) {
      if (id != model.vocabulary().bos() && id != model.vocabulary().pad()) {
        tokens.add(model.vocabulary().tokens().get(id));
      }
    }
    return tokens;
  }
}
