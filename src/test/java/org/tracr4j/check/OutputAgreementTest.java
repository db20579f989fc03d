package org.tracr4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;

class OutputAgreementTest {
  @Test
  void numbersEqualBooleansAsInRasp() {
    assertThat(OutputAgreement.comparedPositions(false, List.of(Value.FALSE), List.of(Value.of(0)))).isEqualTo(1);
    assertThat(OutputAgreement.comparedPositions(false, List.of(Value.of("a")), List.of(Value.NONE))).isEqualTo(-1);
  }

  @Test
  void aNumericalOutputSkipsTheInterpretersNoneButNothingElse() {
    List<Value> expected = List.of(Value.NONE, Value.of(0.5), Value.of(2));
    assertThat(OutputAgreement.comparedPositions(true, expected, List.of(Value.of(0), Value.of(0.5000001),
        Value.of(2)))).isEqualTo(2);
    assertThat(OutputAgreement.firstDifference(true, expected, List.of(Value.of(0), Value.of(0.5001),
        Value.of(2)))).isEqualTo(1);
  }

  @Test
  void categoricalNumbersAgreeOnlyUpToRounding() {
    assertThat(OutputAgreement.sameCategory(Value.of(0.3), Value.of(0.1 + 0.2))).isTrue();
    assertThat(OutputAgreement.sameCategory(Value.of(0.3), Value.of(0.3001))).isFalse();
    assertThat(OutputAgreement.sameCategory(Value.NONE, Value.NONE)).isTrue();
    assertThat(OutputAgreement.sameCategory(Value.NONE, Value.of("_"))).isFalse();
  }

  @Test
  void differentLengthsDisagreeAtTheFirstMissingPosition() {
    assertThat(OutputAgreement.firstDifference(false, List.of(Value.of(1), Value.of(2)), List.of(Value.of(1))))
        .isEqualTo(1);
  }
}
