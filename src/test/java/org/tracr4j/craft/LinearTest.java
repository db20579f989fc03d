package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTest {
  private static final BasisDirection A = new BasisDirection("a");
  private static final BasisDirection B = new BasisDirection("b");
  private static final BasisDirection C = new BasisDirection("c");
  private static final BasisDirection D = new BasisDirection("d");

  @Test
  void buildsRowsFromAnActionInSortedOrder() {
    VectorSpace input = VectorSpace.of(B, A);
    VectorSpace output = VectorSpace.of(D, C);
    Linear map = Linear.fromAction(input, output,
        direction -> direction.equals(A) ? output.vector(D) : output.vector(C).times(2));
    assertThat(map.matrix()).containsExactly(0, 1, 2, 0);
    assertThat(map.get(B, C)).isEqualTo(2);
    assertThat(map.apply(new VectorInBasis(input, new double[] {1, 3})).magnitudes()).containsExactly(6, 1);
  }

  @Test
  void refusesAnActionWritingOutsideItsOutput() {
    VectorSpace output = VectorSpace.of(C);
    assertThatThrownBy(() -> Linear.fromAction(VectorSpace.of(A), output, direction -> VectorSpace.of(D).vector(D)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[d]")
        .hasMessageContaining("[c]");
  }

  @Test
  void refusesInputFromAnotherSpace() {
    Linear map = Linear.identity(VectorSpace.of(A, B));
    assertThatThrownBy(() -> map.apply(VectorSpace.of(A, C).vector(A)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a, c]")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void projectKeepsSharedDirectionsAndDropsTheRest() {
    Linear projection = Linear.project(VectorSpace.of(A, B, C), VectorSpace.of(B, C, D));
    assertThat(projection.matrix()).containsExactly(
        0, 0, 0,
        1, 0, 0,
        0, 1, 0);
  }

  @Test
  void combinesInParallelAddingCoincidingDirections() {
    Linear first = Linear.builder(VectorSpace.of(A), VectorSpace.of(C)).add(A, C, 2).build();
    Linear second = Linear.builder(VectorSpace.of(A, B), VectorSpace.of(C, D)).add(A, C, 3).add(B, D, 5).build();
    Linear combined = Linear.combineInParallel(List.of(first, second));
    assertThat(combined.input()).isEqualTo(VectorSpace.of(A, B));
    assertThat(combined.output()).isEqualTo(VectorSpace.of(C, D));
    assertThat(combined.matrix()).containsExactly(5, 0, 0, 5);
  }

  @Test
  void checksTheMatrixSize() {
    assertThatThrownBy(() -> new Linear(VectorSpace.of(A), VectorSpace.of(B, C), new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1x2");
  }

  @Test
  void aBuilderBuildsOnce() {
    Linear.Builder builder = Linear.builder(VectorSpace.of(A), VectorSpace.of(B)).add(A, B, 1);
    assertThat(builder.build().matrix()).containsExactly(1);
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
  }
}
