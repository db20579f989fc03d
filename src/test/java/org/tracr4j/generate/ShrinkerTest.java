package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.Value;

class ShrinkerTest {
  private static final ProgramGenerator GENERATOR = new ProgramGenerator(
      GeneratorConfig.defaults(20, List.of(Value.of("a"), Value.of("b"), Value.of("c")), 5));

  private static final Predicate<SOp> HAS_SELECTOR_WIDTH =
      sop -> Expressions.reachable(sop).stream().anyMatch(e -> e instanceof SelectorWidth);

  private static final Predicate<SOp> HAS_NUMERICAL_AGGREGATE = sop -> Expressions.reachable(sop).stream()
      .anyMatch(e -> e instanceof Aggregate a && a.isNumerical());

  @Test
  void shrinksASelectorWidthProgramToAtMostASelectAndItsWidth() {
    int shrunk = 0;
    for (long seed = 0; seed < 40; seed++) {
      GeneratedProgram program = GENERATOR.generate(seed);
      if (!HAS_SELECTOR_WIDTH.test(program.program()) || program.size() < 5) {
        continue;
      }
      GeneratedProgram smallest = Shrinker.shrink(program, HAS_SELECTOR_WIDTH);
      assertThat(HAS_SELECTOR_WIDTH.test(smallest.program())).as(smallest.raspSource()).isTrue();
      assertThat(smallest.size()).as(smallest.raspSource()).isLessThanOrEqualTo(2);
      shrunk++;
    }
    assertThat(shrunk).isGreaterThan(5);
  }

  @Test
  void shrinksANumericalAggregateProgramToItsAggregateAndOperands() {
    int shrunk = 0;
    for (long seed = 0; seed < 60; seed++) {
      GeneratedProgram program = GENERATOR.generate(seed);
      if (!HAS_NUMERICAL_AGGREGATE.test(program.program()) || program.size() < 6) {
        continue;
      }
      GeneratedProgram smallest = Shrinker.shrink(program, HAS_NUMERICAL_AGGREGATE);
      assertThat(HAS_NUMERICAL_AGGREGATE.test(smallest.program())).isTrue();
      // A 0/1 map, a select and the aggregate; or make_frac_prevs of a 0/1 map. The 0/1 map can be two
      // (a boolean map, then its numerical copy) when the select reads the boolean one.
      assertThat(smallest.size()).as(smallest.raspSource()).isLessThanOrEqualTo(4);
      assertThat(smallest.size()).isLessThan(program.size());
      shrunk++;
    }
    assertThat(shrunk).isGreaterThan(3);
  }

  @Test
  void keepsAProgramWhenNoSmallerOneFails() {
    GeneratedProgram program = GENERATOR.generate(7);
    SOp original = program.program();

    GeneratedProgram result = Shrinker.shrink(program, sop -> sop.equals(original));

    assertThat(result).isSameAs(program);
  }

  @Test
  void shrinkingToTheOutputKindKeepsAWellTypedProgram() {
    GeneratedProgram program = GENERATOR.generate(3);

    GeneratedProgram smallest = Shrinker.shrink(program, sop -> true);

    assertThat(smallest.size()).isZero();
    assertThat(smallest.raspSource()).matches("return (tokens|indices|length);\n");
  }
}
