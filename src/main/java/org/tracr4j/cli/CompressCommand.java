package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.tracr4j.train.Recovery;
import org.tracr4j.train.Sweep;
import org.tracr4j.train.SweepReport;
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
        + "compressed model as an ordinary model directory.",
    footer = {"", "Output: a progress bar on stderr, then one summary line (accuracy on --eval-inputs fresh inputs, "
        + "right positions, losses, per-sublayer cosines); --sweep prints a table (accuracy min/mean/max per width, "
        + "features kept/superposed/dropped) and writes DIR/sweep.json and DIR/report.html.",
        "With --json, one line: {\"original_d_model\", \"d_model\", \"seed\", \"steps\", \"accuracy\", "
        + "\"token_accuracy\", \"eval_inputs\", \"output_loss\", \"layer_loss\", \"layer_cosines\": [...], "
        + "\"seconds\", \"output\": DIR or null, \"recovery\" (with --recover)}; with --sweep, sweep.json's "
        + "document: {\"title\", \"original_d_model\", \"residual_labels\", \"seeds\", \"steps\", ..., "
        + "\"widths\": [{\"d\", \"accuracy\", \"token_accuracy_mean\", \"layer_cosines_mean\", \"runs\": [{\"seed\", "
        + "\"accuracy\", ...}], \"best_seed\", \"features\"}], \"seconds\"}.",
        "Defaults: --seed 0, --steps 1000, --lr 0.001, --batch 32, --layer-loss-weight 1, --inputs uniform, "
        + "--init ablation, --tolerance 0.01, --eval-inputs 2000, --seeds 10 (with --sweep).",
        "Exit codes: 0 trained, 64 usage, 65 program error, 66 bad input or unreadable file, 69 model too large, "
        + "73 cannot write DIR, 74 corrupt model directory.",
        "Example: tracr4j compress examples/frac_prevs_x.rasp --vocab a,b,c,x --max-seq-len 5 --dim 8 -o out/fp8"})
