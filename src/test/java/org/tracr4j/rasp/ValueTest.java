package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueTest {
  @Test
  void smallIntegersAreSharedAndEveryIntegerKeepsItsValue() {
    for (long v = -300; v <= 1300; v++) {
      Value a = Value.of(v);
      Value b = Value.of(v);
      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isInstanceOf(Value.Int.class);
      assertThat(((Value.Int) a).value()).isEqualTo(v);
      assertThat(a.toString()).isEqualTo(Long.toString(v));
      assertThat(a == b).isEqualTo(v >= -128 && v <= 1024);
    }
    assertThat(((Value.Int) Value.of(Long.MIN_VALUE)).value()).isEqualTo(Long.MIN_VALUE);
    assertThat(((Value.Int) Value.of(Long.MAX_VALUE)).value()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void integersAndDoublesAreEqualNumerically() {
    assertThat(Value.of(1)).isEqualTo(Value.of(1.0));
    assertThat(Value.of(1).hashCode()).isEqualTo(Value.of(1.0).hashCode());
    assertThat(Value.of(true)).isNotEqualTo(Value.of(1));
    assertThat(Value.of(0.0)).isEqualTo(Value.of(-0.0));
  }

  @Test
  void parsesTokensAsUsersTypeThem() {
    assertThat(Value.parseToken("12")).isEqualTo(new Value.Int(12));
    assertThat(Value.parseToken("-3")).isInstanceOf(Value.Int.class);
    assertThat(Value.parseToken("0.5")).isEqualTo(new Value.Real(0.5));
    assertThat(Value.parseToken("true")).isEqualTo(Value.TRUE);
    assertThat(Value.parseToken("\"12\"")).isEqualTo(new Value.Str("12"));
    assertThat(Value.parseToken("abc")).isEqualTo(new Value.Str("abc"));
  }

  @Test
  void printsShortestForms() {
    assertThat(Value.of(3).toString()).isEqualTo("3");
    assertThat(Value.of(2.0).toString()).isEqualTo("2.0");
    assertThat(Value.of(1.0 / 3).toString()).isEqualTo("0.3333333333333333");
    assertThat(Value.NONE.toString()).isEqualTo("_");
  }

  @Test
  void totalOrderIsConsistentAndByKindFirst() {
    List<Value> values = new ArrayList<>(List.of(Value.of("b"), Value.of(2.5), Value.NONE, Value.of(-1),
        Value.TRUE, Value.of("a"), Value.FALSE, Value.of(2), new Value.Tuple(List.of(Value.of(1)))));
    Collections.shuffle(values, new Random(7));
    Collections.sort(values);
    assertThat(values).containsExactly(Value.NONE, Value.FALSE, Value.TRUE, Value.of(-1), Value.of(2),
        Value.of(2.5), Value.of("a"), Value.of("b"), new Value.Tuple(List.of(Value.of(1))));
  }

  @Test
  void orderIsAntisymmetricOnRandomNumbers() {
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      Value a = random.nextBoolean() ? Value.of((long) random.nextInt(7) - 3) : Value.of(random.nextInt(13) / 2.0 - 3);
      Value b = random.nextBoolean() ? Value.of((long) random.nextInt(7) - 3) : Value.of(random.nextInt(13) / 2.0 - 3);
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
      assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(Double.compare(a.asDouble(), b.asDouble())));
    }
  }

  @Test
  void pythonArithmetic() {
    assertThat(ValueOperations.divide(Value.of(1), Value.of(2))).isEqualTo(Value.of(0.5));
    assertThat(ValueOperations.add(Value.of(1), Value.of(2))).isInstanceOf(Value.Int.class);
    assertThat(ValueOperations.modulo(Value.of(-1), Value.of(3))).isEqualTo(Value.of(2));
    assertThat(ValueOperations.add(Value.TRUE, Value.of(1))).isEqualTo(Value.of(2));
    assertThat(ValueOperations.equal(Value.TRUE, Value.of(1))).isTrue();
    assertThatThrownBy(() -> ValueOperations.divide(Value.of(1), Value.of(0)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ValueOperations.order(Value.of("a"), Value.of(1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void andOrReturnTheirOperandsAsPythonDoes() {
    assertThat(ValueOperations.and(Value.of(0), Value.of("x"))).isEqualTo(Value.of(0));
    assertThat(ValueOperations.and(Value.of(2), Value.of("x"))).isEqualTo(Value.of("x"));
    assertThat(ValueOperations.or(Value.of(""), Value.of(3))).isEqualTo(Value.of(3));
    assertThat(ValueOperations.or(Value.of(0.5), Value.of(3))).isEqualTo(Value.of(0.5));
    assertThat(ValueOperations.not(Value.NONE)).isEqualTo(Value.TRUE);
    assertThat(ValueOperations.not(Value.of(0.0))).isEqualTo(Value.TRUE);
    assertThat(ValueOperations.not(Value.of("a"))).isEqualTo(Value.FALSE);
  }

  @Test
  void moreArithmetic() {
    assertThat(ValueOperations.add(Value.of("a"), Value.of("b"))).isEqualTo(Value.of("ab"));
    assertThat(ValueOperations.modulo(Value.of(-1.5), Value.of(1.0))).isEqualTo(Value.of(0.5));
    assertThat(ValueOperations.multiply(Value.of(-1), Value.of(3))).isInstanceOf(Value.Int.class);
    assertThat(ValueOperations.subtract(Value.of(1), Value.of(0.25))).isEqualTo(Value.of(0.75));
    assertThat(ValueOperations.negate(Value.TRUE)).isEqualTo(Value.of(-1));
    assertThatThrownBy(() -> ValueOperations.add(Value.of("a"), Value.of(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ValueOperations.add(Value.of(Long.MAX_VALUE), Value.of(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThat(ValueOperations.order(Value.of(1), Value.of(1.0))).isZero();
    assertThat(ValueOperations.order(Value.FALSE, Value.of(0.5))).isNegative();
  }

  @Test
  void javaValuesAndTokensConvert() {
    assertThat(Value.ofJava(null)).isEqualTo(Value.NONE);
    assertThat(Value.ofJava(3)).isEqualTo(new Value.Int(3));
    assertThat(Value.ofJava(List.of(1, "a"))).isEqualTo(new Value.Tuple(List.of(Value.of(1), Value.of("a"))));
    assertThat(Value.ofJava(List.of(1, "a")).toString()).isEqualTo("(1, a)");
    assertThat(Value.of(2.0).toJava()).isEqualTo(2.0);
    assertThat(Value.parseToken("1e3")).isEqualTo(new Value.Real(1000.0));
    assertThat(Value.parseToken("-")).isEqualTo(new Value.Str("-"));
    assertThat(Value.parseToken("99999999999999999999")).isInstanceOf(Value.Str.class);
    assertThatThrownBy(() -> Value.ofJava(new Object())).isInstanceOf(IllegalArgumentException.class);
  }
}
