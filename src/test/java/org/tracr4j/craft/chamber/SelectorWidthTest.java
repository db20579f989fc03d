package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.MultiAttentionHead;
import org.tracr4j.craft.SeriesWithResiduals;
import org.tracr4j.craft.TupleValue;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class SelectorWidthTest {
  private static final BasisDirection A = new BasisDirection("tokens", "a");
  private static final BasisDirection B = new BasisDirection("tokens", "b");
  private static final VectorSpace TOKENS = VectorSpace.of(A, B);
  private static final double COLDNESS = CategoricalAttention.DEFAULT_SOFTMAX_COLDNESS;
  private static final double L = NumericalMlp.DEFAULT_LARGE_NUMBER;
  /** Select(tokens, tokens, key == a): every query selects exactly the a's. */
  private static final BiPredicate<BasisDirection, BasisDirection> KEY_IS_A = (query, key) -> key.equals(A);
  private static final BiPredicate<BasisDirection, BasisDirection> TRUE = (query, key) -> true;

  private static VectorSpace categoricalOutput(String label, int maxLength) {
    return VectorSpace.fromValues(label, IntStream.rangeClosed(0, maxLength).boxed().toList());
  }

  private static SeriesWithResiduals numerical(String label, BasisDirection output, int maxLength, double large) {
    return SelectorWidth.numerical(TOKENS, TOKENS, KEY_IS_A, Streams.BOS, Streams.ONE, output, maxLength,
        COLDNESS, large, label);
  }

  private static SeriesWithResiduals categorical(String label, int maxLength, double large) {
    return SelectorWidth.categorical(TOKENS, TOKENS, KEY_IS_A, Streams.BOS, Streams.ONE,
        categoricalOutput(label, maxLength), w -> new BasisDirection(label, w), maxLength, COLDNESS, large, label);
  }

  private static VectorSpace residual(SeriesWithResiduals block) {
    return VectorSpace.join(block.residualSpace(), TOKENS, VectorSpace.of(Streams.ONE, Streams.BOS));
  }

  /** BOS then {@code width} a's and {@code length − width} b's; every position selects {@code width} keys. */
  private static double[][] stream(VectorSpace residual, int width, int length) {
    double[][] rows = new double[length + 1][];
    rows[0] = Streams.bos(residual);
    for (int i = 0; i < length; i++) {
      rows[i + 1] = Streams.hot(residual, i < width ? A : B, Streams.ONE);
    }
    return rows;
  }

  @Test
  void numericalWidthIsExactForEveryWidth() {
    int maxLength = 6;
    BasisDirection output = new BasisDirection("width");
    SeriesWithResiduals block = numerical("width", output, maxLength, L);
    VectorSpace residual = residual(block);
    for (int width = 0; width <= maxLength; width++) {
      double[][] written = block.apply(residual, stream(residual, width, maxLength));
      for (int t = 1; t <= maxLength; t++) {
        assertThat(VectorAssert.read(residual, written[t], output)).as("width %d", width).isCloseTo(width, offset(1e-9));
      }
      // BOS stays clean: the clean-up neuron removes the head's ≈1 and the decoder's f(1) = 0.
      VectorAssert.assertClose(residual, written[0], new double[residual.dims()], 1e-9);
    }
  }

  @Test
  void categoricalWidthIsAnExactOneHotForEveryWidth() {
    int maxLength = 5;
    VectorSpace output = categoricalOutput("width", maxLength);
    SeriesWithResiduals block = categorical("width", maxLength, L);
    VectorSpace residual = residual(block);
    for (int width = 0; width <= maxLength; width++) {
      double[][] written = block.apply(residual, stream(residual, width, maxLength));
      double[] expected = output.vector(new BasisDirection("width", width)).magnitudes();
      for (int t = 1; t <= maxLength; t++) {
        VectorAssert.assertClose(output, VectorAssert.read(residual, written[t], output), expected, 1e-9);
      }
      VectorAssert.assertClose(residual, written[0], new double[residual.dims()], 1e-9);
    }
  }

  @Test
  void lengthWeightsWithMaxLengthFourMatchTracrEntryByEntry() {
    int maxLength = 4;
    String label = "length";
    VectorSpace output = categoricalOutput(label, maxLength);
    SeriesWithResiduals block = SelectorWidth.categorical(TOKENS, TOKENS, TRUE, Streams.BOS, Streams.ONE, output,
        w -> new BasisDirection(label, w), maxLength, COLDNESS, L, label);
    BasisDirection attended = new BasisDirection("length_selector_width_attn_output");

    AttentionHead head = (AttentionHead) block.blocks().get(0);
    for (BasisDirection query : head.qk().left().basis()) {
      for (BasisDirection key : head.qk().right().basis()) {
        boolean tokenPair = TOKENS.contains(query) && TOKENS.contains(key);
        boolean bosFallback = query.equals(Streams.ONE) && key.equals(Streams.BOS);
        assertThat(head.qk().get(query, key)).as("W_QK[%s, %s]", query, key)
            .isEqualTo(tokenPair || bosFallback ? 100 : 0);
      }
    }
    assertThat(head.ov().input()).isEqualTo(VectorSpace.of(Streams.BOS));
    assertThat(head.ov().get(Streams.BOS, attended)).isEqualTo(1);

    Mlp mlp = (Mlp) block.blocks().get(1);
    String prefix = "_hidden_length_";
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(2 * maxLength + 2);
    assertThat(mlp.hiddenSpace().direction(8)).isEqualTo(SelectorWidth.cleanBosNeuron(label));
    assertThat(mlp.hiddenSpace().direction(9)).isEqualTo(new BasisDirection(prefix + "start"));
    Linear first = mlp.first();
    // Inputs 1/5, 1/4, 1/3, 1/2, 1; breakpoints 0.225, 7/24, 5/12, 0.75.
    double[] breakpoints = {0.225, 7.0 / 24, 5.0 / 12, 0.75};
    double[] fromOneIntoHalfZero = {-21.5, -28.1666666667, -40.6666666667, -74};
    double[] fromOneIntoHalfOne = {-22.5, -29.1666666667, -41.6666666667, -75};
    for (int k = 1; k <= maxLength; k++) {
      BasisDirection half0 = new BasisDirection(prefix, TupleValue.of(k, 0));
      BasisDirection half1 = new BasisDirection(prefix, TupleValue.of(k, 1));
      assertThat(first.get(attended, half0)).isEqualTo(100);
      assertThat(first.get(attended, half1)).isEqualTo(100);
      assertThat(first.get(Streams.ONE, half0)).isCloseTo(fromOneIntoHalfZero[k - 1], offset(1e-9));
      assertThat(first.get(Streams.ONE, half1)).isCloseTo(fromOneIntoHalfOne[k - 1], offset(1e-9));
      assertThat(first.get(Streams.ONE, half1)).isCloseTo(-100 * breakpoints[k - 1], offset(1e-12));
      assertThat(first.get(Streams.BOS, half0)).isZero();
      // Step k moves the output from length:(5 − k) to length:(4 − k).
      BasisDirection up = new BasisDirection(label, maxLength - k);
      BasisDirection down = new BasisDirection(label, maxLength - k + 1);
      for (BasisDirection out : mlp.second().output().basis()) {
        double expected = out.equals(up) ? 1 : out.equals(down) ? -1 : 0;
        assertThat(mlp.second().get(half0, out)).as("W2[%s, %s]", half0, out).isEqualTo(expected);
        assertThat(mlp.second().get(half1, out)).as("W2[%s, %s]", half1, out).isEqualTo(-expected + 0.0);
      }
    }
    BasisDirection start = new BasisDirection(prefix + "start");
    assertThat(first.get(Streams.ONE, start)).isEqualTo(1);
    assertThat(first.get(attended, start)).isZero();
    assertThat(mlp.second().get(start, new BasisDirection(label, 4))).isEqualTo(1);
    BasisDirection clean = SelectorWidth.cleanBosNeuron(label);
    assertThat(first.get(Streams.BOS, clean)).isEqualTo(1);
    assertThat(first.get(Streams.ONE, clean)).isZero();
    for (BasisDirection out : mlp.second().output().basis()) {
      double expected = out.equals(attended) || out.equals(new BasisDirection(label, 0)) ? -1 : 0;
      assertThat(mlp.second().get(clean, out)).as("W2[clean, %s]", out).isEqualTo(expected);
    }
  }

  @Test
  void lengthCountsEveryPosition() {
    int maxLength = 4;
    VectorSpace output = categoricalOutput("length", maxLength);
    SeriesWithResiduals block = SelectorWidth.categorical(TOKENS, TOKENS, TRUE, Streams.BOS, Streams.ONE, output,
        w -> new BasisDirection("length", w), maxLength, COLDNESS, L, "length");
    VectorSpace residual = residual(block);
    for (int length = 1; length <= maxLength; length++) {
      double[][] written = block.apply(residual, stream(residual, 1, length));
      for (int t = 1; t <= length; t++) {
        assertThat(VectorAssert.argmax(residual, written[t], output)).isEqualTo(new BasisDirection("length", length));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6})
  void defaultLargeNumberIsExactForNumericalWidthUpToSix(int maxLength) {
    BasisDirection output = new BasisDirection("width");
    SeriesWithResiduals block = numerical("width", output, maxLength, L);
    VectorSpace residual = residual(block);
    for (int width = 0; width <= maxLength; width++) {
      double[][] written = block.apply(residual, stream(residual, width, maxLength));
      assertThat(VectorAssert.read(residual, written[1], output)).isCloseTo(width, offset(1e-9));
    }
  }

  @Test
  void defaultLargeNumberStopsBeingExactAtNumericalWidthSevenAndALargerOneFixesIt() {
    int maxLength = 7;
    BasisDirection output = new BasisDirection("width");
    SeriesWithResiduals loose = numerical("width", output, maxLength, L);
    VectorSpace residual = residual(loose);
    double[][] written = loose.apply(residual, stream(residual, 7, maxLength));
    // The gap 1/7 − 1/8 is below 2/L: width 7 reads as 7 − (1 − 100/112) = 6.893.
    assertThat(VectorAssert.read(residual, written[1], output)).isCloseTo(6.893, offset(1e-3));

    SeriesWithResiduals tight = numerical("width", output, maxLength, 2 * maxLength * (maxLength + 1));
    for (int width = 0; width <= maxLength; width++) {
      double[][] exact = tight.apply(residual, stream(residual, width, maxLength));
      assertThat(VectorAssert.read(residual, exact[1], output)).as("width %d", width).isCloseTo(width, offset(1e-9));
    }
  }

  @Test
  void defaultLargeNumberDecodesCategoricalWidthUpToNineButNotTen() {
    SeriesWithResiduals nine = categorical("width", 9, L);
    VectorSpace residualNine = residual(nine);
    for (int width = 0; width <= 9; width++) {
      double[][] written = nine.apply(residualNine, stream(residualNine, width, 9));
      assertThat(VectorAssert.argmax(residualNine, written[1], categoricalOutput("width", 9)))
          .isEqualTo(new BasisDirection("width", width));
    }

    VectorSpace output = categoricalOutput("width", 10);
    SeriesWithResiduals loose = categorical("width", 10, L);
    VectorSpace residual = residual(loose);
    double[][] written = loose.apply(residual, stream(residual, 10, 10));
    assertThat(VectorAssert.argmax(residual, written[1], output)).isEqualTo(new BasisDirection("width", 9));

    SeriesWithResiduals larger = categorical("width", 10, 200);
    for (int width = 0; width <= 10; width++) {
      double[][] fixed = larger.apply(residual, stream(residual, width, 10));
      assertThat(VectorAssert.argmax(residual, fixed[1], output)).as("width %d", width)
          .isEqualTo(new BasisDirection("width", width));
    }
  }

  @Test
  void twoSelectorWidthsInOneMlpLayerKeepBosClean() {
    SeriesWithResiduals first = categorical("hist", 4, L);
    SeriesWithResiduals second = numerical("length", new BasisDirection("length"), 4, L);
    Mlp combined = Mlp.combineInParallel(List.of((Mlp) first.blocks().get(1), (Mlp) second.blocks().get(1)));
    assertThat(combined.hiddenSpace().contains(SelectorWidth.cleanBosNeuron("hist"))).isTrue();
    assertThat(combined.hiddenSpace().contains(SelectorWidth.cleanBosNeuron("length"))).isTrue();
    SeriesWithResiduals layered = new SeriesWithResiduals(List.of(
        new MultiAttentionHead(List.of(
            (AttentionHead) first.blocks().get(0), (AttentionHead) second.blocks().get(0))),
        combined));
    VectorSpace residual = VectorSpace.join(residual(first), residual(second));
    double[][] written = layered.apply(residual, stream(residual, 2, 4));
    VectorAssert.assertClose(residual, written[0], new double[residual.dims()], 1e-9);
    assertThat(VectorAssert.read(residual, written[1], new BasisDirection("length"))).isCloseTo(2, offset(1e-9));
    assertThat(VectorAssert.read(residual, written[1], new BasisDirection("hist", 2))).isCloseTo(1, offset(1e-9));
  }
}
