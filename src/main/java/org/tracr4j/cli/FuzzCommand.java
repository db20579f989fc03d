package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.check.Fuzzer;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j fuzz}: differential fuzzing of the compiler (see {@link Fuzzer}). Every disagreement or
 * crash is written to {@code --out DIR} as a shrunk {@code .rasp} file whose header gives the vocabulary,
 * maximum length, input and both outputs; the exit code is non-zero when any was found.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compile random programs and compare the models with the interpreter on random inputs.",
    footer = {"", "Output: 'key: value' lines (mode, causal, seed, programs, compiled, rejected, inputs_compared, "
        + "positions_compared, inputs_outside_contract (each refused by the model), interpreter_errors, "
        + "disagreements, crashes, unrefused (an outside-contract input answered), wrong_refusals, seconds, "
        + "rejections_by_rule, refused_while_generating_by_rule (statements the compiler refused, which the "
        + "generator replaced: outside the contract, the failing functions it caught)); with --json the same keys in one document. Each failure is shrunk and written "
        + "to --out as a .rasp file whose header gives vocabulary, length, input and both outputs.",
        "Exit codes: 0 no failure, 1 a disagreement or crash was found, 64 usage, 73 cannot write --out.",
        "Example: tracr4j fuzz --programs 1000 --inputs 20 --seed 1"})
final class FuzzCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--programs", paramLabel = "N", defaultValue = "200", description = "Programs to generate. Default: ${DEFAULT-VALUE}.")
  int programs;

  @Option(names = "--inputs", paramLabel = "M", defaultValue = "20", description = "Random inputs per program. Default: ${DEFAULT-VALUE}.")
  int inputs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the whole run. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--size", paramLabel = "K", defaultValue = "8", description = "Largest program size. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--max-seq-len", paramLabel = "N", defaultValue = "8", description = "Largest --max-seq-len of a program. Default: ${DEFAULT-VALUE}.")
  int maxLength;

  @Option(names = "--causal", description = "Compile causal models, compare with the causal interpreter.")
  boolean causal;

  @Option(names = "--outside-contract", description = "Also generate what the compiler's contract excludes "
      + "(aggregates that may average, functions that fail on some values): each must be rejected, refused "
      + "or answered right.")
  boolean outsideContract;

  @Option(names = "--compat", paramLabel = "tracr", description = "'tracr': fuzz Tracr's constructions.")
  String compat;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "fuzz-failures",
      description = "Where failing programs are written. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (programs < 1 || inputs < 1 || size < 1 || maxLength < 2) {
      throw new CliException("--programs, --inputs, --size must be positive and --max-seq-len at least 2",
          CliException.USAGE);
    }
    CompileOptions.Mode mode = CompileSettings.mode(compat);
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Fuzzer.Report report = new Fuzzer(new Fuzzer.Settings(programs, inputs, seed, mode, size, maxLength, causal, outsideContract))
        .run(line -> {
          err.println("fuzz: " + line);
          err.flush();
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    write(report.failures());
    PrintWriter stdout = spec.commandLine().getOut();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("mode", mode.lowerName());
    summary.put("causal", causal);
    summary.put("outside_contract", outsideContract);
    summary.put("seed", seed);
    summary.put("programs", report.programs());
    summary.put("compiled", report.compiled());
    summary.put("rejected", report.rejected());
    summary.put("inputs_compared", report.inputsCompared());
    summary.put("positions_compared", report.positionsCompared());
    summary.put("inputs_outside_contract", report.inputsOutsideContract());
    summary.put("interpreter_errors", report.interpreterErrors());
    summary.put("interpreter_error_reasons", report.interpreterErrorReasons());
    summary.put("disagreements", report.disagreements());
    summary.put("crashes", report.crashes());
    summary.put("unrefused", report.failures().stream().filter(f -> f.kind().equals("unrefused")).count());
    summary.put("wrong_refusals", report.failures().stream().filter(f -> f.kind().equals("wrong-refusal")).count());
    summary.put("seconds", Math.round(seconds * 10) / 10.0);
    summary.put("rejections_by_rule", report.rejections());
    // Statements the generator drew and the compiler refused (so they were replaced): outside the contract,
    // the failing functions and averaging aggregates it caught before any program was compiled.
    summary.put("refused_while_generating_by_rule", report.generatorRefusals());
    if (json.enabled()) {
      stdout.println(Output.json(summary));
    } else {
      summary.forEach((key, value) -> stdout.println(key + ": " + value));
      if (!report.failures().isEmpty()) {
        stdout.println("failing programs written to " + out);
      }
    }
    stdout.flush();
    return report.failures().isEmpty() ? 0 : 1;
  }

  private void write(List<Fuzzer.Failure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(out);
      for (Fuzzer.Failure f : failures) {
        StringBuilder text = new StringBuilder();
        text.append("# tracr4j fuzz: ").append(f.kind()).append(" (program seed ").append(f.programSeed())
            .append(")\n");
        text.append("# vocab: ").append(join(f.vocab(), ",")).append("\n");
        text.append("# max-seq-len: ").append(f.maxSeqLen()).append("\n");
        text.append("# input: ").append(join(f.problem().input(), " ")).append("\n");
        text.append("# interpreter: ").append(join(f.problem().expected(), " ")).append("\n");
        text.append("# model: ").append(join(f.problem().actual(), " ")).append("\n");
        text.append("# ").append(f.problem().message().replace('\n', ' ')).append("\n");
        text.append(f.program().raspSource());
        Files.writeString(out.resolve(f.kind() + "-" + f.programSeed() + ".rasp"), text.toString(),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new CliException("cannot write " + out + ": " + e.getMessage(), CompileCommand.CANNOT_CREATE);
    }
  }

  private static String join(List<Value> values, String separator) {
    StringBuilder out = new StringBuilder();
    for (Value v : values) {
      out.append(out.length() == 0 ? "" : separator).append(v);
    }
    return out.toString();
  }
}
