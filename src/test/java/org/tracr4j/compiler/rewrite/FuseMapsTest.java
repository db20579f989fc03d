package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.EvaluationException;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Exhaustive;

class FuseMapsTest {
  private static final List<Value> VOCAB = List.of(Value.of(0L), Value.of(1L), Value.of(2L));

  /** x → x + 1, none for 2: a map that can give none. */
  private static SOp plusOneOrNone(SOp x) {
    return Rasp.map(UnaryFunction.described("x -> x + 1 if x < 2 else none",
        v -> v.asDouble() < 2 ? Value.of((long) v.asDouble() + 1) : Value.NONE), x);
  }

  private static Rewriter.Result fuse(SOp program) {
    return FuseMaps.fuse(program, m -> true);
  }

  /** Both programs give the same outputs (or both fail) on every input, standard and causal. */
  private static void assertSameValues(SOp before, SOp after) {
    for (Interpreter interpreter : List.of(Interpreter.standard(), Interpreter.causal())) {
      for (List<Value> input : Exhaustive.inputs(VOCAB, 4)) {
        List<Value> expected;
        try {
          expected = interpreter.evaluate(before, input);
        } catch (EvaluationException e) {
          continue;
        }
        assertThat(interpreter.evaluate(after, input)).as(input.toString()).isEqualTo(expected);
      }
    }
  }

  @Test
  void aSequenceMapOfAMapReadsTheMapsInput() {
    SOp before = Rasp.sequenceMap((x, y) -> Value.of(x.asDouble() * 10 + y.asDouble()), plusOneOrNone(Rasp.tokens()),
        Rasp.indices());
    Rewriter.Result result = fuse(before);
    SequenceMap after = (SequenceMap) result.program();
    assertThat(after.first()).isSameAs(Rasp.tokens());
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(result.applied()).extracting(Rewriter.Applied::rule).containsExactly("SequenceMapOfMap");
    assertSameValues(before, after);
  }

  @Test
  void aNumericalMapOfASequenceMapIsOneNumericalSequenceMap() {
    SOp pair = Rasp.sequenceMap((x, y) -> x.asDouble() == 1 && y.asDouble() == 0 ? Value.NONE
        : Value.of(x.asDouble() > y.asDouble()), Rasp.tokens(), Rasp.indices());
    SOp before = Rasp.numerical(Rasp.map(UnaryFunction.described("b -> 1 if b else 0",
        b -> Value.of(b.truthy() ? 1L : 0L)), pair));
    SOp after = fuse(before).program();
    assertThat(after).isInstanceOf(SequenceMap.class);
    assertThat(after.isNumerical()).isTrue();
    assertSameValues(before, after);
  }

  @Test
  void aSelectOfAMapComparesWithTheMapsResult() {
    SOp before = Rasp.aggregate(Rasp.select(Rasp.indices(), plusOneOrNone(Rasp.tokens()), Comparison.EQ),
        Rasp.tokens());
    SOp after = fuse(before).program();
    Select select = (Select) ((Aggregate) after).selector();
    assertThat(select.queries()).isSameAs(Rasp.tokens());
    assertSameValues(before, after);
  }

  @Test
  void namedOrSharedMapsAreKept() {
    SOp named = plusOneOrNone(Rasp.tokens()).named("kept");
    SOp readByOne = Rasp.sequenceMap((x, y) -> x, named, Rasp.indices());
    assertThat(fuse(readByOne).applied()).isEmpty();
    SOp shared = plusOneOrNone(Rasp.tokens());
    SOp readByTwo = Rasp.sequenceMap((x, y) -> x, Rasp.sequenceMap((x, y) -> y, shared, Rasp.indices()), shared);
    Rewriter.Result result = fuse(readByTwo);
    assertThat(result.applied()).isEmpty();
    assertThat(((SequenceMap) result.program()).second()).isInstanceOf(ElementwiseMap.class);
  }

  @Test
  void theCallerDecidesWhetherAReaderMayWiden() {
    SOp before = Rasp.sequenceMap((x, y) -> x, plusOneOrNone(Rasp.tokens()), Rasp.indices());
    assertThat(FuseMaps.fuse(before, m -> false).applied()).isEmpty();
  }
}
