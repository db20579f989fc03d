package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class CategoricalAttentionTest {
  private static final VectorSpace TOKENS = VectorSpace.fromValues("tokens", List.of("a", "b", "c", "x"));
  private static final VectorSpace INDICES = VectorSpace.fromValues("indices", IntStream.range(0, 5).boxed().toList());
  private static final BasisDirection IS_X = new BasisDirection("is_x_3");
  private static final BasisDirection FRAC = new BasisDirection("frac_prevs_1");
  private static final VectorSpace RESIDUAL = VectorSpace.join(TOKENS, INDICES,
      VectorSpace.of(IS_X, FRAC, Streams.ONE, Streams.BOS));

  private static int value(BasisDirection direction) {
    return (int) direction.value();
  }

  /** Select(indices, indices, LEQ): the query at index q selects keys k ≤ q. */
  private static AttentionHead fracPrevs() {
    return CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(IS_X), VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> value(key) <= value(query));
  }

  /** BOS, then one row per token with its index, one, and is_x. */
  private static double[][] stream(String... tokens) {
    List<double[]> rows = new ArrayList<>();
    rows.add(Streams.bos(RESIDUAL));
    for (int i = 0; i < tokens.length; i++) {
      double[] row = Streams.hot(RESIDUAL, new BasisDirection("tokens", tokens[i]),
          new BasisDirection("indices", i), Streams.ONE);
      rows.add(Streams.with(RESIDUAL, row, IS_X, tokens[i].equals("x") ? 1 : 0));
    }
    return rows.toArray(double[][]::new);
  }

  private static double[] frac(AttentionHead head, double[][] stream) {
    double[][] written = head.apply(RESIDUAL, stream);
    return IntStream.range(0, written.length).mapToDouble(t -> VectorAssert.read(RESIDUAL, written[t], FRAC)).toArray();
  }

  @Test
  void fracPrevsWeightsMatchTracrEntryByEntry() {
    AttentionHead head = fracPrevs();
    VectorSpace queries = head.qk().left();
    VectorSpace keys = head.qk().right();
    assertThat(queries.basis()).extracting(BasisDirection::toString).containsExactly(
        "indices:0", "indices:1", "indices:2", "indices:3", "indices:4", "one", "tokens:compiler_bos");
    assertThat(keys.basis()).extracting(BasisDirection::toString).containsExactly(
        "indices:0", "indices:1", "indices:2", "indices:3", "indices:4", "tokens:compiler_bos");
    for (BasisDirection query : queries.basis()) {
      for (BasisDirection key : keys.basis()) {
        double expected;
        if (query.equals(Streams.ONE) && key.equals(Streams.BOS)) {
          expected = 50;
        } else if (query.name().equals("indices") && key.name().equals("indices")) {
          expected = value(key) <= value(query) ? 100 : 0;
        } else {
          expected = 0;
        }
        assertThat(head.qk().get(query, key)).as("W_QK[%s, %s]", query, key).isEqualTo(expected);
      }
    }
    assertThat(head.ov().input()).isEqualTo(VectorSpace.of(IS_X, Streams.BOS));
    assertThat(head.ov().get(IS_X, FRAC)).isEqualTo(1);
    assertThat(head.ov().get(Streams.BOS, FRAC)).isEqualTo(0);
    assertThat(head.causal()).isFalse();
  }

  @Test
  void averagesTheSelectedValues() {
    double[] written = frac(fracPrevs(), stream("a", "x", "b", "x"));
    assertThat(written).containsExactly(new double[] {0, 0, 0.5, 1.0 / 3, 0.5}, offset(1e-9));
  }

  @Test
  void nothingSelectedGivesTheDefault() {
    // The query at index q selects only keys k > q + 10: never.
    CategoricalAttention.Options options = CategoricalAttention.Options.defaults()
        .withDefaultOutput(VectorSpace.of(FRAC).vector(FRAC).times(-0.25));
    AttentionHead never = CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(IS_X), VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> value(key) > value(query) + 10, options);
    assertThat(frac(never, stream("x", "x", "a"))).containsExactly(new double[] {-0.25, -0.25, -0.25, -0.25}, offset(1e-9));
    AttentionHead zeroDefault = CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(IS_X), VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> false);
    assertThat(frac(zeroDefault, stream("x", "x", "a"))).containsExactly(new double[] {0, 0, 0, 0}, offset(1e-9));
  }

  @Test
  void bosLosesToAnySelectedKeyAndServesTheBosQuery() {
    CategoricalAttention.Options options = CategoricalAttention.Options.defaults()
        .withDefaultOutput(VectorSpace.of(FRAC).vector(FRAC).times(100));
    AttentionHead head = CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(IS_X), VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> value(key) <= value(query), options);
    double[] written = frac(head, stream("x", "a"));
    // The BOS query selects nothing and reads the default; the others barely see BOS (weight ≈ e^−50).
    assertThat(written[0]).isCloseTo(100, offset(1e-9));
    assertThat(written[1]).isCloseTo(1, offset(1e-9));
    assertThat(written[2]).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void causalMaskingHidesLaterKeysButNotBos() {
    // Select(indices, indices, GEQ): without a mask each query averages itself and every later key.
    AttentionHead later = CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(IS_X), VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> value(key) >= value(query));
    double[][] stream = stream("x", "a", "x", "a");
    assertThat(frac(later, stream)).containsExactly(new double[] {0, 0.5, 1.0 / 3, 0.5, 0}, offset(1e-9));
    AttentionHead causal = new AttentionHead(later.qk(), later.ov(), true);
    assertThat(frac(causal, stream)).containsExactly(new double[] {0, 1, 0, 1, 0}, offset(1e-9));
  }

  @Test
  void categoricalAggregateCopiesTheSelectedValueForEveryQueryKeyAndValue() {
    VectorSpace indices = VectorSpace.fromValues("indices", List.of(0, 1, 2, 3));
    VectorSpace tokens = VectorSpace.fromValues("tokens", List.of("a", "b", "c"));
    VectorSpace reverse = VectorSpace.fromValues("reverse", List.of("a", "b", "c"));
    VectorSpace residual = VectorSpace.join(indices, tokens, reverse, VectorSpace.of(Streams.ONE, Streams.BOS));
    AttentionHead head = CategoricalAttention.build(indices, indices, tokens, reverse, Streams.BOS, Streams.ONE,
        (query, key) -> value(key) == 3 - value(query));
    String[] letters = {"a", "b", "c"};
    for (int code = 0; code < 81; code++) {
      String[] sequence = new String[4];
      double[][] stream = new double[5][];
      stream[0] = Streams.hot(residual, Streams.BOS, Streams.ONE);
      for (int i = 0, rest = code; i < 4; i++, rest /= 3) {
        sequence[i] = letters[rest % 3];
        stream[i + 1] = Streams.hot(residual, new BasisDirection("indices", i),
            new BasisDirection("tokens", sequence[i]), Streams.ONE);
      }
      double[][] written = head.apply(residual, stream);
      for (int i = 0; i < 4; i++) {
        double[] expected = reverse.vector(new BasisDirection("reverse", sequence[3 - i])).magnitudes();
        VectorAssert.assertClose(reverse, VectorAssert.read(residual, written[i + 1], reverse), expected, 1e-9);
      }
      VectorAssert.assertClose(reverse, VectorAssert.read(residual, written[0], reverse), new double[3], 1e-9);
    }
  }

  @Test
  void pairsValuesWithOutputsPositionallyOrByAnExplicitMapping() {
    VectorSpace values = VectorSpace.fromValues("tokens", List.of("a", "b"));
    VectorSpace output = VectorSpace.fromValues("out", List.of(1, 2));
    AttentionHead positional = CategoricalAttention.build(INDICES, INDICES, values, output, Streams.BOS, Streams.ONE,
        (query, key) -> true);
    assertThat(positional.ov().get(new BasisDirection("tokens", "a"), new BasisDirection("out", 1))).isEqualTo(1);
    assertThat(positional.ov().get(new BasisDirection("tokens", "b"), new BasisDirection("out", 2))).isEqualTo(1);
    AttentionHead crossed = CategoricalAttention.build(INDICES, INDICES, values, output, Streams.BOS, Streams.ONE,
        (query, key) -> true, CategoricalAttention.Options.defaults().withValueToOutput(
            direction -> new BasisDirection("out", direction.value().equals("a") ? 2 : 1)));
    assertThat(crossed.ov().get(new BasisDirection("tokens", "a"), new BasisDirection("out", 2))).isEqualTo(1);
    assertThat(crossed.ov().get(new BasisDirection("tokens", "a"), new BasisDirection("out", 1))).isEqualTo(0);
    assertThatThrownBy(() -> CategoricalAttention.build(INDICES, INDICES, values, VectorSpace.of(FRAC),
        Streams.BOS, Streams.ONE, (query, key) -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokens:a")
        .hasMessageContaining("frac_prevs_1");
  }

  @Test
  void alwaysAttendingToBosGivesBosTheFullLogitAndCountsIt() {
    BasisDirection attended = new BasisDirection("w_selector_width_attn_output");
    CategoricalAttention.Options options = CategoricalAttention.Options.defaults()
        .withSoftmaxColdness(80).withAlwaysAttendToBos(true).withUseBosForDefaultOutput(false);
    AttentionHead head = CategoricalAttention.build(INDICES, INDICES, VectorSpace.of(Streams.BOS),
        VectorSpace.of(attended), Streams.BOS, Streams.ONE, (query, key) -> value(key) <= value(query), options);
    assertThat(head.qk().get(Streams.ONE, Streams.BOS)).isEqualTo(80);
    assertThat(head.qk().get(new BasisDirection("indices", 3), new BasisDirection("indices", 1))).isEqualTo(80);
    assertThat(head.ov().get(Streams.BOS, attended)).isEqualTo(1);
    VectorSpace residual = VectorSpace.join(RESIDUAL, VectorSpace.of(attended));
    double[][] stream = new double[4][];
    stream[0] = Streams.hot(residual, Streams.BOS, Streams.ONE);
    for (int i = 0; i < 3; i++) {
      stream[i + 1] = Streams.hot(residual, new BasisDirection("indices", i), Streams.ONE);
    }
    double[][] written = head.apply(residual, stream);
    for (int i = 0; i < 3; i++) {
      assertThat(VectorAssert.read(residual, written[i + 1], attended)).isCloseTo(1.0 / (i + 2), offset(1e-9));
    }
  }
}
