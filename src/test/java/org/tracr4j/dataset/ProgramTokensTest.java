package org.tracr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.Value;

/**
 * Tokens ordered by the layers known before compiling are the tokens ordered by the compiled model's own
 * provenance, and {@link ProgramTokens#layerOrdered} tells a layer-ordered program from a reordered one.
 */
class ProgramTokensTest {
  private static final List<Value> VOCAB = List.of(Value.of(0L), Value.of(1L), Value.of(2L), Value.of(3L),
      Value.of(4L));

  @Test
  void layersBeforeCompilingOrderTokensAsTheCompiledModelDoes() {
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(5, VOCAB, 5));
    CompileOptions options = CompileOptions.of(VOCAB, 5);
    int multiLayer = 0;
    int predictedRight = 0;
    for (long seed = 1; seed <= 40; seed++) {
      GeneratedProgram program = generator.generate(seed);
      List<String> predicted = ProgramTokens.of(program, Compiler.expressions(program.program(), options));
      Provenance provenance = Compiler.compile(program.program(), options).model().provenance().orElseThrow();
      List<String> before = ProgramTokens.of(program, provenance);
      // The graph alone predicts the layers, except where the exact mode moves a block (layer balancing).
      predictedRight += predicted.equals(before) ? 1 : 0;
      Provenance canonical = Compiler.compile(RaspLanguage.parse(ProgramTokens.source(before), "tokens")
          .output(), options).model().provenance().orElseThrow();
      assertThat(ProgramTokens.layerOrdered(before, canonical)).as(program.raspSource()).isTrue();
      multiLayer += Collections.frequency(before, ProgramTokens.EOL) > 1 ? 1 : 0;
    }
    assertThat(multiLayer).as("programs of several layers").isGreaterThan(10);
    assertThat(predictedRight).as("layer orders predicted before compiling").isGreaterThan(20);
  }

  /**
   * Where the model of the renamed program is not in the predicted order, its provenance orders the
   * program as a compile of the program as generated does (the dataset saves that compile).
   */
  @Test
  void renamedProgramsModelReordersAsTheGeneratedProgramsModel() {
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(5, VOCAB, 5));
    int reordered = 0;
    for (long seed = 1; seed <= 120; seed++) {
      GeneratedProgram program = generator.generate(seed);
      CompileOptions options = CompileOptions.of(VOCAB, 5).withCausal(seed % 2 == 0);
      ProgramTokens.Ordered predicted = ProgramTokens.ordered(program,
          Compiler.expressions(program.program(), options));
      Provenance renamed = Compiler.compile(RaspLanguage.parse(ProgramTokens.source(predicted.tokens()), "tokens")
          .output(), options).model().provenance().orElseThrow();
      if (ProgramTokens.layerOrdered(predicted.tokens(), renamed)) {
        continue;
      }
      reordered++;
      Provenance generated = Compiler.compile(program.program(), options).model().provenance().orElseThrow();
      assertThat(ProgramTokens.reordered(program, predicted, renamed).tokens()).as(program.raspSource())
          .isEqualTo(ProgramTokens.of(program, generated));
    }
    assertThat(reordered).as("programs whose predicted order the compile changed").isGreaterThan(5);
  }

  @Test
  void statementsOutOfLayerOrderAreNotLayerOrdered() {
    String source = "v1 = select(tokens, tokens, (k, q) -> k == q);\nv2 = map(x -> x + 1, tokens);\n"
        + "v3 = aggregate(v1, v2);\nreturn v3;\n";
    CompileOptions options = CompileOptions.of(VOCAB, 5);
    Provenance provenance = Compiler.compile(RaspLanguage.parse(source, "x").output(), options).model()
        .provenance().orElseThrow();
    List<String> ordered = new ArrayList<>(List.of("BOS", "v1", "=", "select", "(", "tokens", ",", "tokens", ",",
        "(", "k", ",", "q", ")", "->", "k", "==", "q", ")", ";", "v2", "=", "map", "(", "x", "->", "x", "+", "1",
        ",", "tokens", ")", ";", "EOL", "v3", "=", "aggregate", "(", "v1", ",", "v2", ")", ";", "EOL",
        "return", "v3", ";", "EOS"));
    assertThat(ProgramTokens.layerOrdered(ordered, provenance)).isTrue();
    List<String> oneLayer = new ArrayList<>(ordered);
    oneLayer.remove(ordered.indexOf("EOL"));
    assertThat(ProgramTokens.layerOrdered(oneLayer, provenance)).isFalse();
  }
}
