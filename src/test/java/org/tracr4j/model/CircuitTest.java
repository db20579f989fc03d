package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.ExamplePrograms;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;
import org.tracr4j.testing.Sequences;

/**
 * The circuit is true, by ablation: zero-ablating a node changes some feature it writes on some input, and
 * never changes a feature outside what it and its descendants write. For every library program (both
 * modes), every example, and random programs of the fuzzer's generator.
 */
class CircuitTest {
  private static final int INPUTS = 24;

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    for (LibraryProgram program : LibraryPrograms.TEST) {
      for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
        Random random = new Random(program.name().hashCode());
        List<List<Value>> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
          inputs.add(program.randomInput(random));
        }
        cases.add(Arguments.of(program.name() + " " + mode, (java.util.function.Supplier<Model>) () -> Compiler
            .compile(program.program().get(), CompileOptions.of(program.vocab(), program.maxSeqLen()).withMode(mode))
            .model(), inputs));
      }
    }
    ExamplePrograms.all().forEach(example -> cases.add(Arguments.of(example.name(),
        (java.util.function.Supplier<Model>) () -> Compiler.compile(example.program(),
            CompileOptions.of(example.vocab(), example.maxSeqLen())).model(),
        example.randomInputs(INPUTS, new Random(example.name().hashCode())))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void zeroAblatingANodeChangesOnlyWhatItAndItsDescendantsWrite(String name,
      java.util.function.Supplier<Model> compile, List<List<Value>> inputs) {
    assertAblationAgreesWithTheCircuit(name, compile.get(), inputs, true);
  }

  /**
   * Random programs of the fuzzer's generator (those the compiler accepts): ablation never reaches beyond
   * the node's descendants. That it changes something is not asked here: random programs hold dead code,
   * such as {@code aggregate(select(length, v1, ==), length)} with {@code v1} a string, which selects nothing
   * on every input.
   */
  @Test
  void generatedProgramsToo() {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    int maxSeqLen = 4;
    ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(10, vocab, maxSeqLen));
    Random random = new Random(3);
    int checked = 0;
    for (long seed = 0; seed < 60; seed++) {
      Model model;
      try {
        model = Compiler.compile(generator.generate(seed).program(), CompileOptions.of(vocab, maxSeqLen)).model();
      } catch (UnsupportedProgramException rejected) {
        continue;
      }
      List<List<Value>> inputs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        List<Value> input = new ArrayList<>();
        for (int p = 0; p <= i % maxSeqLen; p++) {
          input.add(vocab.get(random.nextInt(vocab.size())));
        }
        inputs.add(input);
      }
      assertAblationAgreesWithTheCircuit("generated seed " + seed, model, inputs, false);
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
  }

  private static void assertAblationAgreesWithTheCircuit(String name, Model model, List<List<Value>> inputs,
      boolean everyNodeMatters) {
    Circuit circuit = Circuit.of(model).orElseThrow();
    assertThat(circuit.nodes()).isNotEmpty();
    List<double[][]> original = inputs.stream().map(input -> model.trace(input).finalResidual()).toList();
    for (int n = 0; n < circuit.nodes().size(); n++) {
      Circuit.Node node = circuit.nodes().get(n);
      Set<Integer> allowed = new HashSet<>(node.writes());
      circuit.descendants(n).forEach(d -> allowed.addAll(circuit.nodes().get(d).writes()));
      Model ablated = circuit.zeroAblated(model, n);
      boolean ownChanged = false;
      for (int i = 0; i < inputs.size(); i++) {
        double[][] before = original.get(i);
        double[][] after = ablated.trace(inputs.get(i)).finalResidual();
        for (int p = 0; p < before.length; p++) {
          for (int r = 0; r < before[p].length; r++) {
            if (before[p][r] != after[p][r]) {
              assertThat(allowed).as("%s: ablating node %d (%s) changed %s at position %d of %s", name, n,
                  node.expression(), model.residualLabels().get(r), p, inputs.get(i)).contains(r);
              ownChanged |= node.writes().contains(r) && Math.abs(before[p][r] - after[p][r]) > 1e-9;
            }
          }
        }
      }
      assertThat(ownChanged || !everyNodeMatters).as("%s: ablating node %d (%s, layer %d %s) changes what it writes on some input",
          name, n, node.expression(), node.layer(), node.component()).isTrue();
    }
  }

  /** make_length (a selector width): a head node and an MLP node in layer 0, joined by an edge. */
  @Test
  void selectorWidthIsAHeadAndNeuronsJoinedByAnEdge() {
    Model model = Compiler.compile(Library.makeLength(), CompileOptions.of(Sequences.charVocab("abc"), 4)).model();
    Circuit circuit = Circuit.of(model).orElseThrow();
    assertThat(circuit.nodes()).extracting(Circuit.Node::expression).containsExactly("length", "length");
    Circuit.Node head = circuit.nodes().get(0);
    Circuit.Node mlp = circuit.nodes().get(1);
    assertThat(head.component()).isEqualTo(Circuit.Component.ATTN);
    assertThat(head.heads()).containsExactly(0);
    assertThat(head.hook()).isEqualTo("blocks.0.attn.hook_z");
    assertThat(circuit.labels(head.writes())).containsExactly("length_selector_width_attn_output");
    assertThat(circuit.labels(head.reads())).contains("one", "tokens:compiler_bos");
    assertThat(mlp.component()).isEqualTo(Circuit.Component.MLP);
    assertThat(mlp.hook()).isEqualTo("blocks.0.mlp.hook_post");
    assertThat(mlp.neurons()).containsExactly(0, model.provenance().orElseThrow().layers().get(0).neurons().size());
    assertThat(circuit.labels(mlp.writes())).contains("length:1", "length:4").doesNotContain("length:0");
    assertThat(circuit.edges()).containsExactly(new Circuit.Edge(0, 1));
  }

  /** make_reverse: the edges follow the data, length → opp_index → reverse. */
  @Test
  void reverseEdgesFollowTheData() {
    SOp program = Library.makeReverse(Rasp.tokens());
    Model model = Compiler.compile(program, CompileOptions.of(Sequences.charVocab("abc"), 4)).model();
    Circuit circuit = Circuit.of(model).orElseThrow();
    List<String> edges = circuit.edges().stream().map(e -> circuit.nodes().get(e.from()).expression() + "("
        + circuit.nodes().get(e.from()).component() + ") -> " + circuit.nodes().get(e.to()).expression() + "("
        + circuit.nodes().get(e.to()).component() + ")").toList();
    assertThat(edges).containsExactly("length(ATTN) -> length(MLP)", "length(MLP) -> opp_idx(MLP)",
        "opp_idx(MLP) -> opp_idx-1(MLP)", "opp_idx-1(MLP) -> reverse(ATTN)");
  }
}
