package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ExpressionMap} against a {@code HashMap} keyed by ids, on seeded random puts and lookups. */
class ExpressionMapTest {
  @Test
  void agreesWithAHashMapOnRandomPutsAndLookups() {
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      List<SOp> expressions = new ArrayList<>();
      SOp last = Rasp.tokens();
      int count = 1 + random.nextInt(3_000);
      for (int i = 0; i < count; i++) {
        last = Rasp.map(Lambda.unary(new Term.Constant(Value.of(i))), i % 7 == 0 ? Rasp.indices() : last);
        expressions.add(last);
      }
      ExpressionMap<Integer> map = new ExpressionMap<>(random.nextInt(4));
      Map<Long, Integer> reference = new HashMap<>();
      for (int step = 0; step < 3 * count; step++) {
        SOp expr = expressions.get(random.nextInt(expressions.size()));
        if (random.nextBoolean()) {
          Integer value = random.nextInt(1_000);
          assertThat(map.put(expr, value)).isEqualTo(reference.put(expr.id(), value));
        } else {
          assertThat(map.get(expr)).isEqualTo(reference.get(expr.id()));
          assertThat(map.containsKey(expr)).isEqualTo(reference.containsKey(expr.id()));
        }
        assertThat(map.size()).isEqualTo(reference.size());
      }
      for (SOp expr : expressions) {
        assertThat(map.get(expr)).isEqualTo(reference.get(expr.id()));
      }
    }
  }

  @Test
  void aFrozenMapRefusesPutsAndNullValuesAreRefused() {
    ExpressionMap<String> map = new ExpressionMap<>();
    SOp tokens = Rasp.tokens();
    assertThatThrownBy(() -> map.put(tokens, null)).isInstanceOf(IllegalArgumentException.class);
    map.put(tokens, "t");
    map.freeze();
    assertThat(map.get(tokens)).isEqualTo("t");
    assertThatThrownBy(() -> map.put(tokens, "u")).isInstanceOf(UnsupportedOperationException.class);
  }
}
