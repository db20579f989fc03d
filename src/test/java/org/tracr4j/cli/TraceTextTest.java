package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.ExamplePrograms;

/** The text trace of every example: every sub-layer, every head slot labelled or marked unused. */
class TraceTextTest {

  static Stream<ExamplePrograms> examples() {
    return ExamplePrograms.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everySubLayerAndHeadSlotIsLabelled(ExamplePrograms example) {
    Model model = Compiler.compile(example.program(), CompileOptions.of(example.vocab(), example.maxSeqLen())).model();
    List<Value> input = example.randomInputs(example.maxSeqLen(), new Random(7)).get(example.maxSeqLen() - 1);
    List<String> lines = TraceText.of(model, model.trace(input));
    Provenance provenance = model.provenance().orElseThrow();
    for (int l = 0; l < model.config().layers(); l++) {
      Provenance.Layer layer = provenance.layers().get(l);
      String attention = "layer " + l + " attn";
      assertThat(lines).anyMatch(line -> line.startsWith(attention));
      for (Provenance.Head head : layer.heads()) {
        String computed = String.join(", ", layer.headsAt(head.index()).stream().map(x -> x.expression() + " ("
            + provenance.expression(x.expression()).orElseThrow().kind() + ")").toList());
        assertThat(lines).contains("  head " + head.index() + ": " + computed + ", selected keys:");
      }
      if (!layer.heads().isEmpty()) {
        for (int h = 0; h < model.config().heads(); h++) {
          if (layer.head(h).isEmpty()) {
            assertThat(lines).contains("  head " + h + ": unused");
          }
        }
      }
      String mlp = "layer " + l + " mlp";
      assertThat(lines).anyMatch(line -> line.startsWith(mlp));
    }
  }

  @Test
  void numbersAreShort() {
    assertThat(TraceText.number(1.0 / 3)).isEqualTo("0.3333");
    assertThat(TraceText.number(2.0)).isEqualTo("2");
    assertThat(TraceText.number(-0.5)).isEqualTo("-0.5");
    assertThat(TraceText.number(1e-7)).isEqualTo("1.000e-07");
  }
}
