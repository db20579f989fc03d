package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorInBasisTest {
  private static final BasisDirection X = new BasisDirection("x");
  private static final BasisDirection Y = new BasisDirection("y");
  private static final BasisDirection Z = new BasisDirection("z");

  @Test
  void addsAndScalesInTheSameSpace() {
    VectorSpace space = VectorSpace.of(X, Y);
    VectorInBasis sum = space.vector(X).plus(space.vector(Y).times(3)).minus(space.vector(X).times(0.5));
    assertThat(sum.magnitudes()).containsExactly(0.5, 3);
    assertThat(sum.get(Y)).isEqualTo(3);
  }

  @Test
  void refusesToAddVectorsOfDifferentSpaces() {
    VectorInBasis x = VectorSpace.of(X, Y).vector(X);
    VectorInBasis z = VectorSpace.of(X, Z).vector(Z);
    assertThatThrownBy(() -> x.plus(z))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[x, y]")
        .hasMessageContaining("[x, z]");
  }

  @Test
  void projectsWithZerosForMissingDirections() {
    VectorInBasis vector = new VectorInBasis(VectorSpace.of(X, Y), new double[] {2, 5});
    VectorInBasis projected = vector.project(VectorSpace.of(Y, Z));
    assertThat(projected.space()).isEqualTo(VectorSpace.of(Y, Z));
    assertThat(projected.magnitudes()).containsExactly(5, 0);
  }

  @Test
  void checksItsLength() {
    assertThatThrownBy(() -> new VectorInBasis(VectorSpace.of(X), new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
