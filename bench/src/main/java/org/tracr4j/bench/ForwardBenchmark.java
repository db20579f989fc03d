package org.tracr4j.bench;

import java.util.ArrayList;
import java.util.List;
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
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;

/**
 * Forward-pass throughput of compiled models (a point of the scaling series, by default the longest inputs):
 * one input of maximum length, and a batch of 64 such inputs (run on every core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
public class ForwardBenchmark {
  @Param({"make_sort N=80", "make_reverse N=80", "make_hist N=80", "make_sort_unique N=80",
      "make_frac_prevs N=80"})
  public String point;

  private Model model;
  private List<Value> longest;
  private List<List<Value>> batch;

  @Setup
  public void setUp() {
    BenchmarkCases.Case c = BenchmarkCases.named(point);
    model = Compiler.compile(c.program().get(), CompileOptions.of(c.vocab(), c.maxSeqLen())).model();
    longest = new ArrayList<>();
    for (int i = 0; i < c.maxSeqLen(); i++) {
      longest.add(c.vocab().get(i % c.vocab().size()));
    }
    batch = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      batch.add(longest);
    }
  }

  @Benchmark
  public List<Object> one() {
    return model.run(longest);
  }

  @Benchmark
  public List<List<Object>> batchOf64() {
    return model.runBatch(batch);
  }
}
