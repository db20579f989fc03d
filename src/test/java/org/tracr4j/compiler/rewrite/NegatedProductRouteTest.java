package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.Value;
import org.junit.jupiter.api.Test;

/**
 * Regression: causal fuzz (program seed 22041979) compiled {@code not (a or b)} wrong when {@code a} reads an
 * s-op that may be none: the or became a product-route select first, and negating it flipped the guard that
 * makes the none analysis reject a none tuple. Negations now go down first, so the program is rejected.
 */
class NegatedProductRouteTest {
  private static final String SOURCE = """
      v1 = make_sort_freq(4);
      sel2 = select(v1, v1, (k, q) -> k == q or k == "x");
      sel3 = select(indices, length, ==);
      sel4 = sel2 or sel3;
      sel5 = not sel4;
      v6 = selector_width(sel5);
      """;

  @Test
  void aNegatedOrOverAnSOpThatMayBeNoneIsRejectedNotCompiledWrong() {
    for (boolean causal : new boolean[] {false, true}) {
      assertThatThrownBy(() -> Compiler.compile(RaspLanguage.parse(SOURCE, "bug.rasp").output(),
          CompileOptions.of(List.of(Value.of("x"), Value.of("y")), 4).withCausal(causal)))
          .isInstanceOfSatisfying(UnsupportedProgramException.class,
              e -> assertThat(e.rules()).contains(RuleCode.SELECTS_ON_NONE));
    }
  }
}
