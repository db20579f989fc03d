package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToleranceTest {
  @Test
  void relativeAboveOneAbsoluteBelow() {
    assertThat(Tolerance.MODEL_OUTPUT.close(1000, 1000.0009)).isTrue();
    assertThat(Tolerance.MODEL_OUTPUT.close(1000, 1000.0011)).isFalse();
    assertThat(Tolerance.MODEL_OUTPUT.close(0, 9e-7)).isTrue();
    assertThat(Tolerance.MODEL_OUTPUT.close(0, 1.1e-6)).isFalse();
  }

  @Test
  void roundingMakesFloatingTwinsOneValue() {
    assertThat(Tolerance.ROUNDING.close(0.3, 0.1 + 0.2)).isTrue();
    assertThat(Tolerance.ROUNDING.close(1.0 / 2 - 1.0 / 3, 2.0 / 3 - 1.0 / 2)).isTrue();
    assertThat(Tolerance.ROUNDING.close(0.5, 0.5 + 1e-6)).isFalse();
  }

  @Test
  void sameComparesNumbersWithinTheToleranceAndOthersExactly() {
    assertThat(Tolerance.ROUNDING.same(Value.of(1), Value.TRUE)).isTrue();
    assertThat(Tolerance.ROUNDING.same(Value.of("a"), Value.of("a"))).isTrue();
    assertThat(Tolerance.ROUNDING.same(Value.of("1"), Value.of(1))).isFalse();
    assertThat(Tolerance.ROUNDING.same(Value.NONE, Value.of(0))).isFalse();
  }

  @Test
  void nanAndNegativeBoundsAreRefused() {
    assertThatThrownBy(() -> new Tolerance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Tolerance(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
