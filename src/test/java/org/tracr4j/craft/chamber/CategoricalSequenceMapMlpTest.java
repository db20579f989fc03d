package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class CategoricalSequenceMapMlpTest {
  private static final VectorSpace LENGTH = VectorSpace.fromValues("length_5", IntStream.rangeClosed(0, 4).boxed().toList());
  private static final VectorSpace INDICES = VectorSpace.fromValues("indices", IntStream.range(0, 4).boxed().toList());
  private static final VectorSpace OPP_INDEX = VectorSpace.fromValues("opp_idx_4", IntStream.rangeClosed(-3, 4).boxed().toList());
  private static final VectorSpace RESIDUAL = VectorSpace.join(LENGTH, INDICES, OPP_INDEX, VectorSpace.of(Streams.ONE));
  private static final String PREFIX = "_hidden_opp_idx_4_";

  /** opp_idx = length − indices. */
  private static BasisDirection oppositeIndex(BasisDirection length, BasisDirection index) {
    return new BasisDirection("opp_idx_4", (int) length.value() - (int) index.value());
  }

  private static Mlp mlp() {
    return CategoricalSequenceMapMlp.build(LENGTH, INDICES, OPP_INDEX, Streams.ONE,
        CategoricalSequenceMapMlpTest::oppositeIndex, PREFIX);
  }

  @Test
  void writesTheOneHotOfTheImageOfEveryPair() {
    Mlp mlp = mlp();
    for (BasisDirection length : LENGTH.basis()) {
      for (BasisDirection index : INDICES.basis()) {
        double[] written = mlp.apply(RESIDUAL, new double[][] {Streams.hot(RESIDUAL, length, index, Streams.ONE)})[0];
        assertThat(VectorAssert.read(RESIDUAL, written, OPP_INDEX)).as("%s − %s", length, index)
            .containsExactly(OPP_INDEX.vector(oppositeIndex(length, index)).magnitudes());
      }
    }
  }

  @Test
  void writesNothingWhenOnlyOneInputIsHot() {
    double[] written = mlp().apply(RESIDUAL, new double[][] {Streams.hot(RESIDUAL, LENGTH.direction(2), Streams.ONE)})[0];
    assertThat(written).containsOnly(0.0);
  }

  @Test
  void hasOneHiddenNeuronPerPairSortedByFirstThenSecondValue() {
    Mlp mlp = mlp();
    assertThat(mlp.hiddenSpace().dims()).isEqualTo(20);
    assertThat(mlp.hiddenSpace().direction(0).toString()).isEqualTo("_hidden_opp_idx_4_:('length_5', 0, 'indices', 0)");
    assertThat(mlp.hiddenSpace().direction(1).toString()).isEqualTo("_hidden_opp_idx_4_:('length_5', 0, 'indices', 1)");
    assertThat(mlp.hiddenSpace().direction(4).toString()).isEqualTo("_hidden_opp_idx_4_:('length_5', 1, 'indices', 0)");
    BasisDirection neuron = mlp.hiddenSpace().direction(7);
    assertThat(mlp.first().get(Streams.ONE, neuron)).isEqualTo(-1);
    assertThat(mlp.first().get(new BasisDirection("length_5", 1), neuron)).isEqualTo(1);
    assertThat(mlp.first().get(new BasisDirection("indices", 3), neuron)).isEqualTo(1);
    assertThat(mlp.first().get(new BasisDirection("indices", 2), neuron)).isEqualTo(0);
  }

  @Test
  void rejectsOverlappingInputSpaces() {
    assertThatThrownBy(() -> CategoricalSequenceMapMlp.build(INDICES, INDICES, OPP_INDEX, Streams.ONE,
        CategoricalSequenceMapMlpTest::oppositeIndex, PREFIX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disjoint")
        .hasMessageContaining("indices:0");
  }
}
