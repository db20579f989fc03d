package org.tracr4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.tracr4j.model.Model;

/**
 * Trains a compression for every width in a range and several seeds (seeds {@code 0 … seeds−1}), one run
 * per core at a time; each run is deterministic, so the sweep's results do not depend on the scheduling.
 */
public final class Sweep {
  /** Called after each finished run, from the worker threads (in no fixed order). */
  @FunctionalInterface
  public interface Progress {
    void finished(int done, int total, Compression run);
  }

  /**
   * The runs of one width.
   *
   * @param dim the width d
   * @param runs one per seed, in seed order
   */
  public record Width(int dim, List<Compression> runs) {
    public Width {
      runs = List.copyOf(runs);
    }

    public double minAccuracy() {
      return runs.stream().mapToDouble(Compression::accuracy).min().orElse(0);
    }

    public double meanAccuracy() {
      return runs.stream().mapToDouble(Compression::accuracy).average().orElse(0);
    }

    public double maxAccuracy() {
      return runs.stream().mapToDouble(Compression::accuracy).max().orElse(0);
    }

    public double meanTokenAccuracy() {
      return runs.stream().mapToDouble(Compression::tokenAccuracy).average().orElse(0);
    }

    /** Per sublayer, the mean cosine similarity over the seeds. */
    public List<Double> meanCosines() {
      List<Double> means = new ArrayList<>();
      int subs = runs.get(0).layerCosines().size();
      for (int s = 0; s < subs; s++) {
        int layer = s;
        means.add(runs.stream().mapToDouble(r -> r.layerCosines().get(layer)).average().orElse(0));
      }
      return means;
    }

    /** The run with the highest accuracy, the lowest seed on ties. */
    public Compression best() {
      Compression best = runs.get(0);
      for (Compression run : runs) {
        if (run.accuracy() > best.accuracy()) {
          best = run;
        }
      }
      return best;
    }
  }

  private Sweep() {}

  /** Trains widths {@code from … to} (inclusive, ascending in the result) × {@code seeds} seeds. */
  public static List<Width> run(Model compiled, CompressionOptions base, int from, int to, int seeds,
      Progress progress) {
    int widths = to - from + 1;
    int total = widths * seeds;
    Compression[] results = new Compression[total];
    Compressor compressor = new Compressor(compiled, base.tolerance());
    AtomicInteger done = new AtomicInteger();
    int workers = Math.max(1, Math.min(total, Runtime.getRuntime().availableProcessors()));
    // Widest first: the slowest runs start early, so the workers finish together.
    IntStream.range(0, workers).parallel().forEach(worker -> {
      for (int job = worker; job < total; job += workers) {
        int dim = to - job / seeds;
        long seed = job % seeds;
        Compression run = compressor.train(base.withDim(dim).withSeed(seed), false, null);
        results[job] = run;
        if (progress != null) {
          progress.finished(done.incrementAndGet(), total, run);
        }
      }
    });
    List<Width> result = new ArrayList<>();
    for (int dim = from; dim <= to; dim++) {
      List<Compression> runs = new ArrayList<>();
      for (int seed = 0; seed < seeds; seed++) {
        runs.add(results[(to - dim) * seeds + seed]);
      }
      result.add(new Width(dim, runs));
    }
    return result;
  }
}
