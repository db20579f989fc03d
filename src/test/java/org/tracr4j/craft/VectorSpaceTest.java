package org.tracr4j.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorSpaceTest {
  private static final BasisDirection A = new BasisDirection("a");
  private static final BasisDirection B1 = new BasisDirection("b", 1);
  private static final BasisDirection B2 = new BasisDirection("b", 2);
  private static final BasisDirection C = new BasisDirection("c");

  @Test
  void sortsAndDeduplicatesItsBasis() {
    VectorSpace space = VectorSpace.of(C, B2, A, B1, A);
    assertThat(space.basis()).containsExactly(A, B1, B2, C);
    assertThat(space.dims()).isEqualTo(4);
    assertThat(space.indexOf(B2)).isEqualTo(2);
    assertThat(space.indexOf(new BasisDirection("z"))).isEqualTo(-1);
    assertThat(space).isEqualTo(VectorSpace.of(List.of(A, B1, B2, C)));
  }

  @Test
  void buildsFromNamesAndValues() {
    assertThat(VectorSpace.fromNames("one", "a").basis()).containsExactly(A, new BasisDirection("one"));
    assertThat(VectorSpace.fromValues("b", List.of(2, 1)).basis()).containsExactly(B1, B2);
  }

  @Test
  void joinIsTheSortedUnion() {
    VectorSpace joined = VectorSpace.join(VectorSpace.of(C, B1), VectorSpace.of(B1, A));
    assertThat(joined.basis()).containsExactly(A, B1, C);
  }

  @Test
  void directSumRejectsOverlapAndNamesBothSpaces() {
    assertThat(VectorSpace.directSum(VectorSpace.of(C), VectorSpace.of(A)).basis()).containsExactly(A, C);
    assertThatThrownBy(() -> VectorSpace.directSum(VectorSpace.of(A, B1), VectorSpace.of(B1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b:1")
        .hasMessageContaining("[a, b:1]")
        .hasMessageContaining("[b:1]");
  }

  @Test
  void knowsItsSubspaces() {
    VectorSpace big = VectorSpace.of(A, B1, C);
    assertThat(VectorSpace.of(A, C).isSubspaceOf(big)).isTrue();
    assertThat(VectorSpace.of(A, B2).isSubspaceOf(big)).isFalse();
    assertThat(VectorSpace.of(C, A).indicesIn(big)).containsExactly(0, 2);
    assertThat(VectorSpace.of(A, B2).indicesIn(big)).containsExactly(0, -1);
    assertThatThrownBy(() -> VectorSpace.of(A, B2).embeddingInto(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a, b:2]")
        .hasMessageContaining("[a, b:1, c]");
  }

  @Test
  void makesOneHotVectors() {
    VectorSpace space = VectorSpace.of(A, B1);
    assertThat(space.vector(B1).magnitudes()).containsExactly(0, 1);
    assertThatThrownBy(() -> space.vector(C)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsEachDirectionsPositionInAnotherSpaceAsALookupDoes() {
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 300; round++) {
      List<BasisDirection> mine = new java.util.ArrayList<>();
      List<BasisDirection> theirs = new java.util.ArrayList<>();
      for (int i = random.nextInt(12); i >= 0; i--) {
        (random.nextBoolean() ? mine : theirs).add(direction(random));
        if (random.nextInt(3) == 0) {
          BasisDirection shared = direction(random);
          mine.add(shared);
          theirs.add(shared);
        }
      }
      VectorSpace space = VectorSpace.of(mine);
      VectorSpace other = VectorSpace.of(theirs);
      int[] walked = space.indicesIn(other); // other's index not built yet: the sorted walk
      int[] looked = new int[space.dims()];
      for (int i = 0; i < looked.length; i++) {
        looked[i] = other.indexOf(space.direction(i)); // builds the index
      }
      assertThat(walked).containsExactly(looked);
      assertThat(space.indicesIn(other)).containsExactly(looked); // the index's answer
    }
  }

  @Test
  void takesIncreasingDirectionsAsTheyAre() {
    assertThat(VectorSpace.ofIncreasing(List.of(A, B1, B2, C))).isEqualTo(VectorSpace.of(C, B2, A, B1));
    assertThat(VectorSpace.fromIncreasingValues("b", new java.util.TreeSet<>(List.of(2, 1))))
        .isEqualTo(VectorSpace.fromValues("b", List.of(1, 2)));
    assertThat(VectorSpace.ofIncreasing(List.of())).isEqualTo(VectorSpace.empty());
    assertThatThrownBy(() -> VectorSpace.ofIncreasing(List.of(B2, B1))).isInstanceOf(AssertionError.class);
  }

  @Test
  void joinsTwoOrManySpacesAsSortingTheirConcatenationDoes() {
    java.util.Random random = new java.util.Random(5);
    for (int round = 0; round < 2000; round++) {
      List<VectorSpace> spaces = new java.util.ArrayList<>();
      List<BasisDirection> all = new java.util.ArrayList<>();
      for (int s = random.nextInt(4); s >= 0; s--) {
        List<BasisDirection> chosen = new java.util.ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          String name = List.of("a", "b", "c").get(random.nextInt(3));
          chosen.add(random.nextBoolean() ? new BasisDirection(name) : new BasisDirection(name, random.nextInt(4)));
        }
        VectorSpace space = random.nextInt(4) == 0 && !spaces.isEmpty() ? spaces.get(0) : VectorSpace.of(chosen);
        spaces.add(space);
        all.addAll(space.basis());
      }
      VectorSpace joined = VectorSpace.join(spaces);
      assertThat(joined).isEqualTo(VectorSpace.of(all));
      assertThat(VectorSpace.join(spaces.toArray(new VectorSpace[0]))).isEqualTo(joined);
      if (spaces.size() == 2 && spaces.get(0) == spaces.get(1)) {
        assertThat(joined).isSameAs(spaces.get(0)); // a space joined with itself is that space
      }
    }
  }

  /** Long runs of one name against a few directions (the merge copies them in blocks, found by galloping). */
  @Test
  void joinsLongRunsAgainstFewDirectionsAsSortingTheirConcatenationDoes() {
    java.util.Random random = new java.util.Random(6);
    for (int round = 0; round < 2000; round++) {
      List<VectorSpace> spaces = new java.util.ArrayList<>();
      List<BasisDirection> all = new java.util.ArrayList<>();
      for (int s = 1 + random.nextInt(4); s >= 0; s--) {
        List<BasisDirection> chosen = new java.util.ArrayList<>();
        int size = random.nextBoolean() ? random.nextInt(3) : random.nextInt(120);
        int bound = 1 + random.nextInt(200);
        for (int i = 0; i < size; i++) {
          String name = random.nextInt(8) == 0 ? "b" : "a";
          int value = random.nextInt(bound);
          chosen.add(random.nextInt(10) == 0 ? new BasisDirection(name) : new BasisDirection(name, value));
        }
        VectorSpace space = VectorSpace.of(chosen);
        spaces.add(space);
        all.addAll(space.basis());
      }
      VectorSpace joined = VectorSpace.join(spaces);
      assertThat(joined).isEqualTo(VectorSpace.of(all));
      assertThat(VectorSpace.join(spaces.get(0), spaces.get(1))).isEqualTo(VectorSpace.of(
          java.util.stream.Stream.concat(spaces.get(0).basis().stream(), spaces.get(1).basis().stream()).toList()));
    }
  }

  /**
   * Names a, b, c; no value, an integer or a string. An integer and a string order by their printed forms,
   * which is not a consistent order ("10" < "2" < 3 < 10): the lookup must still agree.
   */
  private static BasisDirection direction(java.util.Random random) {
    String name = List.of("a", "b", "c").get(random.nextInt(3));
    return switch (random.nextInt(3)) {
      case 0 -> new BasisDirection(name);
      case 1 -> new BasisDirection(name, List.of(2, 3, 10).get(random.nextInt(3)));
      default -> new BasisDirection(name, List.of("2", "10", "x").get(random.nextInt(3)));
    };
  }
}
