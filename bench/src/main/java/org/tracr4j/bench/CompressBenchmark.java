package org.tracr4j.bench;

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
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;
import org.tracr4j.train.Compression;
import org.tracr4j.train.CompressionOptions;
import org.tracr4j.train.Compressor;
import org.tracr4j.train.Sweep;

/**
 * Training time of residual-stream compressions (the superposition lab) on the Tracr paper's first case
 * study, frac_prevs of "x" over {a, b, c, x}, maximum length 5 (D = 14), default settings: one training
 * at width {@code d} on both cores ({@code train}, {@code steps} Adam steps), and the study's sweep of
 * d = 2..14 with 10 seeds, one run per core ({@code sweep}). Single shots: a training is seconds, the
 * sweep minutes. Run with {@code ./scripts/jmh Compress}; time(1) around it gives the CPU seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
public class CompressBenchmark {
  static final String FRAC_PREVS_X = """
      bools = numerical(tokens == "x");
      prevs = select(indices, indices, <=);
      frac_prevs = numerical(aggregate(prevs, bools, 0));
      """;

  @Param({"6"})
  public int d;

  @Param({"2000"})
  public int steps;

  private Model model;

  @Setup
  public void setUp() {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"), Value.of("x"));
    model = Compiler.compile(RaspLanguage.parse(FRAC_PREVS_X, "frac_prevs_x.rasp").output(),
        CompileOptions.of(vocab, 5)).model();
  }

  /** One training at width d, on both cores; a new Compressor, so no input is cached from before. */
  @Benchmark
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public Compression train() {
    return new Compressor(model, CompressionOptions.DEFAULT_TOLERANCE)
        .train(CompressionOptions.defaults(d, 0).withSteps(steps), true, null);
  }

  /** The sweep d = 2..14 x 10 seeds (d is ignored). */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public List<Sweep.Width> sweep() {
    return Sweep.run(model, CompressionOptions.defaults(2, 0).withSteps(steps), 2, 14, 10, null);
  }
}
