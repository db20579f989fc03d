package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tracr4j.ModelTooLargeException;
import org.tracr4j.export.OnnxExporter;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.testing.CliRun;

/** Issue 10 §2: sizes that cannot be built are one line and exit 69, before anything is allocated. */
class SizesTest {
  private static final String REVERSE = Path.of(System.getProperty("basedir", "."), "examples", "reverse.rasp")
      .toString();

  /** Length 100,000: W_pos alone has 10^10 elements; refused at once (it used to run for minutes). */
  @Test
  void aLengthWhoseEmbeddingsOverflowAnArrayIsOneLine() {
    CliRun run = CliRun.of("info", REVERSE, "--vocab", "a,b,c,d", "--max-seq-len", "100000");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(69);
    assertThat(run.errLines()).as(run.toString()).containsExactly("tracr4j: too large: the model's tensor "
        + "pos_embed.W_pos would have 10,000,700,006 elements (d_model at least 100,006: 6 tokens and 100,000 "
        + "indices, n_ctx 100,001; counting only the token and position embeddings), more than a Java array holds "
        + "(2,147,483,639); a smaller --max-seq-len or vocabulary is needed");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anOnnxExportBeyondTwoGigabytesIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> OnnxExporter.requireFits(new ModelConfig(4, 1, 20_000, 1, 10_000, 4, 2, 5, false)))
        .isInstanceOf(ModelTooLargeException.class)
        .hasMessage("the ONNX export would hold 6.0 GB of float32 weights, more than an ONNX file (one protobuf "
            + "message, weights inline) holds: 2 GB; write the model directory without --onnx");
    OnnxExporter.requireFits(new ModelConfig(4, 1, 200, 1, 100, 4, 2, 5, false));
  }

  /** Stages are shown once the compile has run for the quiet time (here none), and the end. */
  @Test
  void progressNamesEachStage() {
    StringWriter text = new StringWriter();
    try (StageProgress progress = new StageProgress(new PrintWriter(text, true), 0)) {
      progress.accept("inferring value sets");
      progress.accept("lowering");
      progress.succeeded();
    }
    assertThat(text.toString()).containsSubsequence("tracr4j: compiling: inferring value sets (",
        "tracr4j: compiling: lowering (", "tracr4j: compiled in ");
    StringWriter quiet = new StringWriter();
    try (StageProgress progress = new StageProgress(new PrintWriter(quiet, true), Long.MAX_VALUE)) {
      progress.accept("lowering");
    }
    assertThat(quiet.toString()).isEmpty();
    StringWriter failed = new StringWriter();
    try (StageProgress progress = new StageProgress(new PrintWriter(failed, true), 0)) {
      progress.accept("assembling the weights");
    }
    assertThat(failed.toString()).contains("tracr4j: compile stopped after ");
  }
}
