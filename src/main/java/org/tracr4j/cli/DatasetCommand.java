package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tracr4j.dataset.DatasetBuilder;
import org.tracr4j.dataset.DatasetOptions;
import org.tracr4j.generate.Construct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tracr4j dataset}: writes a dataset of (program, weights) pairs. */
@Command(name = "dataset", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a dataset of generated programs and their compiled weights: DIR/index.jsonl (one "
        + "program per line: id, split, source, tokens, config, shard, prefix), DIR/shard-NNNNN.safetensors, "
        + "DIR/dataset.json. The same options and seed give the same bytes whatever --threads. Format: "
        + "docs/dataset.md.",
    footer = {"", "Output: the files in DIR; a progress bar on stderr; on stdout one line 'wrote N programs (train/"
        + "test split) in K shards to DIR in S s (R programs/s); D draws, U duplicates up to renaming', then one "
        + "'rejected N: kind' line per kind of draw not kept. No --json: DIR/dataset.json is the machine-readable "
        + "summary (options, counts, splits, shards).",
        "Defaults: --seed 1, --threads 1, --shard-size 1000, --size 5, --vocab-size 5, --max-seq-len 5, "
        + "--causal-share 0, every construct, --check-inputs 8.",
        "Exit codes: 0 written, 64 usage (a bad option or construct), 65 fewer distinct programs than asked, "
        + "73 cannot write DIR.",
        "Example: tracr4j dataset --programs 1000 --seed 1 -o data --threads 2"})
final class DatasetCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--programs", paramLabel = "N", required = true, description = "Distinct programs to write.")
  int programs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Output directory.")
  Path output;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
      description = "Worker threads (the output does not depend on it). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--shard-size", paramLabel = "K", defaultValue = "1000",
      description = "Programs per safetensors shard. Default: ${DEFAULT-VALUE}.")
  int shardSize;

  @Option(names = "--size", paramLabel = "OPS", defaultValue = "5",
      description = "Operations (statements) per program. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--vocab-size", paramLabel = "V", defaultValue = "5",
      description = "Input tokens 0..V-1. Default: ${DEFAULT-VALUE}.")
  int vocabSize;

  @Option(names = "--max-seq-len", paramLabel = "N", defaultValue = "5",
      description = "Maximum input length. Default: ${DEFAULT-VALUE}.")
  int maxSeqLen;

  @Option(names = "--causal-share", paramLabel = "P", defaultValue = "0",
      description = "Fraction of programs compiled causally. Default: ${DEFAULT-VALUE}.")
  double causalShare;

  @Option(names = "--constructs", paramLabel = "C,...", split = ",",
      description = "Only these constructs (e.g. categorical_map,select,categorical_aggregate); default all.")
  Set<String> constructs;

  @Option(names = "--check-inputs", paramLabel = "M", defaultValue = "8",
      description = "Random inputs each model is checked on before it is written. Default: ${DEFAULT-VALUE}.")
  int checkInputs;

  @Override
  public Integer call() throws IOException {
    EnumSet<Construct> chosen = EnumSet.noneOf(Construct.class);
    for (String name : constructs == null ? Set.<String>of() : constructs) {
      try {
        chosen.add(Construct.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new CliException("unknown construct '" + name + "'; constructs are "
            + java.util.Arrays.stream(Construct.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList(),
            CliException.USAGE);
      }
    }
    DatasetOptions options;
    try {
      options = new DatasetOptions(programs, seed, threads, shardSize, size, vocabSize, maxSeqLen, causalShare,
          chosen, checkInputs);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), CliException.USAGE);
    }
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    DatasetBuilder.Summary summary = DatasetBuilder.build(options, output, written -> {
      if (written % Math.max(1, programs / 50) == 0 || written == programs) {
        int filled = (int) (40L * written / programs);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("\r[%s%s] %d/%d programs, %.0f/s", "=".repeat(filled), " ".repeat(40 - filled), written,
            programs, written / Math.max(seconds, 1e-9));
        err.flush();
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    err.println();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote %d programs (%s) in %d shards to %s in %.1f s (%.0f programs/s); %d draws, %d "
        + "duplicates up to renaming%n", summary.programs(), summary.splits().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")),
        summary.shards(), output, seconds, summary.programs() / Math.max(seconds, 1e-9), summary.draws(),
        summary.duplicates());
    summary.rejected().forEach((kind, count) -> out.printf("rejected %d: %s%n", count, kind));
    out.flush();
    if (summary.programs() < programs) {
      throw new CliException("only " + summary.programs() + " distinct programs in " + summary.draws()
          + " draws; allow larger programs (--size) or more constructs", 65);
    }
    return 0;
  }
}
