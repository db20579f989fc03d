package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.Weights;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;
import org.tracr4j.testing.Sequences;

/**
 * The provenance the assembler records is what the weights do: a head slot listed for an expression writes
 * only that expression's residual features and an unlisted slot is all zeros; the same for MLP neuron
 * ranges; every computed expression has a component in its layer. For every library program, both modes.
 */
class ProvenanceTest {

  static Stream<Arguments> programs() {
    List<Arguments> cases = new ArrayList<>();
    for (LibraryProgram program : LibraryPrograms.TEST) {
      for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
        cases.add(Arguments.of(program, mode));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("programs")
  void expressionsBeforeCompilingAreTheCompiledProvenancesExpressions(LibraryProgram program,
      CompileOptions.Mode mode) {
    CompileOptions options = CompileOptions.of(program.vocab(), program.maxSeqLen()).withMode(mode);
    List<Provenance.Expression> before = Compiler.expressions(program.program().get(), options);
    Model model = Compiler.compile(program.program().get(), options).model();
    List<Provenance.Expression> compiled = model.provenance().orElseThrow().expressions();
    // The graph alone gives the layers, except where the exact mode fused maps or moved a block to a less
    // busy layer after lowering (both recorded in the model); the dataset checks and falls back then.
    String changes = model.metadata().getOrDefault(Compiler.REWRITES, "") + "\n"
        + model.metadata().getOrDefault(Compiler.CONSTRUCTIONS, "");
    org.junit.jupiter.api.Assumptions.assumeFalse(mode == CompileOptions.Mode.EXACT
        && java.util.stream.Stream.of("instead of Tracr's", "MapOfSequenceMap", "SequenceMapOfMap", "SelectOfMap",
            "DisjointWidthSplit").anyMatch(changes::contains),
        "layers changed after the graph: " + changes);
    assertThat(before.stream().map(e -> e.label() + " " + e.kind() + " " + e.layer() + " " + e.inputs()))
        .containsExactlyElementsOf(compiled.stream()
            .map(e -> e.label() + " " + e.kind() + " " + e.layer() + " " + e.inputs()).toList());
    assertThat(before.stream().mapToInt(Provenance.Expression::layer).max().orElse(-1)).isNotNegative();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("programs")
  void provenanceDescribesTheWeights(LibraryProgram program, CompileOptions.Mode mode) {
    Model model = Compiler.compile(program.program().get(),
        CompileOptions.of(program.vocab(), program.maxSeqLen()).withMode(mode)).model();
    assertThat(model.provenance()).isPresent();
    Provenance provenance = model.provenance().get();
    ModelConfig c = model.config();
    assertThat(provenance.residual().stream().map(Provenance.Feature::label).toList())
        .isEqualTo(model.residualLabels());
    Weights w = model.weights();
    Set<String> computed = new HashSet<>();
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = w.layers().get(l);
      Provenance.Layer placed = provenance.layers().get(l);
      for (int h = 0; h < c.heads(); h++) {
        Set<Integer> written = headWrites(c, layer, h);
        var head = placed.head(h);
        if (head.isEmpty()) {
          assertThat(written).as("layer %d head %d is unused", l, h).isEmpty();
          assertThat(headReadsAnything(c, layer, h)).as("layer %d head %d is unused", l, h).isFalse();
          continue;
        }
        // A shared head (aggregates with one attention pattern) writes exactly its expressions' features.
        Set<Integer> features = new HashSet<>();
        for (Provenance.Head shared : placed.headsAt(h)) {
          String expression = shared.expression();
          computed.add(expression);
          assertThat(written).as("layer %d head %d (%s) writes", l, h, expression)
              .containsAnyElementsOf(provenance.featuresOf(expression));
          assertThat(provenance.expression(expression).orElseThrow().layer()).isEqualTo(l);
          features.addAll(provenance.featuresOf(expression));
        }
        assertThat(written).as("layer %d head %d writes", l, h).isNotEmpty().isSubsetOf(features);
      }
      int used = 0;
      for (Provenance.Neurons range : placed.mlp()) {
        computed.add(range.expression());
        Set<Integer> written = new HashSet<>();
        for (int j = range.start(); j < range.end(); j++) {
          written.addAll(neuronWrites(c, layer, j));
        }
        assertThat(written).as("layer %d neurons %s", l, range).isNotEmpty()
            .isSubsetOf(provenance.featuresOf(range.expression()));
        assertThat(provenance.expression(range.expression()).orElseThrow().layer()).isEqualTo(l);
        used = range.end();
      }
      assertThat(placed.neurons()).hasSize(used);
      for (int j = used; j < c.dMlp(); j++) {
        assertThat(neuronWrites(c, layer, j)).as("layer %d neuron %d is unused", l, j).isEmpty();
      }
    }
    for (Provenance.Expression expression : provenance.expressions()) {
      assertThat(computed.contains(expression.label())).as(expression.toString()).isEqualTo(expression.layer() >= 0);
      assertThat(expression.isSelector() || !provenance.featuresOf(expression.label()).isEmpty()
          || expression.layer() < 0).as(expression.toString()).isTrue();
    }
  }

  @Test
  void residualValuesKeepTheirType() {
    // One categorical map whose outputs are the integer 3 and the string "3": two features, both shown as 3.
    var program = RaspLanguage.parse("kind = map(x -> 3 if x == \"a\" else \"3\", tokens);", "typed.rasp").output();
    Model model = Compiler.compile(program, CompileOptions.of(Sequences.charVocab("ab"), 3)).model();
    List<Provenance.Feature> kind = model.provenance().orElseThrow().featuresOf("kind").stream()
        .map(i -> model.provenance().orElseThrow().residual().get(i)).toList();
    assertThat(kind).extracting(Provenance.Feature::label).containsExactly("kind:3", "kind:3");
    assertThat(kind).extracting(Provenance.Feature::value).containsExactly(3L, "3");
    assertThat(kind).allMatch(f -> f.role() == Provenance.Role.VALUE && f.encoding() == Provenance.Encoding.CATEGORICAL);
  }

  @Test
  void expressionsBuiltInsideAFunctionAreLabelledWithTheCallSite() {
    String source = """
        def frac(bools) {
          prevs = select(indices, indices, <=);
          return numerical(aggregate(prevs, numerical(bools), 0));
        }
        opens = frac(tokens == "(");
        balance = numerical(linear_sequence_map(opens, frac(tokens == ")"), 1, -1));
        """;
    var program = RaspLanguage.parse(source, "calls.rasp").output();
    Model model = Compiler.compile(program, CompileOptions.of(Sequences.charVocab("()"), 4)).model();
    List<String> labels = model.provenance().orElseThrow().expressions().stream()
        .map(Provenance.Expression::label).toList();
    // The second call's result is unnamed: it keeps the call site; what each call builds carries it too.
    assertThat(labels).contains("balance", "opens", "frac@6:48", "frac@5:9.prevs", "frac@6:48.prevs",
        "frac@5:9.map", "frac@6:48.map");
    assertThat(model.provenance().orElseThrow().expression("frac@6:48").orElseThrow().kind()).isEqualTo("aggregate");
    assertThat(model.run(List.of("(", "(", ")"))).hasSize(3);
  }

  /** The residual columns W_O of head {@code h} writes. */
  private static Set<Integer> headWrites(ModelConfig c, Weights.Layer layer, int h) {
    Set<Integer> written = new HashSet<>();
    for (int k = 0; k < c.dHead(); k++) {
      for (int r = 0; r < c.dModel(); r++) {
        if (layer.wO()[Weights.outputIndex(c, h, k, r)] != 0) {
          written.add(r);
        }
      }
    }
    return written;
  }

  private static boolean headReadsAnything(ModelConfig c, Weights.Layer layer, int h) {
    for (int r = 0; r < c.dModel(); r++) {
      for (int k = 0; k < c.dHead(); k++) {
        int i = Weights.qkvIndex(c, h, r, k);
        if (layer.wQ()[i] != 0 || layer.wK()[i] != 0 || layer.wV()[i] != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The residual columns MLP neuron {@code j} writes (its row of W_out). */
  private static Set<Integer> neuronWrites(ModelConfig c, Weights.Layer layer, int j) {
    Set<Integer> written = new HashSet<>();
    for (int r = 0; r < c.dModel(); r++) {
      if (layer.wOut()[j * c.dModel() + r] != 0) {
        written.add(r);
      }
    }
    return written;
  }
}
