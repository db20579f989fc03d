package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.cli.BenchmarkCases.Case;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j bench}: compile time, size and forward-pass time for every library program at its test
 * size and for the scaling series of targets.md, next to Tracr's own figures measured on these machines.
 * Times are medians over repeated in-process compiles after warm-up, each span warmed up and timed on its
 * own (in batches of back-to-back calls of about a millisecond), of two spans: {@code compile_ms}, the
 * span of Tracr's figure (the program to blocks allocated to layers: {@link Compiler#plan}, everything but
 * writing the residual-space weight arrays), against which the speed-up is taken; and {@code
 * assembled_ms}, the whole {@link Compiler#compile} to a runnable model.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure compile time, model size and forward-pass time of the library programs.",
    footer = {"", "Output: a table, one row per program and size, then the library total. With --json, one "
        + "document: {\"rows\": [{\"program\", \"vocab\", \"max_seq_len\", \"layers\", \"d_model\", \"params\", "
        + "\"compile_ms\" (Tracr's span: program to blocks allocated to layers, weight arrays not written), "
        + "\"assembled_ms\" (the whole compile to a runnable model), \"forward_one_ms\", \"forward_batch64_ms\", "
        + "\"tracr_compile_ms\", \"tracr_params\", \"tracr_d_model\", \"speedup\" (Tracr's ms / compile_ms), "
        + "\"params_ratio\" (ours / Tracr's; library rows), \"directory_read_ms\" (library rows)}], "
        + "\"library_compile_ms_total\", \"library_assembled_ms_total\", \"library_params_total\", "
        + "\"library_speedup\" (on compile_ms), \"library_params_ratio\", \"library_directory_read_ms_total\"}.",
        "Times are medians after warm-up (at least 3 s over all the cases, then each case's own, each until the JIT has compiled nothing for 0.2 s), each span timed on its own in batches of about 1 ms; compile_ms is the span of Tracr's figures (targets.md), so the "
        + "speed-up compares like with like.",
        "Defaults: full repetitions, --max-size 80.",
        "Exit codes: 0 ok, 64 usage.",
        "Example: tracr4j bench --quick --json"})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "Few repetitions and small series (a smoke run).")
  boolean quick;

  @Option(names = "--max-size", paramLabel = "N", defaultValue = "80",
      description = "Largest vocabulary size / length of the scaling series. Default: ${DEFAULT-VALUE}.")
  int maxSize;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (maxSize < 5) {
      throw new CliException("--max-size must be at least 5, the smallest size of the scaling series; got "
          + maxSize, CliException.USAGE);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    if (!json.enabled()) {
      out.printf("%-32s %5s %4s %7s %10s %8s %10s %9s %9s %12s %11s %8s %8s%n", "program", "vocab", "N",
          "d_model", "params", "vs tracr", "compile ms", "tracr ms", "speedup", "assembled ms", "fwd 1 (ms)",
          "fwd 64", "layers");
    }
    double libraryTotal = 0;
    double libraryAssembled = 0;
    double libraryRead = 0;
    long libraryParams = 0;
    double tracrTotal = 0;
    long tracrParams = 0;
    List<Case> series = BenchmarkCases.series(quick ? new int[] {5, 10} : BenchmarkCases.SERIES_SIZES, maxSize);
    warmUp(series);
    for (Case c : BenchmarkCases.library()) {
      Map<String, Object> row = measure(c);
      row.put("directory_read_ms", directoryReadMillis((Model) row.remove("model")));
      libraryTotal += (double) row.get("compile_ms");
      libraryAssembled += (double) row.get("assembled_ms");
      libraryRead += (double) row.get("directory_read_ms");
      libraryParams += (long) row.get("params");
      tracrTotal += (double) row.get("tracr_compile_ms");
      tracrParams += (long) row.get("tracr_params");
      rows.add(row);
      print(out, row);
    }
    for (Case c : series) {
      Map<String, Object> row = measure(c);
      row.remove("model");
      rows.add(row);
      print(out, row);
    }
    if (json.enabled()) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("rows", rows);
      document.put("library_compile_ms_total", libraryTotal);
      document.put("library_assembled_ms_total", libraryAssembled);
      document.put("library_params_total", libraryParams);
      document.put("library_speedup", tracrTotal / libraryTotal);
      document.put("library_params_ratio", (double) libraryParams / tracrParams);
      document.put("library_directory_read_ms_total", libraryRead);
      out.println(Output.json(document));
    } else {
      out.printf("library at test size: %.3f ms to compile all up to the weight arrays, Tracr's span (sum of "
          + "medians; Tracr %.1f ms, %.0fx faster), %.3f ms to assembled models; %,d params (Tracr: %,d; %.2fx); "
          + "%.3f ms to read all their float32 model directories (sum of medians)%n", libraryTotal, tracrTotal,
          tracrTotal / libraryTotal, libraryAssembled, libraryParams, tracrParams,
          (double) libraryParams / tracrParams, libraryRead);
    }
    out.flush();
    return 0;
  }

  private void print(PrintWriter out, Map<String, Object> row) {
    if (json.enabled()) {
      return;
    }
    double tracr = (double) row.get("tracr_compile_ms");
    long tracrParams = (long) row.get("tracr_params");
    out.printf("%-32s %5d %4d %7d %,10d %8s %10.3f %9s %9s %12.3f %11.3f %8.2f %8d%n", row.get("program"),
        row.get("vocab"), row.get("max_seq_len"), row.get("d_model"), row.get("params"),
        tracrParams > 0 ? String.format("%.2fx", (long) row.get("params") / (double) tracrParams) : "-",
        row.get("compile_ms"),
        tracr > 0 ? String.format("%.1f", tracr) : "-",
        tracr > 0 ? String.format("%.0fx", tracr / (double) row.get("compile_ms")) : "-",
        row.get("assembled_ms"), row.get("forward_one_ms"), row.get("forward_batch64_ms"), row.get("layers"));
    out.flush();
  }

  /**
   * Compiles every library program and the series' small points in turn, before anything is timed: the
   * compiler's code is shared by all the cases, and without this the first rows (the library) were timed
   * while the JIT was still compiling it for the first time (the first row at several times its later cost).
   */
  private void warmUp(List<Case> series) {
    List<Case> cases = new ArrayList<>(BenchmarkCases.library());
    for (Case c : series) {
      if (c.vocab().size() * c.maxSeqLen() <= 200) {
        cases.add(c);
      }
    }
    List<SOp> programs = new ArrayList<>();
    for (Case c : cases) {
      programs.add(c.program().get());
    }
    Runnable round = () -> {
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        CompileOptions options = CompileOptions.of(c.vocab(), c.maxSeqLen());
        Compiler.plan(programs.get(i), options);
        Compiler.compile(programs.get(i), options);
      }
    };
    runUntilSettled(round, 1, quick ? 100_000_000L : 3_000_000_000L, quick ? 0 : 10_000_000_000L);
  }

  private Map<String, Object> measure(Case c) {
    CompileOptions options = CompileOptions.of(c.vocab(), c.maxSeqLen());
    SOp program = c.program().get();
    int size = c.vocab().size() * c.maxSeqLen();
    int repetitions = quick ? 3 : Math.max(5, Math.min(200, 20_000 / Math.max(1, size)));
    double[] times = spanMillis(() -> Compiler.plan(program, options), repetitions);
    Model[] last = new Model[1];
    double[] assembled = spanMillis(() -> last[0] = Compiler.compile(program, options).model(), repetitions);
    Model model = last[0];
    List<Value> longest = new ArrayList<>();
    for (int i = 0; i < c.maxSeqLen(); i++) {
      longest.add(c.vocab().get(i % c.vocab().size()));
    }
    List<List<Value>> batch = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      batch.add(longest);
    }
    Model m = model;
    double one = medianMillis(() -> m.runBatch(List.of(longest)), quick ? 3 : 15);
    double many = medianMillis(() -> m.runBatch(batch), quick ? 2 : 7);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("program", c.name());
    row.put("vocab", c.vocab().size());
    row.put("max_seq_len", c.maxSeqLen());
    row.put("layers", m.config().layers());
    row.put("d_model", m.config().dModel());
    row.put("params", m.params());
    row.put("compile_ms", median(times));
    row.put("assembled_ms", median(assembled));
    row.put("forward_one_ms", one);
    row.put("forward_batch64_ms", many);
    row.put("tracr_compile_ms", c.tracrMs());
    row.put("tracr_params", c.tracrParams());
    row.put("tracr_d_model", c.tracrDModel());
    if (c.tracrMs() > 0) {
      row.put("speedup", c.tracrMs() / median(times));
    }
    if (c.tracrParams() > 0) {
      row.put("params_ratio", m.params() / (double) c.tracrParams());
    }
    row.put("model", m);
    return row;
  }

  /** Median time of {@code ModelDirectory.read} on the model's float32 directory, written to a temporary one. */
  private double directoryReadMillis(Model model) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tracr4j-bench");
      try {
        ModelDirectory.write(model, dir, DataType.F32);
        return medianMillis(() -> ModelDirectory.read(dir), quick ? 3 : 7);
      } finally {
        try (var files = java.nio.file.Files.list(dir)) {
          for (java.nio.file.Path file : files.toList()) {
            java.nio.file.Files.delete(file);
          }
        }
        java.nio.file.Files.delete(dir);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Per-call times of one span, each span warmed up and timed on its own, as Tracr's figure times one
   * call repeated: a warm-up (at least {@code repetitions} calls and 300 ms, then on until the JIT is quiet,
   * see {@link #runUntilSettled}) so the JIT has compiled the hot paths, then {@code repetitions} samples.
   * A sample is the mean of a batch of back-to-back calls, sized so that a batch takes about a millisecond:
   * a call of tens of microseconds is then timed without the clock's own cost and jitter, and a call of a
   * millisecond or more is one batch of one.
   */
  private double[] spanMillis(Runnable span, int repetitions) {
    long warmStart = System.nanoTime();
    long calls = runUntilSettled(span, repetitions, quick ? 20_000_000L : 300_000_000L,
        quick ? 0 : 3_000_000_000L);
    double warmCallNanos = (System.nanoTime() - warmStart) / (double) calls;
    int batch = (int) Math.max(1, Math.min(1_000, 1_000_000 / Math.max(1, warmCallNanos)));
    double[] times = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      for (int j = 0; j < batch; j++) {
        span.run();
      }
      times[i] = (System.nanoTime() - start) / 1e6 / batch;
    }
    return times;
  }

  /** How long the JIT must have compiled nothing while a warm-up runs before the warm-up counts as done. */
  private static final long QUIET_NANOS = 200_000_000L;

  /**
   * Runs {@code action} at least {@code minCalls} times and for at least {@code minNanos}, then on until the
   * JIT has compiled nothing for {@link #QUIET_NANOS} of running it, or {@code maxExtraNanos} more have
   * passed; returns the number of calls. The cases share the compiler's code, so a new case's first calls
   * meet code compiled for the earlier ones, and C2 goes on recompiling for a while (on two cores, compiles
   * of up to 0.4 s still came seconds after a fixed warm-up). Waiting for the JIT to go quiet times the
   * settled code, the state "in-process after warm-up" means (targets.md). Without JIT time monitoring, the
   * minimum only.
   */
  private static long runUntilSettled(Runnable action, long minCalls, long minNanos, long maxExtraNanos) {
    long start = System.nanoTime();
    long calls = 0;
    for (; calls < minCalls || System.nanoTime() - start < minNanos; calls++) {
      action.run();
    }
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return calls;
    }
    long deadline = System.nanoTime() + maxExtraNanos;
    long jitMillis = jit.getTotalCompilationTime();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET_NANOS && System.nanoTime() < deadline) {
      action.run();
      calls++;
      long now = jit.getTotalCompilationTime();
      if (now != jitMillis) {
        jitMillis = now;
        quietSince = System.nanoTime();
      }
    }
    return calls;
  }

  private static double medianMillis(Runnable action, int repetitions) {
    action.run();
    double[] times = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      action.run();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    return median(times);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
