package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.chamber.RowPredicate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Value;

class SelectPredicateTest {
  /** Numbers where a sweep could go wrong: ±0, ties across kinds, the edge of exact integers, infinities. */
  private static final List<Value> NUMBERS = List.of(Value.of(0L), Value.of(-0.0), Value.of(0.0), Value.of(1L),
      Value.TRUE, Value.FALSE, Value.of(1.0), Value.of(0.5), Value.of(-3L), Value.of(-2.5), Value.of(1L << 53),
      Value.of((double) (1L << 53)), Value.of(-(1L << 53)), Value.of(7L), Value.of(Double.POSITIVE_INFINITY),
      Value.of(Double.NEGATIVE_INFINITY), Value.of(1e300), Value.NONE);
  /** Values that the sweep hands back to pair tests: strings, a NaN, integers not exact as doubles. */
  private static final List<Value> OTHERS = List.of(Value.of("a"), Value.of(Double.NaN), Value.of((1L << 53) + 1),
      Value.of(Long.MIN_VALUE), Value.of(Long.MAX_VALUE));

  @Test
  void rowsSelectExactlyThePairsThatTestTrue() {
    Random random = new Random(15);
    for (int round = 0; round < 400; round++) {
      List<Value> pool = new ArrayList<>(NUMBERS);
      if (round % 4 == 3) {
        pool.addAll(OTHERS);
      }
      List<BasisDirection> keys = directions("k", sample(pool, random));
      List<BasisDirection> queries = directions("q", sample(pool, random));
      for (Comparison comparison : Comparison.values()) {
        assertSameAsPairs(new SelectPredicate(comparison), keys, queries, comparison + " round " + round);
      }
    }
  }

  /** A lambda has no sweep: its head keeps the pair tests. */
  @Test
  void aUserPredicateTestsPairs() {
    SelectPredicate lambda = new SelectPredicate(new Lambda(List.of("k", "q"),
        new org.tracr4j.rasp.Term.Constant(Value.TRUE)));
    assertThat(lambda.against(directions("k", List.of(Value.of(1L))))).isNull();
  }

  private static void assertSameAsPairs(SelectPredicate predicate, List<BasisDirection> keys,
      List<BasisDirection> queries, String what) {
    RowPredicate.Rows rows = predicate.against(keys);
    if (rows == null) {
      return;
    }
    for (BasisDirection query : queries) {
      BitSet expected = new BitSet();
      for (int j = 0; j < keys.size(); j++) {
        if (predicate.test(query, keys.get(j))) {
          expected.set(j);
        }
      }
      BitSet seen = new BitSet();
      rows.selected(query, (from, to) -> {
        assertThat(from).as(what).isLessThan(to);
        assertThat(seen.get(from, to).isEmpty()).as(what + ": runs overlap").isTrue();
        seen.set(from, to);
      });
      assertThat(seen).as(what + " query " + query).isEqualTo(expected);
    }
  }

  private static List<Value> sample(List<Value> pool, Random random) {
    List<Value> values = new ArrayList<>(pool);
    Collections.shuffle(values, random);
    return values.subList(0, 1 + random.nextInt(values.size()));
  }

  private static List<BasisDirection> directions(String name, List<Value> values) {
    List<BasisDirection> directions = new ArrayList<>();
    for (Value value : values) {
      directions.add(new BasisDirection(name, value));
    }
    return directions;
  }
}
