package org.tracr4j.craft.chamber;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.SeriesWithResiduals;
import org.tracr4j.craft.VectorSpace;

/**
 * Selector width (tracr-reference.md §4.8): how many keys each query selects, as an attention head followed
 * by an MLP, {@code SeriesWithResiduals([attention, mlp])}.
 *
 * <ol>
 *   <li><b>Attention</b>: {@link CategoricalAttention} with value space {@code {bos}}, output {@code {A}}
 *       ({@code A = ℓ_selector_width_attn_output}), {@code alwaysAttendToBos} and no BOS default, so
 *       {@code W_QK[one, bos] = c} and {@code W_OV[bos, A] = 1}. A query selecting {@code w} keys attends
 *       equally to them and to BOS, and only BOS carries {@code bos = 1}: the head writes {@code 1/(w+1)}.
 *   <li><b>Decoding MLP</b>: {@link NumericalMlp} (numerical output) or {@link NumericalToCategoricalMlp}
 *       (categorical) on input {@code A}, {@code f(x) = round(1/x − 1)}, input values
 *       {@code {1/(w+1) : w = 0..N}}, hidden prefix {@code _hidden_ℓ_}: hidden size {@code 2N + 1}.
 *   <li><b>BOS clean-up</b>: one neuron {@code _hidden_ℓ_clean_bos}, {@code W1[bos] = 1},
 *       {@code W2 = −e(A) − e(ℓ:0)} (categorical) or {@code −e(A)} (numerical). At BOS the head writes
 *       {@code ≈ 1} into {@code A} and the decoder writes {@code f(1) = 0}; this neuron removes both.
 * </ol>
 * The two MLPs run in parallel (hidden size {@code 2N + 2}).
 *
 * <p><b>Deviation from Tracr</b>: Tracr names the clean-up neuron {@code _hidden_clean_bos_} for every
 * selector width, so two selector widths in one MLP layer share it and BOS gets −1 in each clean-up
 * direction (§8). The name here includes the label.
 *
 * <p><b>Exactness</b>: the smallest gap between inputs is {@code 1/N − 1/(N+1)}, so the numerical output is
 * exact only when {@code L ≥ 2N(N+1)} (with {@code L = 100}: {@code N ≤ 6}) and the categorical argmax is
 * right only when {@code L > N(N+1)} ({@code N ≤ 9}).
 */
public final class SelectorWidth {
  private SelectorWidth() {}

  /** The attention output direction {@code ℓ_selector_width_attn_output}. */
  public static BasisDirection attentionOutput(String label) {
    return new BasisDirection(label + "_selector_width_attn_output");
  }

  /** The label-specific BOS clean-up neuron {@code _hidden_ℓ_clean_bos}. */
  public static BasisDirection cleanBosNeuron(String label) {
    return new BasisDirection(hiddenPrefix(label) + "clean_bos");
  }

  /** Writes the width as a number into {@code output}. */
  public static SeriesWithResiduals numerical(VectorSpace query, VectorSpace key,
      BiPredicate<BasisDirection, BasisDirection> predicate, BasisDirection bos, BasisDirection one,
      BasisDirection output, int maxLength, double softmaxColdness, double largeNumber, String label) {
    return numerical(query, key, predicate, bos, one, output, 0, maxLength, softmaxColdness, largeNumber, label);
  }

  /**
   * Like {@link #numerical(VectorSpace, VectorSpace, BiPredicate, BasisDirection, BasisDirection, BasisDirection,
   * int, double, double, String)} for a selector known to select {@code minWidth..maxWidth} keys: the decoder
   * has a point only for those widths (two neurons fewer per width left out).
   */
  public static SeriesWithResiduals numerical(VectorSpace query, VectorSpace key,
      BiPredicate<BasisDirection, BasisDirection> predicate, BasisDirection bos, BasisDirection one,
      BasisDirection output, int minWidth, int maxWidth, double softmaxColdness, double largeNumber, String label) {
    BasisDirection attended = attentionOutput(label);
    AttentionHead attention = CategoricalAttention.build(query, key, VectorSpace.of(bos), VectorSpace.of(attended),
        bos, one, predicate, headOptions(softmaxColdness));
    return numerical(attention, attended, bos, one, output, minWidth, maxWidth, largeNumber, label);
  }

