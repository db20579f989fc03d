package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;

class DeferredValuesTest {
  @Test
  void readsAsTheSetItDefersOnSeededSets() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 200; trial++) {
      TreeSet<Value> expected = new TreeSet<>();
      int size = random.nextInt(30);
      for (int i = 0; i < size; i++) {
        expected.add(random.nextBoolean() ? Value.of((long) random.nextInt(50)) : Value.of(random.nextInt(50) / 4.0));
      }
      List<Value> values = new ArrayList<>(expected);
      SortedSet<Value> deferred = new DeferredValues(() -> SortedValues.of(values));
      assertThat(deferred).isEqualTo(expected);
      assertThat(deferred.hashCode()).isEqualTo(expected.hashCode());
      assertThat(deferred.toString()).isEqualTo(expected.toString());
      assertThat(List.copyOf(deferred)).isEqualTo(values);
      if (!expected.isEmpty()) {
        Value middle = values.get(values.size() / 2);
        assertThat(deferred.first()).isEqualTo(expected.first());
        assertThat(deferred.last()).isEqualTo(expected.last());
        assertThat(deferred.headSet(middle)).isEqualTo(expected.headSet(middle));
        assertThat(deferred.tailSet(middle)).isEqualTo(expected.tailSet(middle));
        assertThat(deferred.contains(middle)).isTrue();
      }
      assertThat(deferred.contains(Value.NONE)).isFalse();
    }
  }

  @Test
  void worksTheSetOutOnlyWhenReadAndOnce() {
    AtomicInteger calls = new AtomicInteger();
    SortedSet<Value> deferred = new DeferredValues(() -> {
      calls.incrementAndGet();
      return SortedValues.range(0, 9);
    });
    assertThat(calls).hasValue(0);
    assertThat(deferred).hasSize(10);
    assertThat(deferred.contains(Value.of(3L))).isTrue();
    assertThat(calls).hasValue(1);
  }
}
