package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class CategoricalLinearSequenceMapMlpTest {
  private static final VectorSpace LENGTH = VectorSpace.fromValues("length", IntStream.rangeClosed(0, 6).boxed().toList());
  private static final VectorSpace INDICES = VectorSpace.fromValues("indices", IntStream.range(0, 6).boxed().toList());
  /** opp_idx = length − indices − 1 ranges over −6 .. 5. */
  private static final VectorSpace OPP_INDEX = VectorSpace.fromValues("opp_idx", IntStream.rangeClosed(-6, 5).boxed().toList());
  private static final VectorSpace RESIDUAL =
      VectorSpace.join(LENGTH, INDICES, OPP_INDEX, VectorSpace.of(Streams.ONE, Streams.BOS));
  private static final double[] SUMS = IntStream.rangeClosed(-5, 6).asDoubleStream().toArray();

  private static Mlp mlp(AtBos atBos) {
    return CategoricalLinearSequenceMapMlp.build(LENGTH, 1, INDICES, -1, d -> ((Integer) d.value()).doubleValue(),
        OPP_INDEX, Streams.ONE, atBos, SUMS, s -> new BasisDirection("opp_idx", (int) s - 1), 100, "_hidden_opp_");
  }

  @Test
  void writesTheOneHotOfTheFunctionOfTheSumForEveryPair() {
    for (AtBos atBos : new AtBos[] {new AtBos.Written(), new AtBos.Silenced(Streams.BOS)}) {
      Mlp mlp = mlp(atBos);
      for (BasisDirection length : LENGTH.basis()) {
        for (BasisDirection index : INDICES.basis()) {
          double[] row = Streams.hot(RESIDUAL, length, index, Streams.ONE);
          double[] written = mlp.apply(RESIDUAL, new double[][] {row})[0];
          int expected = (int) length.value() - (int) index.value() - 1;
          assertThat(VectorAssert.read(RESIDUAL, written, OPP_INDEX)).as("%s − %s − 1", length, index)
              .containsExactly(OPP_INDEX.vector(new BasisDirection("opp_idx", expected)).magnitudes());
        }
      }
    }
  }

  @Test
  void hasTwoNeuronsPerStepBetweenSumsNotOnePerPair() {
    assertThat(mlp(new AtBos.Written()).hiddenSpace().dims()).isEqualTo(2 * SUMS.length - 1);
  }

  @Test
  void silencedAtBosWhateverTheInputsHoldThere() {
    Mlp mlp = mlp(new AtBos.Silenced(Streams.BOS));
    // At BOS an input may hold any of its values (e.g. an aggregate's default): the largest sum and the
    // smallest both leave every neuron at 0.
    for (BasisDirection[] inputs : new BasisDirection[][] {
        {LENGTH.direction(6), INDICES.direction(0)}, {LENGTH.direction(0), INDICES.direction(5)}, {}}) {
      double[] row = Streams.bos(RESIDUAL);
      for (BasisDirection input : inputs) {
        row[RESIDUAL.indexOf(input)] = 1;
      }
      assertThat(mlp.apply(RESIDUAL, new double[][] {row})[0]).containsOnly(0.0);
    }
  }
}
