package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions.Mode;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Exhaustive;

/** A selector width's set is narrowed by whether each query selects its own position. */
class SelectorWidthNarrowingTest {
  private static final List<Value> ABC = List.of(Value.of("a"), Value.of("b"), Value.of("c"));

  private static List<Value> widths(SOp program, CompileOptions options) {
    CompiledProgram compiled = Compiler.compile(program, options);
    return List.copyOf(compiled.valueSets().of(program));
  }

  private static List<Value> range(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(Value::of).toList();
  }

  @Test
  void aReflexiveSelectSelectsAtLeastOneAndAnIrreflexiveOneAtMostNMinusOne() {
    CompileOptions options = CompileOptions.of(ABC, 4);
    assertThat(widths(Library.makeHist(), options)).isEqualTo(range(1, 4));
    assertThat(widths(Library.makeLength(), options)).isEqualTo(range(1, 4));
    SOp smaller = Rasp.selectorWidth(Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT));
    assertThat(widths(smaller, options)).isEqualTo(range(0, 3));
    SOp byIndex = Rasp.selectorWidth(Rasp.select(Rasp.indices(), Rasp.tokens(), Comparison.EQ));
    assertThat(widths(byIndex, CompileOptions.of(List.of(Value.of(0L), Value.of(1L)), 4))).isEqualTo(range(0, 4));
  }

  @Test
  void tracrModeKeepsZeroToN() {
    CompileOptions options = CompileOptions.of(ABC, 4).withMode(Mode.TRACR);
    assertThat(widths(Library.makeHist(), options)).isEqualTo(range(0, 4));
  }

  @Test
  void aKeyThatMayBeNoneIsNotAssumedToSelectItself() {
    // shift_by(1) is none at position 0, where the select below selects nothing.
    SOp shifted = Library.shiftBy(1, Rasp.tokens());
    SOp width = Rasp.selectorWidth(Rasp.select(shifted, shifted, Comparison.TRUE));
    CompileOptions options = CompileOptions.of(ABC, 3);
    assertThat(widths(width, options).get(0)).isEqualTo(Value.of(0L));
  }

  @Test
  void narrowedWidthsAgreeWithTheInterpreterOnEveryInput() {
    CompileOptions options = CompileOptions.of(ABC, 4);
    SOp smaller = Rasp.selectorWidth(Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT)).numerical();
    for (SOp program : List.of(Library.makeHist(), Library.makeHist().numerical(), Library.makeLength(), smaller,
        Library.makeCountLessFreq(1))) {
      assertThat(Exhaustive.assertAgrees(program, options)).isPositive();
      assertThat(Exhaustive.assertAgrees(program, options.withCausal(true))).isPositive();
    }
  }
}
