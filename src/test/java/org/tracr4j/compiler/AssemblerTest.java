package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.Sequences;

class AssemblerTest {
  private static List<String> range(String name, int from, int to) {
    List<String> labels = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      labels.add(name + ":" + i);
    }
    return labels;
  }

  /** tracr-reference §2.5, make_reverse over {a,b,c} with N = 4, with tracr4j's readable labels. */
  @Test
  void reverseResidualLayout() {
    Model model = Compiler.compile(Library.makeReverse(Rasp.tokens()),
        CompileOptions.of(Sequences.charVocab("abc"), 4)).model();
    List<String> expected = new ArrayList<>(range("indices", 0, 3));
    // The exact mode knows length >= 1 (its select always selects the query's own position).
    expected.addAll(range("length", 1, 4));
    expected.add("length_selector_width_attn_output");
    expected.add("one");
    expected.addAll(range("opp_idx", -2, 4));
    expected.addAll(range("opp_idx-1", -3, 3));
    expected.addAll(List.of("reverse:a", "reverse:b", "reverse:c", "tokens:a", "tokens:b", "tokens:c",
        "tokens:compiler_bos", "tokens:compiler_pad"));
    assertThat(model.residualLabels()).containsExactlyElementsOf(expected);
  }

  /** tracr-reference §4.7: the frac_prevs model, layout and weights entry by entry (Tracr mode). */
  @Test
  void fracPrevsLayoutAndWeights() {
    SOp program = Library.makeFracPrevs(Rasp.tokens().eq("x").named("is_x"));
    Model model = Compiler.compile(program, CompileOptions.of(Sequences.charVocab("abcx"), 5)
        .withMode(CompileOptions.Mode.TRACR)).model();
    assertThat(model.residualLabels()).containsExactly("frac_prevs", "indices:0", "indices:1", "indices:2",
        "indices:3", "indices:4", "is_x", "one", "tokens:a", "tokens:b", "tokens:c", "tokens:compiler_bos",
        "tokens:compiler_pad", "tokens:x");
    assertThat(model.vocabulary().tokens())
        .containsExactly("a", "b", "c", "compiler_bos", "compiler_pad", "x");
    ModelConfig c = model.config();
    assertThat(c.layers()).isEqualTo(2);
    assertThat(c.heads()).isEqualTo(1);
    assertThat(c.dHead()).isEqualTo(7);
    assertThat(c.dMlp()).isEqualTo(1);
    Weights.Layer attention = model.weights().layers().get(1);
    int one = model.residualLabels().indexOf("one");
    for (int i = 0; i < 5; i++) {
      int row = model.residualLabels().indexOf("indices:" + i);
      for (int j = 0; j < c.dHead(); j++) {
        double expected = j <= i ? 100 : 0;
        assertThat(attention.wQ()[Weights.qkvIndex(c, 0, row, j)]).as("W_Q[indices:%d][%d]", i, j)
            .isEqualTo(expected);
      }
      assertThat(attention.wK()[Weights.qkvIndex(c, 0, row, i)]).isEqualTo(1);
    }
    assertThat(attention.wQ()[Weights.qkvIndex(c, 0, one, 5)]).isEqualTo(50);
    int bos = model.residualLabels().indexOf("tokens:compiler_bos");
    assertThat(attention.wK()[Weights.qkvIndex(c, 0, bos, 5)]).isEqualTo(1);
    assertThat(attention.wV()[Weights.qkvIndex(c, 0, model.residualLabels().indexOf("is_x"), 0)]).isEqualTo(1);
    assertThat(attention.wO()[Weights.outputIndex(c, 0, 0, model.residualLabels().indexOf("frac_prevs"))])
        .isEqualTo(1);
    List<Object> out = model.run(List.of("a", "x", "b", "x"));
    assertThat((Double) out.get(1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat((Double) out.get(2)).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
  }

  /** tracr-reference §6 "compile-time sizes seen": Tracr mode reproduces them exactly. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "frac_prevs_1, 14, 2, 1, 7, 1",
      "reverse_1, 43, 4, 1, 12, 30",
      "shuffle_dyck2_1, 55, 8, 4, 8, 212",
      "shuffle_dyck3_1, 73, 9, 6, -1, 438",
      "sort_freq, 66, 5, 1, 32, 30"})
  void tracrModeHasTracrSizes(String name, int dModel, int layers, int heads, int dHead, int dMlp) {
    LibraryCase c = LibraryCases.all().stream().filter(x -> x.name().equals(name) && !x.causal())
        .findFirst().orElseThrow();
    ModelConfig config = Compiler.compile(c.program().get(), CompileOptions.of(c.vocab(), c.maxSeqLen())
        .withMode(CompileOptions.Mode.TRACR)).model().config();
    assertThat(config.dModel()).isEqualTo(dModel);
    assertThat(config.layers()).isEqualTo(layers);
    if (heads > 1) {
      assertThat(config.heads()).isEqualTo(heads);
    }
    if (dHead > 0) {
      assertThat(config.dHead()).isEqualTo(dHead);
    }
    assertThat(config.dMlp()).isEqualTo(dMlp);
  }

  /** The exact mode never has more layers or a wider residual than Tracr's. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"frac_prevs_1", "reverse_1", "shuffle_dyck2_1", "shuffle_dyck3_1", "sort_freq", "hist"})
  void exactModeIsNoLargerThanTracr(String name) {
    LibraryCase c = LibraryCases.all().stream().filter(x -> x.name().equals(name) && !x.causal())
        .findFirst().orElseThrow();
    CompileOptions options = CompileOptions.of(c.vocab(), c.maxSeqLen());
    ModelConfig exact = Compiler.compile(c.program().get(), options).model().config();
    ModelConfig tracr = Compiler.compile(c.program().get(), options.withMode(CompileOptions.Mode.TRACR))
        .model().config();
    assertThat(exact.layers()).isLessThanOrEqualTo(tracr.layers());
    assertThat(exact.dModel()).isLessThanOrEqualTo(tracr.dModel());
    assertThat(exact.params()).isLessThanOrEqualTo(tracr.params());
  }
}
