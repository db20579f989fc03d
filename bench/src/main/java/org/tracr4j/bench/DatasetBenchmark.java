package org.tracr4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tracr4j.dataset.DatasetBuilder;
import org.tracr4j.dataset.DatasetOptions;

/**
 * Dataset throughput (issue 14: at least 1,000 programs/s on 2 cores at the default size, written to disk):
 * one operation is one program of a {@code tracr4j dataset} build at the defaults (5 operations, vocabulary
 * 5, length 5, 8 check inputs), generated, compiled, checked and written, so the score is programs per
 * second. After each iteration it prints the process CPU seconds per program (user + system, all threads:
 * workers, writer, JIT, GC), which does not depend on what else the machine runs.
 *
 * <p>The fork runs with the C1 JIT only, as the launcher runs {@code tracr4j dataset} (C2 does not settle on
 * the ever-changing program shapes; see the launcher). {@code -jvmArgsAppend "-Xss16m
 * -XX:TieredStopAtLevel=4"} measures the JVM's default instead.
 *
 * <p>{@code ./scripts/jmh Dataset -p threads=2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:TieredStopAtLevel=1"})
public class DatasetBenchmark {
  private static final int PROGRAMS = 2_000;

  @Param({"2"})
  public int threads;

  private Path dir;
  private long seed;
  private long cpuStart;
  private long programs;

  @Setup(Level.Trial)
  public void createDirectory() throws IOException {
    dir = Files.createTempDirectory("tracr4j-dataset-bench");
  }

  @Setup(Level.Iteration)
  public void startCpu() {
    cpuStart = processCpuNanos();
    programs = 0;
  }

  /** A new seed each time, so every build draws new programs (nothing is cached between builds). */
  @Benchmark
  @OperationsPerInvocation(PROGRAMS)
  public DatasetBuilder.Summary build() throws IOException {
    DatasetBuilder.Summary summary = DatasetBuilder.build(
        DatasetOptions.defaults(PROGRAMS, ++seed).withThreads(threads), dir.resolve("d" + seed), null);
    programs += summary.programs();
    return summary;
  }

  @TearDown(Level.Iteration)
  public void reportCpu() throws IOException {
    double seconds = (processCpuNanos() - cpuStart) / 1e9;
    System.out.printf("%n[cpu] %.3f ms CPU per program (%d programs, load average %.2f)%n",
        1e3 * seconds / Math.max(1, programs), programs,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
    }
  }

  @TearDown(Level.Trial)
  public void removeDirectory() throws IOException {
    Files.deleteIfExists(dir);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
