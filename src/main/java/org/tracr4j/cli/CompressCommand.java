package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.export.DataType;
import org.tracr4j.model.Model;
import org.tracr4j.train.Compression;
import org.tracr4j.train.CompressionDirectory;
import org.tracr4j.train.CompressionOptions;
import org.tracr4j.train.Compressor;
import org.tracr4j.train.Initialisation;
import org.tracr4j.train.InputDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j compress}: trains a compression of a model's residual stream (Tracr paper, section 5)
 * and writes the compressed model as an ordinary d-wide model directory.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
    description = "Train a d-wide compression W of a model's residual stream (only W trains) and write the "
        + "compressed model as an ordinary model directory.")
final class CompressCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelSource source;

  @Mixin
  JsonOption json;

  @Option(names = "--dim", paramLabel = "d", description = "Compressed residual width (1 to D).")
  Integer dim;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--steps", paramLabel = "K", defaultValue = "" + CompressionOptions.DEFAULT_STEPS,
      description = "Adam steps. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--lr", paramLabel = "X", defaultValue = "" + CompressionOptions.DEFAULT_LEARNING_RATE,
      description = "Adam learning rate, decayed linearly to a tenth. Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "" + CompressionOptions.DEFAULT_BATCH,
      description = "Inputs per step. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--layer-loss-weight", paramLabel = "X",
      defaultValue = "" + CompressionOptions.DEFAULT_LAYER_LOSS_WEIGHT,
      description = "Weight of the per-layer loss against the output loss. Default: ${DEFAULT-VALUE}.")
  double layerLossWeight;

  @Option(names = "--inputs", paramLabel = "uniform|distinct", defaultValue = "uniform",
      description = "Input distribution: uniform tokens, or distinct tokens; lengths uniform from 1 to the "
          + "maximum. Default: ${DEFAULT-VALUE}.")
  String inputs;

  @Option(names = "--init", paramLabel = "pca|random", defaultValue = "pca",
      description = "Initial W: the top principal directions of the compiled residual stream, or random "
          + "orthonormal columns. Default: ${DEFAULT-VALUE}.")
  String init;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "" + CompressionOptions.DEFAULT_TOLERANCE,
      description = "A numerical output is right within this of the compiled model's. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(names = "--eval-inputs", paramLabel = "N", defaultValue = "" + CompressionOptions.DEFAULT_EVAL_INPUTS,
      description = "Fresh inputs for the final accuracy. Default: ${DEFAULT-VALUE}.")
  int evalInputs;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Write the compressed model directory (and compression.safetensors) into DIR.")
  Path output;

  @Option(names = "--onnx", description = "Also write model.onnx (needs -o).")
  boolean onnx;

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "Weight type in model.safetensors: float32 or float64. Default: ${DEFAULT-VALUE}.")
  String dtype;

  @Override
  public Integer call() {
    DataType type = CompileCommand.dataType(dtype);
    if (onnx && output == null) {
      throw new CliException("--onnx needs -o DIR", CliException.USAGE);
    }
    if (dim == null) {
      throw new CliException("give --dim d (the compressed width)", CliException.USAGE);
    }
    CompressionOptions options = options(dim);
    Model model = source.load();
    int big = model.config().dModel();
    if (dim < 1 || dim > big) {
      throw new CliException("--dim must be between 1 and the model's residual width " + big + ", not " + dim,
          CliException.USAGE);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = new ProgressBar(err);
    long start = System.nanoTime();
    Compression compression = new Compressor(model, tolerance).train(options, true, bar::step);
    bar.finish();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (output != null) {
      try {
        CompressionDirectory.write(compression, output, type, onnx);
      } catch (IOException e) {
        throw new CliException("cannot write " + output + ": " + CompileCommand.reason(e),
            CompileCommand.CANNOT_CREATE);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Output.json(summary(compression, seconds)));
    } else {
      out.println(summaryLine(compression, seconds));
    }
    out.flush();
    return 0;
  }

  private CompressionOptions options(int d) {
    InputDistribution distribution = switch (inputs.toLowerCase(Locale.ROOT)) {
      case "uniform" -> InputDistribution.UNIFORM;
      case "distinct" -> InputDistribution.DISTINCT;
      default -> throw new CliException("--inputs takes uniform or distinct, not '" + inputs + "'",
          CliException.USAGE);
    };
    Initialisation start = switch (init.toLowerCase(Locale.ROOT)) {
      case "pca" -> Initialisation.PCA;
      case "random" -> Initialisation.RANDOM;
      default -> throw new CliException("--init takes pca or random, not '" + init + "'", CliException.USAGE);
    };
    try {
      return new CompressionOptions(d, seed, steps, learningRate, batch, layerLossWeight, distribution,
          start, tolerance, evalInputs);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.USAGE);
    }
  }

  private String summaryLine(Compression c, double seconds) {
    StringBuilder cosines = new StringBuilder();
    for (double cosine : c.layerCosines()) {
      cosines.append(cosines.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", cosine));
    }
    return String.format(Locale.ROOT,
        "compressed D %d -> d %d (seed %d, %d steps, %.1f s): accuracy %.2f%% (positions %.2f%%) on %d fresh "
            + "inputs, loss %.3g + %.3g, layer cosines [%s]%s",
        c.originalWidth(), c.width(), c.options().seed(), c.options().steps(), seconds, 100 * c.accuracy(),
        100 * c.tokenAccuracy(), c.options().evalInputs(), c.outputLoss(), c.layerLoss(), cosines,
        output == null ? "" : " -> " + output);
  }

  private Map<String, Object> summary(Compression c, double seconds) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("original_d_model", c.originalWidth());
    doc.put("d_model", c.width());
    doc.put("seed", c.options().seed());
    doc.put("steps", c.options().steps());
    doc.put("accuracy", c.accuracy());
    doc.put("token_accuracy", c.tokenAccuracy());
    doc.put("eval_inputs", c.options().evalInputs());
    doc.put("output_loss", c.outputLoss());
    doc.put("layer_loss", c.layerLoss());
    doc.put("layer_cosines", c.layerCosines());
    doc.put("seconds", seconds);
    doc.put("output", output == null ? null : output.toString());
    return doc;
  }

  /** A one-line progress bar on stderr, redrawn at most a hundred times per run. */
  static final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private int shown = -1;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    void step(int step, int steps, double loss, double accuracy) {
      int percent = (int) (100L * step / Math.max(1, steps));
      if (percent == shown) {
        return;
      }
      shown = percent;
      int filled = WIDTH * percent / 100;
      err.printf(Locale.ROOT, "\r[%s%s] step %d/%d  loss %.4g  batch accuracy %.1f%%", "#".repeat(filled),
          " ".repeat(WIDTH - filled), step, steps, loss, 100 * accuracy);
      err.flush();
    }

    void finish() {
      if (shown >= 0) {
        err.println();
        err.flush();
      }
    }
  }
}
