package org.tracr4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tracr4j.model.Model;
import org.tracr4j.testing.HeadlessChromium;

/** A small sweep: its runs equal single runs, its table and JSON, its report in a browser, recovery. */
class SweepTest {
  private static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target/compress");
  private static Model model;
  private static CompressionOptions options;
  private static List<Sweep.Width> widths;
  private static SweepReport report;
  private static Recovery.Result recovery;

  @BeforeAll
  static void sweep() throws Exception {
    model = Programs.fracPrevs();
    options = CompressionOptions.defaults(1, 0).withSteps(15).withBatch(16).withEvalInputs(50);
    widths = Sweep.run(model, options, 13, 14, 2, null);
    recovery = Recovery.learn(widths.get(1).best(), Recovery.L1, 600);
    report = new SweepReport("frac_prevs", widths, options, Map.of(14, recovery));
    Files.createDirectories(OUT);
  }

  @Test
  void everyRunIsTheSingleRunOfItsWidthAndSeed() {
    assertThat(widths).extracting(Sweep.Width::dim).containsExactly(13, 14);
    Compression run = widths.get(0).runs().get(1);
    assertThat(run.width()).isEqualTo(13);
    assertThat(run.options().seed()).isEqualTo(1);
    Compression single = new Compressor(model, options.tolerance()).train(options.withDim(13).withSeed(1), true, null);
    assertThat(run.w()).isEqualTo(single.w());
    for (Sweep.Width w : widths) {
      assertThat(w.minAccuracy()).isLessThanOrEqualTo(w.meanAccuracy());
      assertThat(w.meanAccuracy()).isLessThanOrEqualTo(w.maxAccuracy());
    }
  }

  @Test
  void theJsonAndTableHaveARowPerWidthAndAFatePerFeature() {
    Map<String, Object> doc = report.json();
    assertThat(doc).containsEntry("original_d_model", 14).containsEntry("seeds", 2);
    List<?> rows = (List<?>) doc.get("widths");
    assertThat(rows).hasSize(2);
    Map<?, ?> top = (Map<?, ?>) rows.get(1);
    assertThat((List<?>) top.get("features")).hasSize(14);
    assertThat(top.containsKey("recovery")).isTrue();
    assertThat(report.table().lines()).hasSize(3);
    List<Features.Feature> fates = Features.of(widths.get(1).best());
    // at d = D the PCA start is a rotation: nothing is dropped and nothing overlaps
    assertThat(fates).allMatch(f -> f.fate() == Features.Fate.KEPT || f.label().equals("tokens:compiler_pad"));
  }

  @Test
  void theReportIsSelfContainedAndRendersInABrowser() throws Exception {
    String html = report.html();
    assertThat(html).doesNotContain("<script", "src=", "href=", "@import", "url(");
    for (String label : model.residualLabels()) {
      assertThat(html).contains(label);
    }
    Path file = OUT.resolve("report.html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    HeadlessChromium chromium = HeadlessChromium.forTests();
    HeadlessChromium.Page page = chromium.load(file, "", 1200, 1600);
    assertThat(page.console()).isEmpty();
    assertThat(page.dom()).contains("Accuracy against d", "W·Wᵀ of the best seed", "tokens:x");
    assertThat(page.screenshot()).isNotNull();
    assertThat(page.distinctColours()).isGreaterThan(50);
  }

  /**
   * The exact 8-wide compression of frac_prevs (the 8 features its computation reads, each on its own axis;
   * the others dropped): the dictionary finds most of them. (At d = D it does not: there every position
   * holds {@code one} + a token + an index, and merged atoms give a sparser code.)
   */
  @Test
  void recoveryFindsTheFeaturesOfAnExactCompression() {
    List<String> labels = model.residualLabels();
    List<String> keep = List.of("bools", "frac_prevs", "indices:0", "indices:1", "indices:2", "indices:3",
        "indices:4", "tokens:x");
    int d = keep.size();
    double[] w = new double[labels.size() * d];
    for (int j = 0; j < d; j++) {
      w[labels.indexOf(keep.get(j)) * d + j] = 1;
    }
    Compression exact = new Compression(model, options.withDim(d), w, 0, 0, 1, 1, List.of(), 0);
    assertThat(new Compressor(model, 0.01).evaluate(w, d, options.withDim(d).withEvalInputs(300), true)
        .sequencesRight).as("the exact compression is right on every input").isEqualTo(300);
    Recovery.Result r = Recovery.learn(exact);
    assertThat(r.used()).isEqualTo(8);
    assertThat(r.recoveredOfUsed()).isGreaterThanOrEqualTo(5);
    assertThat(r.reconstruction()).isLessThan(0.05);
    for (double c : recovery.bestCosines()) {
      assertThat(c).isBetween(-1 - 1e-9, 1 + 1e-9);
    }
  }
}
