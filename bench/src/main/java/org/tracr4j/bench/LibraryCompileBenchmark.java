package org.tracr4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tracr4j.cli.BenchmarkCases;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.PlannedProgram;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;

/**
 * Compile time of each library program at its test size (targets.md): {@code plan}, the span of Tracr's
 * figures (up to the weight arrays), and {@code compile}, the whole compile to an assembled model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
public class LibraryCompileBenchmark {
  @Param({"detect_pattern_abc", "make_count_a", "make_count_less_freq_2", "make_frac_prevs", "make_hist",
      "make_length", "make_nary_sequencemap", "make_pair_balance", "make_reverse", "make_shuffle_dyck2",
      "make_shuffle_dyck_1pair", "make_sort", "make_sort_freq", "make_sort_unique", "shift_by_1", "shift_by_2"})
  public String program;

  private SOp expression;
  private CompileOptions options;

  @Setup
  public void setUp() {
    BenchmarkCases.Case c = BenchmarkCases.named(program);
    expression = c.program().get();
    options = CompileOptions.of(c.vocab(), c.maxSeqLen());
  }

  /** Tracr's span (targets.md): the program to blocks allocated to layers, weight arrays not written. */
  @Benchmark
  public PlannedProgram plan() {
    return Compiler.plan(expression, options);
  }

  /** The whole compile, to a runnable model. */
  @Benchmark
  public Model compile() {
    return Compiler.compile(expression, options).model();
  }
}
