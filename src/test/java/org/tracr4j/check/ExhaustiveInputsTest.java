package org.tracr4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Sequences;

class ExhaustiveInputsTest {
  @Test
  void shortestFirstThenInVocabularyOrder() {
    List<List<Value>> all = new ArrayList<>();
    new ExhaustiveInputs(Sequences.charVocab("ab"), 2).forEachRemaining(all::add);
    assertThat(all).containsExactly(Sequences.chars("a"), Sequences.chars("b"), Sequences.chars("aa"),
        Sequences.chars("ab"), Sequences.chars("ba"), Sequences.chars("bb"));
    assertThat(ExhaustiveInputs.count(2, 2)).isEqualTo(all.size());
  }

  @Test
  void theCountSaturatesInsteadOfOverflowing() {
    assertThat(ExhaustiveInputs.count(100_000, 100)).isEqualTo(Long.MAX_VALUE);
    assertThat(ExhaustiveInputs.count(3, 4)).isEqualTo(3 + 9 + 27 + 81);
  }
}