final class CompressCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelSource source;

  @Mixin
  JsonOption json;

  @Option(names = "--dim", paramLabel = "d", description = "Compressed residual width (1 to D).")
  Integer dim;

  @Option(names = "--sweep", paramLabel = "FROM:TO",
      description = "Train every width FROM..TO (TO may be D, the model's width) for --seeds seeds; write "
          + "DIR/report.html and DIR/sweep.json and print the table.")
  String sweep;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "10",
      description = "Seeds per width in a sweep (0..N-1). Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--recover",
      description = "Learn a sparse dictionary on the compressed residual activations and score it against "
          + "the compiler's features (in a sweep: the best seed of every width).")
  boolean recover;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--steps", paramLabel = "K", defaultValue = "" + CompressionOptions.DEFAULT_STEPS,
      description = "Adam steps. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--lr", paramLabel = "X", defaultValue = "" + CompressionOptions.DEFAULT_LEARNING_RATE,
      description = "Adam learning rate, decayed exponentially to a hundredth over the steps; sharp programs such "
          + "as sort_unique need about 1e-5. Default: ${DEFAULT-VALUE}.")
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

  @Option(names = "--init", paramLabel = "ablation|pca|random", defaultValue = "ablation",
      description = "Initial W: the top principal directions of the compiled residual stream with every "
          + "feature weighted by its ablation importance, or unweighted, or random orthonormal columns. "
          + "Default: ${DEFAULT-VALUE}.")
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
    if ((dim == null) == (sweep == null)) {
      throw new CliException("give either --dim d (one compression) or --sweep FROM:TO", CliException.USAGE);
    }
    if (sweep != null) {
      return sweep(type);
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
    Recovery.Result recovery = recover ? Recovery.learn(compression) : null;
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> doc = summary(compression, seconds);
      if (recovery != null) {
        doc.put("recovery", recovery.json());
      }
      out.println(Output.json(doc));
    } else {
      out.println(summaryLine(compression, seconds));
      if (recovery != null) {
        out.println(recoveryLine(compression, recovery));
      }
    }
    out.flush();
    return 0;
  }

  private int sweep(DataType type) {
    if (output == null) {
      throw new CliException("--sweep needs -o DIR (for report.html and sweep.json)", CliException.USAGE);
    }
    if (onnx) {
      throw new CliException("--onnx writes one model; it does not go with --sweep", CliException.USAGE);
    }
    if (seeds < 1) {
      throw new CliException("--seeds must be at least 1, not " + seeds, CliException.USAGE);
    }
    String[] range = sweep.split(":", -1);
    if (range.length != 2) {
      throw new CliException("--sweep takes FROM:TO, such as 2:14 or 2:D, not '" + sweep + "'", CliException.USAGE);
    }
    CompressionOptions options = options(1);
    Model model = source.load();
    int big = model.config().dModel();
    int from = width(range[0], big);
    int to = width(range[1], big);
    if (from < 1 || to > big || from > to) {
      throw new CliException("--sweep " + sweep + ": widths must satisfy 1 <= FROM <= TO <= D = " + big,
          CliException.USAGE);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = new ProgressBar(err);
    long start = System.nanoTime();
    List<Sweep.Width> widths = Sweep.run(model, options, from, to, seeds, (done, total, run) -> {
      synchronized (bar) {
        bar.run(done, total, run);
      }
    });
    bar.finish();
    Map<Integer, Recovery.Result> recoveries = new java.util.TreeMap<>();
    if (recover) {
      widths.parallelStream().forEach(w -> {
        Recovery.Result r = Recovery.learn(w.best());
        synchronized (recoveries) {
          recoveries.put(w.dim(), r);
        }
      });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String title = (source.program != null ? source.program.getFileName().toString()
        : source.modelDirectory.toString()) + ", vocabulary " + vocabularyOf(model) + ", max length "
        + model.maxSeqLen();
    SweepReport report = new SweepReport(title, widths, options, recoveries);
    Map<String, Object> doc = report.json();
    doc.put("seconds", seconds);
    try {
      java.nio.file.Files.createDirectories(output);
      java.nio.file.Files.writeString(output.resolve("report.html"), report.html());
      java.nio.file.Files.writeString(output.resolve("sweep.json"), Output.json(doc) + "\n");
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + CompileCommand.reason(e), CompileCommand.CANNOT_CREATE);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Output.json(doc));
    } else {
      out.print(report.table());
      if (recover) {
        for (Map.Entry<Integer, Recovery.Result> entry : recoveries.entrySet()) {
          Recovery.Result r = entry.getValue();
          out.printf(Locale.ROOT, "recovery d %d: %d/%d features recovered (%d of %d not dropped)%n",
              entry.getKey(), r.recovered(), big, r.recoveredOfUsed(), r.used());
        }
      }
      out.printf(Locale.ROOT, "swept d %d..%d x %d seeds in %.1f s: smallest d at >= 99%% mean accuracy: %s -> %s%n",
          from, to, seeds, seconds, describe(report.smallestWidthReaching(0.99)), output.resolve("report.html"));
    }
    out.flush();
    return 0;
  }

  private static String describe(int d) {
    return d < 0 ? "none" : String.valueOf(d);
  }

  private static String vocabularyOf(Model model) {
    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < model.vocabulary().size(); i++) {
      if (i != model.vocabulary().bos() && i != model.vocabulary().pad()) {
        tokens.add(model.vocabulary().tokens().get(i));
      }
    }
    return "{" + String.join(", ", tokens) + "}";
  }

  private static int width(String text, int big) {
    if (text.equals("D")) {
      return big;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new CliException("--sweep takes FROM:TO with whole numbers or D, not '" + text + "'",
          CliException.USAGE);
    }
  }

  private static String recoveryLine(Compression c, Recovery.Result r) {
    return String.format(Locale.ROOT, "recovery: %d/%d features recovered (best cosine >= %s with a dictionary "
        + "atom; %d of %d not dropped), relative reconstruction error %.3g", r.recovered(), c.originalWidth(),
        Recovery.RECOVERED_FROM, r.recoveredOfUsed(), r.used(), r.reconstruction());
  }

  private CompressionOptions options(int d) {
    InputDistribution distribution = switch (inputs.toLowerCase(Locale.ROOT)) {
      case "uniform" -> InputDistribution.UNIFORM;
      case "distinct" -> InputDistribution.DISTINCT;
      default -> throw new CliException("--inputs takes uniform or distinct, not '" + inputs + "'",
          CliException.USAGE);
    };
    Initialisation start = switch (init.toLowerCase(Locale.ROOT)) {
      case "ablation" -> Initialisation.ABLATION;
      case "pca" -> Initialisation.PCA;
      case "random" -> Initialisation.RANDOM;
      default -> throw new CliException("--init takes ablation, pca or random, not '" + init + "'", CliException.USAGE);
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
        "compressed D %d -> d %d (seed %d, %d of %d steps, %.1f s): accuracy %.2f%% (positions %.2f%%) on %d fresh "
            + "inputs, loss %.3g + %.3g, layer cosines [%s]%s",
        c.originalWidth(), c.width(), c.options().seed(), c.stepsTrained(), c.options().steps(), seconds, 100 * c.accuracy(),
        100 * c.tokenAccuracy(), c.options().evalInputs(), c.outputLoss(), c.layerLoss(), cosines,
        output == null ? "" : " -> " + output);
  }

  private Map<String, Object> summary(Compression c, double seconds) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("original_d_model", c.originalWidth());
    doc.put("d_model", c.width());
    doc.put("seed", c.options().seed());
    doc.put("steps", c.options().steps());
    doc.put("steps_trained", c.stepsTrained());
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
    private int drawn;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    void step(int step, int steps, double loss, double accuracy) {
      show(step, steps, String.format(Locale.ROOT, "step %d/%d  loss %.4g  batch accuracy %.1f%%", step, steps,
          loss, 100 * accuracy));
    }

    /** A sweep's bar: runs finished, and what the run that just finished reached. */
    void run(int done, int total, Compression run) {
      show(done, total, String.format(Locale.ROOT, "run %d/%d  last finished: d %d seed %d, accuracy %.1f%% "
          + "after %d steps", done, total, run.width(), run.options().seed(), 100 * run.accuracy(),
          run.stepsTrained()));
    }

    private void show(int step, int steps, String text) {
      int percent = (int) (100L * step / Math.max(1, steps));
      if (percent == shown) {
        return;
      }
      shown = percent;
      int filled = WIDTH * percent / 100;
      String line = String.format(Locale.ROOT, "[%s%s] %s", "#".repeat(filled), " ".repeat(WIDTH - filled), text);
      err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      drawn = line.length();
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
