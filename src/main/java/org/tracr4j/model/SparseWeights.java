package org.tracr4j.model;

/**
 * A model's weight matrices as {@link SparseMatrix}es, and which components each sub-layer reads and writes,
 * for the forward pass. Built from the {@link WeightEntries} on the first forward pass, so compiling a model
 * that is only exported never pays for it.
 *
 * <p>What may be skipped, and why it changes no result:
 * <ul>
 *   <li>A component {@code c} of a head's queries is identically 0 when column {@code c} of W_Q and {@code
 *       b_Q[c]} are 0 (keys likewise); its term in every attention score is then 0, so scores sum only over
 *       {@link Head#scoreColumns}, and queries and keys are computed on those only.
 *   <li>A value component matters only when it can be nonzero and row {@code c} of W_O is not 0: {@link
 *       Head#valueColumns}.
 *   <li>A sub-layer reads only the residual components that some row of its input matrices uses ({@code
 *       reads}) and writes only those that a column of its output matrix or its output bias uses ({@code
 *       writes}); adding its output to the others would add 0. An MLP's hidden units matter only where
 *       W_out's row is used ({@link Layer#hiddenUnits}).
 * </ul>
 * Leaving out terms that are exactly 0 never changes a sum that starts at +0.0 or at a nonzero bias.
 */
final class SparseWeights {
  /**
   * One head: W_Q and W_K kept on {@code scoreColumns}, W_V on {@code valueColumns}, and W_O; the query/key
   * components that can both be nonzero and the value components that reach the output, ascending.
   */
  record Head(SparseMatrix wQ, SparseMatrix wK, SparseMatrix wV, SparseMatrix wO, int[] scoreColumns,
      int[] valueColumns) {
    /** Whether the head can add anything to the residual stream. */
    boolean contributes() {
      return valueColumns.length > 0;
    }
  }

  /**
   * One layer: its heads and the residual components the attention sub-layer reads and writes, then its MLP:
   * W_in (whole, for traced runs, and kept on the hidden units that reach the output), W_out, the residual
   * components it reads and writes, and those hidden units.
   */
  record Layer(Head[] heads, int[] attentionReads, int[] attentionWrites, SparseMatrix wIn,
      SparseMatrix wInReaching, SparseMatrix wOut, int[] mlpReads, int[] hiddenUnits, int[] mlpWrites) {}

  final Layer[] layers;
  final SparseMatrix wU;
  /** The residual components W_U reads. */
  final int[] unembeddingReads;
  /** {@code 0 .. dMlp - 1}: every hidden unit, for a traced run. */
  final int[] allHiddenUnits;

  private SparseWeights(Layer[] layers, SparseMatrix wU, int[] allHiddenUnits) {
    this.layers = layers;
    this.wU = wU;
    this.unembeddingReads = indices(wU.usedRows());
    this.allHiddenUnits = allHiddenUnits;
  }

  static SparseWeights of(ModelConfig c, WeightEntries weights) {
    Layer[] layers = new Layer[c.layers()];
    for (int l = 0; l < c.layers(); l++) {
      layers[l] = layer(c, weights.layers[l]);
    }
    boolean[] everyUnit = new boolean[c.dMlp()];
    java.util.Arrays.fill(everyUnit, true);
    return new SparseWeights(layers, SparseMatrix.of(weights.wU, 0, c.dModel(), c.dVocabOut()),
        indices(everyUnit));
  }

  private static Layer layer(ModelConfig c, WeightEntries.Layer layer) {
    int d = c.dModel();
    int dHead = c.dHead();
    Head[] heads = new Head[c.heads()];
    boolean[] reads = new boolean[d];
    boolean[] writes = nonzero(layer.bO(), 0, d);
    for (int h = 0; h < c.heads(); h++) {
      SparseMatrix wQ = layer.wQ()[h];
      SparseMatrix wK = layer.wK()[h];
      SparseMatrix wV = layer.wV()[h];
      SparseMatrix wO = layer.wO()[h];
      boolean[] score = and(mayBeNonzero(wQ, layer.bQ(), h * dHead), mayBeNonzero(wK, layer.bK(), h * dHead));
      boolean[] value = and(mayBeNonzero(wV, layer.bV(), h * dHead), wO.usedRows());
      Head head = new Head(wQ.keepColumns(score), wK.keepColumns(score), wV.keepColumns(value), wO,
          indices(score), indices(value));
      heads[h] = head;
      or(reads, head.wQ().usedRows());
      or(reads, head.wK().usedRows());
      or(reads, head.wV().usedRows());
      if (head.contributes()) {
        for (int j : head.valueColumns()) {
          for (int e = wO.rowStart()[j]; e < wO.rowStart()[j + 1]; e++) {
            writes[wO.columns()[e]] = true;
          }
        }
      }
    }
    SparseMatrix wIn = layer.wIn();
    SparseMatrix wOut = layer.wOut();
    boolean[] mlpWrites = nonzero(layer.bOut(), 0, d);
    or(mlpWrites, wOut.usedColumns());
    boolean[] reaching = wOut.usedRows();
    return new Layer(heads, indices(reads), indices(writes), wIn, wIn.keepColumns(reaching), wOut,
        indices(wIn.usedRows()), indices(reaching), indices(mlpWrites));
  }

  /** Components {@code j} of {@code x·W + bias} that are not 0 for every {@code x}. */
  private static boolean[] mayBeNonzero(SparseMatrix w, double[] bias, int biasOffset) {
    boolean[] used = w.usedColumns();
    or(used, nonzero(bias, biasOffset, used.length));
    return used;
  }

  private static boolean[] nonzero(double[] values, int offset, int length) {
    boolean[] result = new boolean[length];
    for (int j = 0; j < length; j++) {
      result[j] = values[offset + j] != 0.0;
    }
    return result;
  }

  private static boolean[] and(boolean[] a, boolean[] b) {
    boolean[] result = new boolean[a.length];
    for (int j = 0; j < a.length; j++) {
      result[j] = a[j] && b[j];
    }
    return result;
  }

  private static void or(boolean[] into, boolean[] other) {
    for (int j = 0; j < into.length; j++) {
      into[j] |= other[j];
    }
  }

  /** The indices of the true entries, ascending. */
  private static int[] indices(boolean[] flags) {
    int count = 0;
    for (boolean flag : flags) {
      if (flag) {
        count++;
      }
    }
    int[] result = new int[count];
    int next = 0;
    for (int j = 0; j < flags.length; j++) {
      if (flags[j]) {
        result[next++] = j;
      }
    }
    return result;
  }
}
