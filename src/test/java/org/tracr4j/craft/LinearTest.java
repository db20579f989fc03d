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

  @Test
  void aRowsBuilderGivesWhatTheBuilderGives() {
    VectorSpace input = VectorSpace.of(A, B);
    VectorSpace output = VectorSpace.of(C, D);
    Linear inOrder = Linear.rowsBuilder(input, output, 1).add(0, 1, -0.0).add(1, 0, 2).add(1, 1, -3).build();
    Linear anyOrder = Linear.builder(input, output).addAt(1, 1, -3).addAt(0, 1, -0.0).addAt(1, 0, 2).build();
    assertThat(inOrder).isEqualTo(anyOrder);
    // −0.0 added to +0.0 is +0.0, which is not stored, as with the builder.
    assertThat(inOrder.weights().storedCount()).isEqualTo(2);
    assertThat(inOrder.weights().sparse().rowStart()).containsExactly(0, 0, 2);
  }

  @Test
  void aRowsBuilderRefusesEntriesOutOfOrder() {
    Linear.RowsBuilder builder = Linear.rowsBuilder(VectorSpace.of(A, B), VectorSpace.of(C, D), 4).add(1, 0, 1);
    assertThatThrownBy(() -> builder.add(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.add(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.add(1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    builder.build();
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void combinesDisjointRowsSparseRowsOverlappingAndDenseAlike() {
    BasisDirection e = new BasisDirection("e");
    List<BasisDirection> wide = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      wide.add(new BasisDirection("w", i));
    }
    VectorSpace outputs = VectorSpace.of(wide);
    Linear first = Linear.builder(VectorSpace.of(A, C), outputs).addAt(0, 3, 1).addAt(1, 39, -0.0).build();
    Linear second = Linear.builder(VectorSpace.of(B, e), VectorSpace.of(wide.get(3), wide.get(7)))
        .addAt(0, 1, 2).addAt(1, 0, 3).build();
    Linear third = Linear.builder(VectorSpace.of(A), VectorSpace.of(wide.get(3))).addAt(0, 0, 4).build();
    // Rows a, c from the first map, b, e from the second: copied row by row.
    Linear disjoint = Linear.combineInParallel(List.of(first, second));
    assertThat(disjoint.input()).isEqualTo(VectorSpace.of(A, B, C, e));
    assertThat(disjoint.get(A, wide.get(3))).isEqualTo(1);
    assertThat(disjoint.get(B, wide.get(7))).isEqualTo(2);
    assertThat(disjoint.get(e, wide.get(3))).isEqualTo(3);
    assertThat(disjoint.weights().storedCount()).isEqualTo(3);
    // Row a from two maps: summed.
    Linear overlapping = Linear.combineInParallel(List.of(first, second, third));
    assertThat(overlapping.get(A, wide.get(3))).isEqualTo(5);
    assertThat(overlapping.weights().storedCount()).isEqualTo(3);
    // Small maps: summed densely, with the same numbers.
    Linear dense = Linear.combineInParallel(List.of(second, third));
    assertThat(dense.matrix()).containsExactly(
        4, 0,
        0, 2,
        3, 0);
  }
}
