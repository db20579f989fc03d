package org.tracr4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracr4j.testing.Sequences.values;

import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;

class OutputsTest {
  @Test
  void numbersMatchWithinTheTolerance() {
    assertThat(Outputs.INTERPRETER.matches(Value.of(1.0 / 3), Value.of(0.3333333333))).isTrue();
    assertThat(Outputs.INTERPRETER.matches(Value.of(0.34), Value.of(1.0 / 3))).isFalse();
    assertThat(Outputs.INTERPRETER.matches(Value.of(2), Value.of(2.0))).isTrue();
    assertThat(Outputs.INTERPRETER.matches(Value.FALSE, Value.of(0.0))).as("python: False == 0.0").isTrue();
    assertThat(Outputs.COMPILED.matches(Value.of(100.4), Value.of(100))).isTrue();
    assertThat(Outputs.INTERPRETER.matches(Value.of("1"), Value.of(1))).isFalse();
  }

  @Test
  void otherValuesMatchExactly() {
    assertThat(Outputs.INTERPRETER.matches(Value.of("a"), Value.of("a"))).isTrue();
    assertThat(Outputs.INTERPRETER.matches(Value.of(1), Value.TRUE)).isFalse();
    assertThat(Outputs.INTERPRETER.matches(Value.TRUE, Value.TRUE)).isTrue();
  }

  @Test
  void noneMustMatchOrIsSkipped() {
    assertThat(Outputs.INTERPRETER.matches(Value.of("a"), Value.NONE)).isFalse();
    assertThat(Outputs.INTERPRETER.matches(Value.NONE, Value.NONE)).isTrue();
    assertThat(Outputs.COMPILED.matches(Value.of("a"), Value.NONE)).isTrue();
    assertThat(Outputs.INTERPRETER.matches(Value.NONE, Value.of(0))).isFalse();
  }

  @Test
  void failuresShowThePositionAndBothSequences() {
    assertThatThrownBy(() -> Outputs.INTERPRETER.assertMatches(values("a", "b"), values("a", "c")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("position 1").hasMessageContaining("[a, c]");
    assertThatThrownBy(() -> Outputs.INTERPRETER.assertMatches(values("a"), values("a", "c")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("expected 2 values");
  }
}