  /**
   * The width of an AND of selects: the head is {@link ConjunctionAttention} with BOS at {@code n·c}, so it
   * still writes {@code 1/(w+1)} and the decoder is unchanged.
   */
  public static SeriesWithResiduals numerical(List<ConjunctionAttention.Conjunct> conjuncts, BasisDirection bos,
      BasisDirection one, BasisDirection output, int maxLength, double softmaxColdness, double largeNumber,
      String label) {
    return numerical(conjuncts, bos, one, output, 0, maxLength, softmaxColdness, largeNumber, label);
  }

  /** The numerical width of an AND of selects that selects {@code minWidth..maxWidth} keys. */
  public static SeriesWithResiduals numerical(List<ConjunctionAttention.Conjunct> conjuncts, BasisDirection bos,
      BasisDirection one, BasisDirection output, int minWidth, int maxWidth, double softmaxColdness,
      double largeNumber, String label) {
    BasisDirection attended = attentionOutput(label);
    return numerical(conjunctionHead(conjuncts, bos, one, softmaxColdness, attended), attended, bos, one, output,
        minWidth, maxWidth, largeNumber, label);
  }

  /**
   * Writes the one-hot of the width into {@code output}; {@code widthDirection(w)} is the direction of width
   * {@code w = 0..maxLength}, which must be in {@code output}.
   */
  public static SeriesWithResiduals categorical(VectorSpace query, VectorSpace key,
      BiPredicate<BasisDirection, BasisDirection> predicate, BasisDirection bos, BasisDirection one,
      VectorSpace output, IntFunction<BasisDirection> widthDirection, int maxLength, double softmaxColdness,
      double largeNumber, String label) {
    return categorical(query, key, predicate, bos, one, output, widthDirection, 0, maxLength, softmaxColdness,
        largeNumber, label);
  }

  /**
   * The categorical width of a select known to select {@code minWidth..maxWidth} keys; {@code output} needs
   * only those widths' directions.
   */
  public static SeriesWithResiduals categorical(VectorSpace query, VectorSpace key,
      BiPredicate<BasisDirection, BasisDirection> predicate, BasisDirection bos, BasisDirection one,
      VectorSpace output, IntFunction<BasisDirection> widthDirection, int minWidth, int maxWidth,
      double softmaxColdness, double largeNumber, String label) {
    BasisDirection attended = attentionOutput(label);
    AttentionHead attention = CategoricalAttention.build(query, key, VectorSpace.of(bos), VectorSpace.of(attended),
        bos, one, predicate, headOptions(softmaxColdness));
    return categorical(attention, attended, bos, one, output, widthDirection, minWidth, maxWidth, largeNumber,
        label);
  }

  /** The categorical width of an AND of selects (see the numerical variant). */
  public static SeriesWithResiduals categorical(List<ConjunctionAttention.Conjunct> conjuncts, BasisDirection bos,
      BasisDirection one, VectorSpace output, IntFunction<BasisDirection> widthDirection, int maxLength,
      double softmaxColdness, double largeNumber, String label) {
    return categorical(conjuncts, bos, one, output, widthDirection, 0, maxLength, softmaxColdness, largeNumber,
        label);
  }

  /** The categorical width of an AND of selects that selects {@code minWidth..maxWidth} keys. */
  public static SeriesWithResiduals categorical(List<ConjunctionAttention.Conjunct> conjuncts, BasisDirection bos,
      BasisDirection one, VectorSpace output, IntFunction<BasisDirection> widthDirection, int minWidth,
      int maxWidth, double softmaxColdness, double largeNumber, String label) {
    BasisDirection attended = attentionOutput(label);
    return categorical(conjunctionHead(conjuncts, bos, one, softmaxColdness, attended), attended, bos, one, output,
        widthDirection, minWidth, maxWidth, largeNumber, label);
  }

