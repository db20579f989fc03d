package org.tracr4j.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.HeadlessChromium;

/**
 * A few reports in a real browser (headless Chromium, see {@link HeadlessChromium}), loaded from a file
 * with {@code #selftest} so the page's script clicks every expression and hovers every heatmap: the script
 * ran to its end without an error or console message, the DOM holds every expression, every residual
 * feature and one pattern per used head, and the screenshot is not blank. Pages and screenshots are kept
 * in {@code target/viz/}.
 */
class ReportBrowserTest {
  private static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target/viz");
  private static HeadlessChromium chromium;

  record Case(String name, CompiledProgram compiled, List<Value> input) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void browser() throws IOException {
    chromium = HeadlessChromium.forTests();
    Files.createDirectories(OUT);
  }

  static Stream<Case> cases() {
    ReportTest.Example reverse = ReportTest.example(ReportTest.EXAMPLES.resolve("reverse.rasp"));
    ReportTest.Example fracPrevs = ReportTest.example(ReportTest.EXAMPLES.resolve("frac_prevs.rasp"));
    CompiledProgram hist = Compiler.compile(ReportTest.example(ReportTest.EXAMPLES.resolve("hist.rasp"))
        .compiled().program(), CompileOptions.of(List.of(Value.of("a"), Value.of("b")), 12)
        .withMode(CompileOptions.Mode.TRACR));
    return Stream.of(new Case("reverse", reverse.compiled(), reverse.input()),
        new Case("frac_prevs", fracPrevs.compiled(), fracPrevs.input()),
        new Case("hist_tracr", hist, ReportTest.parse("a a a a a a a a a a a b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thePageWorksInABrowser(Case c) throws IOException {
    Computation computation = ReportTest.computation(c.compiled(), c.input(), c.name());
    Path file = OUT.resolve(c.name() + ".html");
    Files.writeString(file, Report.html(computation), StandardCharsets.UTF_8);

    HeadlessChromium.Page page = chromium.load(file, "#selftest", 1400, 1600);

    assertThat(page.console()).as("console messages").isEmpty();
    assertThat(page.dom()).as("the script ran to its end without errors").contains("data-viz-ready=\"0\"")
        .contains("<pre id=\"viz-errors\"></pre>");
    int heatmaps = 1 + computation.placement().components().stream()
        .filter(k -> k.sublayer() == Placement.Sublayer.ATTENTION).mapToInt(k -> k.units().size()).sum()
        + (int) computation.placement().components().stream().filter(k -> k.sublayer() == Placement.Sublayer.MLP)
            .mapToInt(Placement.Component::layer).distinct().count();
    assertThat(page.dom()).as("a hover read-out on every heatmap").contains("data-viz-hovers=\"" + heatmaps + "\"");
    assertThat(page.dom()).as("the script filled the expression panel").containsPattern(
        "<div id=\"detail\" class=\"detail\"><div><b>[^<]+</b>");
    var labels = new LinkedHashSet<>(c.compiled().graph().nodes().stream().map(c.compiled().graph()::label)
        .toList());
    assertThat(Page.graphExpressions(page.dom())).containsExactlyInAnyOrderElementsOf(labels);
    assertThat(Page.residualRows(page.dom())).containsExactlyInAnyOrderElementsOf(
        c.compiled().model().residualLabels());
    List<String> usedHeads = new ArrayList<>();
    for (int l = 0; l < c.compiled().plan().layers(); l++) {
      for (int h = 0; h < c.compiled().plan().attention().get(l).size(); h++) {
        usedHeads.add("L" + l + "H" + h);
      }
    }
    assertThat(Page.heads(page.dom())).containsExactlyInAnyOrderElementsOf(usedHeads);
    assertThat(page.screenshot()).as("screenshot").isNotNull();
    javax.imageio.ImageIO.write(page.screenshot(), "png", OUT.resolve(c.name() + ".png").toFile());
    assertThat(page.distinctColours()).as("distinct colours in the screenshot").isGreaterThan(50);
  }
}
