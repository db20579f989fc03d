package org.tracr4j.craft.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.craft.chamber.Streams.hot;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorAssert;
import org.tracr4j.craft.VectorSpace;

class CategoricalMlpTest {
  private static final VectorSpace INPUT = VectorSpace.fromValues("x", List.of(0, 1, 2, 3, 4, 5));
  private static final VectorSpace OUTPUT = VectorSpace.fromValues("y", List.of(0, 1, 2));
  private static final VectorSpace RESIDUAL = VectorSpace.join(INPUT, OUTPUT, VectorSpace.of(Streams.ONE));

  /** x ↦ x² mod 3, undefined (null) at 5. */
  private static BasisDirection square(BasisDirection x) {
    int value = (int) x.value();
    return value == 5 ? null : new BasisDirection("y", value * value % 3);
  }

  @Test
  void mapsEveryInputToTheOneHotOfItsImage() {
    for (Mlp mlp : List.of(CategoricalMlp.lookup(INPUT, OUTPUT, CategoricalMlpTest::square),
        CategoricalMlp.lookup(INPUT, OUTPUT, CategoricalMlpTest::square, "_hidden_y_"))) {
      for (BasisDirection x : INPUT.basis()) {
        double[] written = mlp.apply(RESIDUAL, new double[][] {hot(RESIDUAL, x, Streams.ONE)})[0];
        BasisDirection image = square(x);
        double[] expected = image == null ? new double[3] : OUTPUT.vector(image).magnitudes();
        assertThat(VectorAssert.read(RESIDUAL, written, OUTPUT)).as("f(%s)", x).containsExactly(expected);
        assertThat(VectorAssert.read(RESIDUAL, written, INPUT)).containsOnly(0);
      }
    }
  }

  @Test
  void writesNothingWhereNoInputIsHot() {
    Mlp mlp = CategoricalMlp.lookup(INPUT, OUTPUT, CategoricalMlpTest::square);
    double[] written = mlp.apply(RESIDUAL, new double[][] {hot(RESIDUAL, Streams.ONE)})[0];
    assertThat(written).containsOnly(0);
  }

  @Test
  void tracrLayoutUsesTheOutputSpaceAsHiddenSpace() {
    Mlp mlp = CategoricalMlp.lookup(INPUT, OUTPUT, CategoricalMlpTest::square);
    assertThat(mlp.hiddenSpace()).isEqualTo(OUTPUT);
    Mlp named = CategoricalMlp.lookup(INPUT, OUTPUT, CategoricalMlpTest::square, "_hidden_y_");
    assertThat(named.hiddenSpace()).isEqualTo(VectorSpace.fromValues("_hidden_y_", List.of(0, 1, 2)));
    assertThat(named.first().matrix()).isEqualTo(mlp.first().matrix());
  }

  @Test
  void buildsTheOppositeIndexPermutation() {
    // opp_idx-1 = opp_idx − 1 over opp_idx ∈ −3..4: an 8×8 shifted identity.
    VectorSpace input = VectorSpace.fromValues("opp_idx_4", IntStream.rangeClosed(-3, 4).boxed().toList());
    VectorSpace output = VectorSpace.fromValues("opp_idx-1_3", IntStream.rangeClosed(-4, 3).boxed().toList());
    Mlp mlp = CategoricalMlp.lookup(input, output, d -> new BasisDirection("opp_idx-1_3", (int) d.value() - 1));
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        assertThat(mlp.first().matrix()[i * 8 + j]).isEqualTo(i == j ? 1 : 0);
        assertThat(mlp.second().matrix()[i * 8 + j]).isEqualTo(i == j ? 1 : 0);
      }
    }
  }
}
