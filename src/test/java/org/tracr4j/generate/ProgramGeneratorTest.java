package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Value;

class ProgramGeneratorTest {
  @Test
  void printsSamples() {
    ProgramGenerator generator = new ProgramGenerator(
        GeneratorConfig.defaults(12, List.of(Value.of("a"), Value.of("b"), Value.of("c")), 5));
    for (long seed = 0; seed < 4; seed++) {
      GeneratedProgram program = generator.generate(seed);
      System.out.println("# seed " + seed + " " + program.constructCounts());
      System.out.println(program.raspSource());
    }
    assertThat(generator.generate(1).raspSource()).isEqualTo(generator.generate(1).raspSource());
  }
}
