package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;

class SortedValuesTest {
  @Test
  void aSetOfNumbersListedLazilyIsTheSetOfTheirValues() {
    Random random = new Random(15);
    for (int trial = 0; trial < 200; trial++) {
      int size = random.nextInt(40);
      TreeSet<Double> distinct = new TreeSet<>();
      while (distinct.size() < size) {
        distinct.add(random.nextBoolean() ? random.nextInt(50) - 25 : random.nextInt(400) / 8.0 - 25);
      }
      double[] numbers = new double[size + random.nextInt(3)]; // longer than the set, as inference leaves it
      List<Value> values = new ArrayList<>();
      int k = 0;
      for (double x : distinct) {
        numbers[k++] = x;
        values.add(SortedValues.number(x));
      }
      SortedSet<Value> eager = SortedValues.ofIncreasing(values.toArray(new Value[0]));
      SortedSet<Value> lazy = SortedValues.ofIncreasingNumbers(numbers, size);
      assertThat(lazy.size()).isEqualTo(size);
      assertThat(lazy.contains(Value.NONE)).isFalse();
      assertThat(lazy.contains(Value.of("a"))).isFalse();
      if (size > 0) {
        Value probe = values.get(random.nextInt(size));
        assertThat(lazy.contains(probe)).isTrue();
        assertThat(lazy.headSet(probe)).isEqualTo(eager.headSet(probe));
        assertThat(lazy.first()).isEqualTo(eager.first());
      }
      assertThat(lazy.contains(Value.of(1000L))).isFalse();
      assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
      assertThat(new ArrayList<>(lazy)).isEqualTo(new ArrayList<>(eager));
      assertThat(lazy.toString()).isEqualTo(eager.toString());
    }
  }

  @Test
  void behavesAsATreeSetOfTheSameValuesInOrderEqualityHashAndPrintedForm() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Value> values = new ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--) {
        values.add(switch (random.nextInt(5)) {
          case 0 -> Value.of((long) random.nextInt(5));
          case 1 -> Value.of(random.nextInt(5) / 2.0);
          case 2 -> Value.of("abc".substring(random.nextInt(3)));
          case 3 -> Value.of(random.nextBoolean());
          default -> Value.NONE;
        });
      }
      TreeSet<Value> tree = new TreeSet<>(values);
      SortedValues sorted = SortedValues.of(values);
      assertThat(new ArrayList<>(sorted)).containsExactlyElementsOf(tree);
      assertThat(sorted).isEqualTo(tree).hasSameHashCodeAs(tree).hasToString(tree.toString());
      assertThat(tree).isEqualTo(sorted);
      if (!tree.isEmpty()) {
        assertThat(sorted.first()).isSameAs(tree.first());
        assertThat(sorted.last()).isSameAs(tree.last());
        Value middle = values.get(random.nextInt(values.size()));
        assertThat(sorted.headSet(middle)).isEqualTo(tree.headSet(middle));
        assertThat(sorted.tailSet(middle)).isEqualTo(tree.tailSet(middle));
        assertThat(sorted.subSet(tree.first(), middle)).isEqualTo(tree.subSet(tree.first(), middle));
      }
      for (Value v : values) {
        assertThat(sorted.contains(v)).isTrue();
      }
      assertThat(sorted.contains(Value.of("zzz"))).isEqualTo(tree.contains(Value.of("zzz")));
    }
  }

  @Test
  void keepsTheFirstOfValuesThatCompareAsEqualAsTreeSetAddDoes() {
    Value integer = Value.of(1L);
    Value real = Value.of(1.0);
    SortedSet<Value> sorted = SortedValues.of(List.of(real, Value.of(0L), integer));
    assertThat(sorted).hasSize(2);
    assertThat(sorted.last()).isSameAs(real);
    assertThat(sorted.last()).isInstanceOf(Value.Real.class);
  }

  @Test
  void manyFractionsIntegersAndRepeatsSortAsATreeSetDoes() {
    for (int kind = 0; kind < 3; kind++) {
      List<Value> values = new ArrayList<>();
      for (int a = 0; a < 40; a++) {
        for (int b = 1; b < 12; b++) {
          values.add(switch (kind) {
            case 0 -> Value.of(a / (double) b);
            case 1 -> Value.of((long) (a * b % 37) - 5);
            default -> a % 2 == 0 ? Value.of((long) (a / b)) : Value.of(a / (double) b);
          });
        }
      }
      values.add(Value.of(-0.0));
      TreeSet<Value> tree = new TreeSet<>(values);
      SortedValues sorted = SortedValues.of(values);
      assertThat(new ArrayList<>(sorted)).containsExactlyElementsOf(tree);
      assertThat(sorted.toString()).isEqualTo(tree.toString());
    }
  }

  @Test
  void rangesAndTheEmptySet() {
    assertThat(SortedValues.range(2, 4)).containsExactly(Value.of(2L), Value.of(3L), Value.of(4L));
    assertThat(SortedValues.range(3, 2)).isEmpty();
    assertThatThrownBy(() -> SortedValues.of(List.of()).first()).isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void cannotBeChanged() {
    SortedSet<Value> sorted = SortedValues.of(List.of(Value.of(1L), Value.of(2L)));
    assertThatThrownBy(() -> sorted.add(Value.of(3L))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sorted.remove(Value.of(1L))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sorted.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(sorted).hasSize(2);
  }
}
