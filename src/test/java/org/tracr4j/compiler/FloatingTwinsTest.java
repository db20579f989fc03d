package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * Numerical values that differ only by rounding (0.2 - 0.4 and 0.1 - 0.30000000000000004), both found by
 * differential fuzzing: a map that gives them equal outputs compiles and agrees with RASP; one that tells
 * them apart is rejected, since no model can.
 */
class FloatingTwinsTest {
  private static final List<Value> VOCAB = List.of(Value.of(-2), Value.of(-1), Value.of(0), Value.of(1),
      Value.of(2));

  @Test
  void aMapThatSeparatesTwinsIsRejectedWithItsReason() {
    SOp balance = Library.makePairBalance(Rasp.tokens(), -2, 0).named("balance");
    SOp separates = Rasp.map(x -> Value.of(!ValueOperations.equal(x, Value.of(-0.2))), balance).named("not_fifth");
    assertThatThrownBy(() -> Compiler.compile(separates, CompileOptions.of(VOCAB, 6)))
        .isInstanceOf(UnsupportedProgramException.class)
        .hasMessageContaining("not_fifth")
        .hasMessageContaining("floating-point rounding");
  }

  /**
   * Causal fuzz, program seed 20261274823314: |x - 1/6| of the twins 1/2 - 1/3 and 2/3 - 1/2 gives 0 and
   * 5.6e-17, one number within the tolerance but two categories, which a later {@code >=} told apart; the
   * model wrote the first twin's category for both and answered wrong. A categorical map must give twins
   * equal outputs.
   */
  @Test
  void aCategoricalMapGivingTwinsNearlyEqualOutputsIsRejected() {
    String source = """
        v1 = numerical(map(x -> x >= 2, indices));
        sel2 = select(tokens, tokens, <=);
        v3 = numerical(aggregate(sel2, v1, 0));
        v5 = numerical(map(x -> abs(x - 0.5), v3));
        v6 = sequence_map((x, y) -> abs(x - y), indices, indices);
        v7 = map(x -> abs(x - 0.16666666666666663), v5);
        v8 = sequence_map((x, y) -> x >= y, v6, v7);
        return v8;
        """;
    SOp program = org.tracr4j.lang.RaspLanguage.parse(source, "twins.rasp").output();
    List<Value> vocab = List.of(Value.of("x"), Value.of("y"));
    for (boolean causal : new boolean[] {false, true}) {
      assertThatThrownBy(() -> Compiler.compile(program, CompileOptions.of(vocab, 3).withCausal(causal)))
          .isInstanceOf(UnsupportedProgramException.class)
          .hasMessageContaining("v7")
          .hasMessageContaining("floating-point rounding");
    }
  }

  @Test
  void aMapWithEqualOutputsOnTwinsCompilesExactly() {
    SOp balance = Library.makePairBalance(Rasp.tokens(), "b", "c").named("balance");
    SOp modulo = balance.modulo(4).named("mod4");
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    var model = Compiler.compile(modulo, CompileOptions.of(vocab, 3)).model();
    List<Value> input = List.of(Value.of("a"), Value.of("b"), Value.of("a"));
    List<Value> expected = Interpreter.standard().evaluate(modulo, input);
    List<Object> actual = model.run(input);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Value.ofJava(actual.get(i)).asDouble()).isCloseTo(expected.get(i).asDouble(),
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
