package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.Value;

/**
 * Issue 11: at least a fifth of generated programs use a composite selector over different s-ops or a
 * numerical input to a categorical operation, as the compiler sees them (its rewrites or summed-QK heads).
 */
class CompositeRateTest {
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3));

  @Test
  void atLeastAFifthOfProgramsUseCompositesOrConversions() {
    int programs = 300;
    int using = 0;
    int written = 0;
    Random random = new Random(11);
    for (int i = 0; i < programs; i++) {
      GeneratorConfig config = GeneratorConfig.defaults(1 + random.nextInt(8), VOCAB, 4);
      SOp program = new ProgramGenerator(config).generate(1000 + i).program();
      written += hasComposite(program, new java.util.HashSet<>()) ? 1 : 0;
      try {
        Map<String, String> metadata = Compiler.compile(program, CompileOptions.of(VOCAB, 4)).model().metadata();
        using += metadata.containsKey(Compiler.REWRITES) || metadata.containsKey(Compiler.COMPOSITE_HEADS) ? 1 : 0;
      } catch (UnsupportedProgramException e) {
        // Rejected programs count as not using one.
      }
    }
    assertThat(written).as("programs with a composite selector as written").isGreaterThan(programs / 5);
    assertThat(using).as("compiled programs the compiler rewrote or gave a summed-QK head").isGreaterThan(programs / 5);
  }

  private static boolean hasComposite(RaspExpr expr, java.util.Set<Long> seen) {
    if (!seen.add(expr.id())) {
      return false;
    }
    if (expr instanceof SelectorAnd || expr instanceof SelectorOr || expr instanceof SelectorNot) {
      return true;
    }
    return expr.children().stream().anyMatch(child -> hasComposite(child, seen));
  }
}
