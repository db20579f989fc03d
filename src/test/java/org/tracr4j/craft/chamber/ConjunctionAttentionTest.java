package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

/** The summed-QK AND: "same token at an earlier index", on streams with and without a match. */
class ConjunctionAttentionTest {
  private static final VectorSpace TOKENS = VectorSpace.fromValues("tokens", List.of("a", "b"));
  private static final VectorSpace INDICES = VectorSpace.fromValues("indices", IntStream.range(0, 4).boxed().toList());
  private static final BasisDirection IS_A = new BasisDirection("is_a");
  private static final BasisDirection OUT = new BasisDirection("mean");
  private static final VectorSpace RESIDUAL = VectorSpace.join(TOKENS, INDICES,
      VectorSpace.of(IS_A, OUT, Streams.ONE, Streams.BOS));

  private static final List<ConjunctionAttention.Conjunct> SAME_AND_EARLIER = List.of(
      new ConjunctionAttention.Conjunct(TOKENS, TOKENS, (q, k) -> q.value().equals(k.value())),
      new ConjunctionAttention.Conjunct(INDICES, INDICES, (q, k) -> (int) k.value() < (int) q.value()));

  private static double[][] stream(String... tokens) {
    List<double[]> rows = new ArrayList<>();
    rows.add(Streams.bos(RESIDUAL));
    for (int i = 0; i < tokens.length; i++) {
      double[] row = Streams.hot(RESIDUAL, new BasisDirection("tokens", tokens[i]),
          new BasisDirection("indices", i), Streams.ONE);
      rows.add(Streams.with(RESIDUAL, row, IS_A, tokens[i].equals("a") ? 1 : 0));
    }
    return rows.toArray(double[][]::new);
  }

  private static double[] read(AttentionHead head, double[][] stream) {
    double[][] written = head.apply(RESIDUAL, stream);
    return IntStream.range(0, written.length).mapToDouble(t -> VectorAssert.read(RESIDUAL, written[t], OUT)).toArray();
  }

  @Test
  void bosScoresBetweenAFullAndTheBestPartialMatch() {
    AttentionHead head = ConjunctionAttention.build(SAME_AND_EARLIER, VectorSpace.of(IS_A), VectorSpace.of(OUT),
        Streams.BOS, Streams.ONE, CategoricalAttention.Options.defaults());
    assertThat(head.qk().get(Streams.ONE, Streams.BOS)).isEqualTo(150);
    assertThat(head.qk().get(new BasisDirection("tokens", "a"), new BasisDirection("tokens", "a"))).isEqualTo(100);
    assertThat(head.qk().get(new BasisDirection("indices", 2), new BasisDirection("indices", 1))).isEqualTo(100);
    assertThat(head.qk().get(new BasisDirection("tokens", "a"), new BasisDirection("indices", 0))).isZero();
  }

  @Test
  void eachQueryAveragesExactlyTheKeysThatMeetEveryConjunct() {
    AttentionHead head = ConjunctionAttention.build(SAME_AND_EARLIER, VectorSpace.of(IS_A), VectorSpace.of(OUT),
        Streams.BOS, Streams.ONE, CategoricalAttention.Options.defaults()
            .withValueToOutput(direction -> OUT));
    // "a b a b": position 2 (a) selects position 0 (a): mean 1; position 3 (b) selects 1 (b): mean 0;
    // positions 0 and 1 select nothing: BOS, default 0. Partial matches (same token later, earlier index
    // with another token) must not leak.
    double[] out = read(head, stream("a", "b", "a", "b"));
    assertThat(out[1]).isCloseTo(0, offset(1e-12));
    assertThat(out[2]).isCloseTo(0, offset(1e-12));
    assertThat(out[3]).isCloseTo(1, offset(1e-12));
    assertThat(out[4]).isCloseTo(0, offset(1e-12));
  }

  @Test
  void forSelectorWidthBosTiesWithTheSelectedKeys() {
    AttentionHead head = ConjunctionAttention.build(SAME_AND_EARLIER, VectorSpace.of(Streams.BOS),
        VectorSpace.of(OUT), Streams.BOS, Streams.ONE, CategoricalAttention.Options.defaults()
            .withAlwaysAttendToBos(true).withUseBosForDefaultOutput(false));
    assertThat(head.qk().get(Streams.ONE, Streams.BOS)).isEqualTo(200);
    // "a a a": position i selects the i earlier a's, so BOS gets 1/(i+1).
    double[] out = read(head, stream("a", "a", "a"));
    assertThat(out[1]).isCloseTo(1, offset(1e-12));
    assertThat(out[2]).isCloseTo(1.0 / 2, offset(1e-12));
    assertThat(out[3]).isCloseTo(1.0 / 3, offset(1e-12));
  }
}
