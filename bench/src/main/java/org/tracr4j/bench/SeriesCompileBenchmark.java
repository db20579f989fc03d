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
 * Compile time at each point of the scaling series of targets.md: the vocabulary size swept at length 10
 * ({@code sweep = V}) and the length swept with 10 values ({@code sweep = N}); {@code plan} times the span of
 * Tracr's figures (up to the weight arrays), {@code compile} the whole compile to an assembled model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
public class SeriesCompileBenchmark {
  @Param({"make_sort_unique", "make_hist", "make_sort", "make_frac_prevs", "make_reverse"})
  public String program;

  @Param({"V", "N"})
  public String sweep;

  @Param({"5", "10", "20", "40", "80"})
  public int size;

  private SOp expression;
  private CompileOptions options;

  @Setup
  public void setUp() {
    BenchmarkCases.Case c = BenchmarkCases.named(program + " " + sweep + "=" + size);
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
