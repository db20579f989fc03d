package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;
import org.tracr4j.testing.Exhaustive;

class CategoricalInputsTest {
  private final CategoricalInputs rule = new CategoricalInputs();
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3));

  /** A running fraction: numerical, with a finite value set. */
  private static SOp fraction() {
    Select earlier = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LEQ);
    return Rasp.numericalAggregate(earlier, Rasp.numerical(Rasp.tokens().eq(1))).named("fraction");
  }

  @Test
  void numericalSelectKeysAreConvertedToCategorical() {
    Select before = Rasp.select(fraction(), Rasp.tokens(), Comparison.LT);
    Select after = (Select) rule.apply(before).orElseThrow();
    assertThat(after.keys().isCategorical()).isTrue();
    assertThat(after.keys().children()).containsExactly(before.keys());
    assertThat(after.queries()).isSameAs(Rasp.tokens());
    assertThat(rule.apply(after)).isEmpty();
  }

  @Test
  void aNumericalSequenceMapIsComputedCategoricallyAndConvertedBack() {
    SOp before = Rasp.numerical(Rasp.sequenceMap((x, y) -> ValueOperations.multiply(x, y), fraction(),
        Rasp.indices()));
    SOp after = (SOp) rule.apply(before).orElseThrow();
    assertThat(after.isNumerical()).isTrue();
    SequenceMap inner = (SequenceMap) after.children().get(0);
    assertThat(inner.isCategorical()).isTrue();
    assertThat(inner.first().isCategorical()).isTrue();
  }

  @Test
  void convertedProgramsCompileAndAgreeWithTheInterpreterOnEveryInput() {
    SOp round = Rasp.numerical(Rasp.sequenceMap((x, y) -> Value.of(Math.round(x.asDouble() * (y.asDouble() + 1))),
        fraction(), Rasp.indices())).named("rounded");
    SOp width = Rasp.selectorWidth(Rasp.select(fraction(), fraction(), Comparison.LT)).named("smaller_fractions");
    for (SOp program : List.of(round, width)) {
      Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4));
      Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, 4).withCausal(true));
      assertThat(Compiler.compile(program, CompileOptions.of(VOCAB, 4)).model().metadata()
          .get(Compiler.REWRITES)).contains("CategoricalInputs");
    }
  }
}
