package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;

/** The printed text of every generated program parses back to a program with the same outputs. */
class RoundTripTest {
  private static final int MAX_SEQ_LEN = 5;

  static Stream<Arguments> vocabularies() {
    return Stream.of(
        Arguments.of("letters", List.of(Value.of("a"), Value.of("b"), Value.of("c"))),
        Arguments.of("numbers", List.of(Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L))),
        Arguments.of("booleans", List.of(Value.TRUE, Value.FALSE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void printedProgramsParseToEquivalentPrograms(String name, List<Value> vocab) {
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(14, vocab, MAX_SEQ_LEN));
    Random random = new Random(7);
    for (long seed = 0; seed < 150; seed++) {
      GeneratedProgram generated = generator.generate(seed);
      Program parsed = RaspLanguage.parse(generated.raspSource(), "seed" + seed + ".rasp");

      assertThat(parsed.output().encoding()).isEqualTo(generated.program().encoding());
      for (int length = 1; length <= MAX_SEQ_LEN; length++) {
        for (int sample = 0; sample < 3; sample++) {
          List<Value> input = new ArrayList<>();
          for (int i = 0; i < length; i++) {
            input.add(vocab.get(random.nextInt(vocab.size())));
          }
          assertThat(Interpreter.standard().evaluate(parsed.output(), input))
              .as("%s on %s", generated.raspSource(), input)
              .isEqualTo(Interpreter.standard().evaluate(generated.program(), input));
        }
      }
    }
  }
}
