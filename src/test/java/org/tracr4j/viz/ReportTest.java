package org.tracr4j.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.LayerPlan;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;
import org.tracr4j.viz.Placement.Component;
import org.tracr4j.viz.Placement.Sublayer;

/**
 * Every example and every library program renders, and the page holds what the issue asks for: every
 * expression in the graph, every residual feature as a heatmap row, one pattern per used head, nothing
 * fetched from outside. In the exact mode the model's decoded value of every expression agrees with the
 * interpreter at every position (an expression-by-expression differential test); a Tracr-mode model that
 * is wrong at length 12 shows its first disagreement. (The browser checks are in {@link ReportBrowserTest}.)
 */
class ReportTest {
  static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).resolve("examples");
  private static final Pattern SUGGESTED = Pattern.compile("^# suggested: (.*)$", Pattern.MULTILINE);
  private static final Pattern EXPECT = Pattern.compile("^# expect: --input \"([^\"]*)\"", Pattern.MULTILINE);

  /** An example file compiled with its suggested options, and the input to show. */
  record Example(String name, CompiledProgram compiled, List<Value> input) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Example> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".rasp")).sorted().map(ReportTest::example).toList().stream();
    }
  }

  static Example example(Path file) {
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Matcher suggested = SUGGESTED.matcher(source);
    assertThat(suggested.find()).as(file + " has a '# suggested:' line").isTrue();
    List<String> words = Arrays.asList(suggested.group(1).trim().split("\\s+"));
    List<Value> vocab = Arrays.stream(words.get(words.indexOf("--vocab") + 1).split(","))
        .map(Value::parseToken).toList();
    int maxSeqLen = Integer.parseInt(words.get(words.indexOf("--max-seq-len") + 1));
    SOp program = RaspLanguage.parse(source, file.toString()).output();
    CompiledProgram compiled = Compiler.compile(program, CompileOptions.of(vocab, maxSeqLen));
    Matcher expect = EXPECT.matcher(source);
    List<Value> input = expect.find() ? parse(expect.group(1)) : randomInput(vocab, maxSeqLen, new Random(1));
    return new Example(file.getFileName().toString(), compiled, input);
  }

  static Stream<LibraryProgram> library() {
    return LibraryPrograms.TEST.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleRendersAndAgrees(Example e) {
    Computation c = computation(e.compiled(), e.input(), e.name());
    checkPage(c, Report.html(c), e.compiled());
    assertThat(c.firstDisagreement()).as(e.name() + ": first disagreement").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("library")
  void everyLibraryProgramRendersAndAgrees(LibraryProgram p) {
    CompiledProgram compiled = Compiler.compile(p.program().get(), CompileOptions.of(p.vocab(), p.maxSeqLen()));
    Random random = new Random(p.name().hashCode());
    for (int i = 0; i < 3; i++) {
      List<Value> input = p.randomInput(random);
      Computation c = computation(compiled, input, p.name());
      checkPage(c, Report.html(c), compiled);
      assertThat(c.firstDisagreement()).as(p + " on " + input).isNull();
    }
  }

  /** Tracr's constructions render too; where they go wrong the page says so, and nowhere else. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("library")
  void everyLibraryProgramRendersInTracrMode(LibraryProgram p) {
    CompiledProgram compiled = Compiler.compile(p.program().get(), CompileOptions.of(p.vocab(), p.maxSeqLen())
        .withMode(CompileOptions.Mode.TRACR));
    List<Value> input = p.randomInput(new Random(p.name().hashCode()));
    Computation c = computation(compiled, input, p.name());
    String html = Report.html(c);
    checkPage(c, html, compiled);
    assertThat(html.contains("id=\"first-disagreement\"")).as(p + " on " + input)
        .isEqualTo(c.firstDisagreement() != null);
  }

  @Test
  void aTracrModeModelShowsWhereItGoesWrong() {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"));
    CompiledProgram compiled = Compiler.compile(example(EXAMPLES.resolve("hist.rasp")).compiled().program(),
        CompileOptions.of(vocab, 12).withMode(CompileOptions.Mode.TRACR));
    Computation c = computation(compiled, parse("a a a a a a a a a a a b"), "hist.rasp --compat tracr");
    String html = Report.html(c);
    checkPage(c, html, compiled);
    Computation.Disagreement first = c.firstDisagreement();
    assertThat(first).isNotNull();
    assertThat(first.expression().label()).isEqualTo("hist");
    assertThat(first.expression().interpreted().get(first.position())).isEqualTo("11");
    assertThat(first.expression().decoded().get(first.position())).isNotEqualTo("11");
    assertThat(html).contains("id=\"first-disagreement\"").contains("First disagreement");
    // The model's own output is the value decoded from the last residual: the page and run agree.
    assertThat(first.expression().decoded()).isEqualTo(c.trace().decoded().stream()
        .map(v -> Computation.show(Value.ofJava(v))).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("library")
  void provenanceFromTheWeightsIsTheLayerPlan(LibraryProgram p) {
    CompiledProgram compiled = Compiler.compile(p.program().get(), CompileOptions.of(p.vocab(), p.maxSeqLen()));
    Placement placement = placement(compiled);
    LayerPlan plan = compiled.plan();
    for (int l = 0; l < plan.layers(); l++) {
      int layer = l;
      List<String> heads = new ArrayList<>();
      List<String> mlps = new ArrayList<>();
      for (Component component : placement.components()) {
        if (component.layer() == layer) {
          if (component.sublayer() == Sublayer.ATTENTION) {
            // Aggregates with one attention pattern share a head, so only the expressions follow the plan.
            heads.add(component.expression());
            assertThat(component.units()).allMatch(h -> h < plan.attention().get(layer).size());
          } else {
            mlps.add(component.expression());
          }
        }
      }
      List<String> plannedHeads = new ArrayList<>();
      for (int h = 0; h < plan.attention().get(l).size(); h++) {
        plannedHeads.add(compiled.graph().label(plan.attention().get(l).get(h)));
      }
      assertThat(heads).as(p + " layer " + l + " heads").containsExactlyInAnyOrderElementsOf(plannedHeads);
      assertThat(mlps).as(p + " layer " + l + " MLPs").containsExactlyInAnyOrderElementsOf(
          plan.mlp().get(l).stream().map(compiled.graph()::label).toList());
    }
  }

  /** The provenance record says what the weights say (the weights read independently, by what they write). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("library")
  void theProvenanceRecordIsWhatTheWeightsSay(LibraryProgram p) {
    CompiledProgram compiled = Compiler.compile(p.program().get(), CompileOptions.of(p.vocab(), p.maxSeqLen()));
    List<String> labels = compiled.graph().nodes().stream().map(compiled.graph()::label).toList();
    assertThat(Placement.fromProvenance(compiled.model().provenance().orElseThrow()).components())
        .containsExactlyInAnyOrderElementsOf(Placement.fromWeights(compiled.model(), labels).components());
  }

  static Computation computation(CompiledProgram compiled, List<Value> input, String title) {
    Interpreter interpreter = compiled.options().causal() ? Interpreter.causal() : Interpreter.standard();
    return Computation.of(compiled.graph(), compiled.model(), placement(compiled), input, interpreter, title);
  }

  static Placement placement(CompiledProgram compiled) {
    return Placement.of(compiled.model(),
        compiled.graph().nodes().stream().map(compiled.graph()::label).toList());
  }

  /** The page's promises: every expression, every feature, one pattern per used head, nothing external. */
  static void checkPage(Computation c, String html, CompiledProgram compiled) {
    Set<String> labels = new LinkedHashSet<>(compiled.graph().nodes().stream().map(compiled.graph()::label)
        .toList());
    assertThat(Page.graphExpressions(html)).containsExactlyInAnyOrderElementsOf(labels);
    assertThat(Page.residualRows(html)).containsExactlyInAnyOrderElementsOf(compiled.model().residualLabels());
    List<String> usedHeads = new ArrayList<>();
    for (int l = 0; l < compiled.plan().layers(); l++) {
      // Aggregates with one attention pattern share a head: one pattern per head slot.
      int layer = l;
      compiled.model().provenance().orElseThrow().layers().get(l).heads().stream().map(h -> h.index()).distinct()
          .forEach(h -> usedHeads.add("L" + layer + "H" + h));
    }
    assertThat(Page.heads(html)).containsExactlyInAnyOrderElementsOf(usedHeads);
    assertThat(Page.externalReferences(html)).isEmpty();
    assertThat(c.expressions()).hasSize(labels.size());
  }

  static List<Value> parse(String tokens) {
    return Arrays.stream(tokens.trim().split("\\s+")).map(Value::parseToken).toList();
  }

  private static List<Value> randomInput(List<Value> vocab, int maxSeqLen, Random random) {
    List<Value> input = new ArrayList<>();
    for (int i = 0; i < maxSeqLen; i++) {
      input.add(vocab.get(random.nextInt(vocab.size())));
    }
    return input;
  }
}
