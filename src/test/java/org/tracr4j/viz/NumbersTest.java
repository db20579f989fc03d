package org.tracr4j.viz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void integersPlainFractionsToFourDigitsExtremesScientific() {
    assertThat(Numbers.format(3)).isEqualTo("3");
    assertThat(Numbers.format(-0.0)).isEqualTo("0");
    assertThat(Numbers.format(0.5)).isEqualTo("0.5");
    assertThat(Numbers.format(1.0 / 3)).isEqualTo("0.3333");
    assertThat(Numbers.format(10.43127)).isEqualTo("10.43");
    assertThat(Numbers.format(3.72e-44)).isEqualTo("3.72e-44");
    assertThat(Numbers.format(-2.5e7 + 0.5)).isEqualTo("-2.50e+07");
    assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void compactKeepsSixSignificantDigits() {
    assertThat(Numbers.compact(1.0 / 3)).isEqualTo(0.333333);
    assertThat(Numbers.compact(0)).isEqualTo(0);
    assertThat(Numbers.compact(123456789)).isEqualTo(123457000);
  }
}