  private static SeriesWithResiduals numerical(AttentionHead attention, BasisDirection attended,
      BasisDirection bos, BasisDirection one, BasisDirection output, int minWidth, int maxWidth,
      double largeNumber, String label) {
    Mlp decoder = NumericalMlp.build(attended, output, one, inputValues(minWidth, maxWidth),
        x -> (double) width(x), largeNumber, hiddenPrefix(label));
    // At BOS the head writes 1 and the decoder its output at the largest point, the smallest width.
    Mlp cleanUp = cleanUp(label, bos, minWidth == 0 ? List.of(attended) : List.of(attended, output), minWidth);
    return new SeriesWithResiduals(List.of(attention, Mlp.combineInParallel(List.of(decoder, cleanUp))));
  }

  private static SeriesWithResiduals categorical(AttentionHead attention, BasisDirection attended,
      BasisDirection bos, BasisDirection one, VectorSpace output, IntFunction<BasisDirection> widthDirection,
      int minWidth, int maxWidth, double largeNumber, String label) {
    Mlp decoder = NumericalToCategoricalMlp.build(attended, output, one, inputValues(minWidth, maxWidth),
        x -> widthDirection.apply(width(x)), largeNumber, hiddenPrefix(label));
    Mlp cleanUp = cleanUp(label, bos, List.of(attended, widthDirection.apply(minWidth)), 1);
    return new SeriesWithResiduals(List.of(attention, Mlp.combineInParallel(List.of(decoder, cleanUp))));
  }

  /** BOS ties with the selected keys and carries the only value, {@code bos}; no BOS default. */
  private static CategoricalAttention.Options headOptions(double softmaxColdness) {
    return CategoricalAttention.Options.defaults()
        .withSoftmaxColdness(softmaxColdness)
        .withAlwaysAttendToBos(true)
        .withUseBosForDefaultOutput(false);
  }

  private static AttentionHead conjunctionHead(List<ConjunctionAttention.Conjunct> conjuncts, BasisDirection bos,
      BasisDirection one, double softmaxColdness, BasisDirection attended) {
    return ConjunctionAttention.build(conjuncts, VectorSpace.of(bos), VectorSpace.of(attended), bos, one,
        headOptions(softmaxColdness));
  }

  /**
   * One neuron, on only at BOS, that subtracts the first of {@code removed} once and the others
   * {@code times} times; it writes only those directions.
   */
  private static Mlp cleanUp(String label, BasisDirection bos, List<BasisDirection> removed, int times) {
    BasisDirection neuron = cleanBosNeuron(label);
    VectorSpace hidden = VectorSpace.of(neuron);
    VectorSpace output = VectorSpace.of(removed);
    // One row of distinct directions: set by walking the sorted output instead of hashing it.
    double[] second = new double[output.dims()];
    for (int j = 0; j < second.length; j++) {
      second[j] = output.direction(j).equals(removed.get(0)) ? -1 : -times;
    }
    return new Mlp(new Linear(VectorSpace.of(bos), hidden, new double[] {1}), new Linear(hidden, output, second));
  }

  private static double[] inputValues(int minWidth, int maxWidth) {
    if (maxWidth < 1 && minWidth == 0) {
      throw new IllegalArgumentException("Maximum length must be at least 1, got " + maxWidth);
    }
    if (minWidth < 0 || maxWidth < minWidth) {
      throw new IllegalArgumentException("Widths must be 0 <= min <= max, got " + minWidth + ".." + maxWidth);
    }
    // Ascending, as the discretising layer takes its points: the widest first.
    double[] values = new double[maxWidth - minWidth + 1];
    for (int w = maxWidth; w >= minWidth; w--) {
      values[maxWidth - w] = 1.0 / (w + 1);
    }
    return values;
  }

  /** {@code round(1/x − 1)}, half to even as in Python. */
  private static int width(double attention) {
    return (int) Math.rint(1 / attention - 1);
  }

  private static String hiddenPrefix(String label) {
    return "_hidden_" + label + "_";
  }
}
