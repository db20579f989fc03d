package org.tracr4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tracr4j.model.Model;

/**
 * Trains a compression W of a compiled model's residual stream with Adam (the method of the Tracr paper,
 * section 5; the loss is described in {@link Objective}). Only W trains; the compiled weights stay frozen.
 *
 * <p>W starts as {@link CompressionOptions#init()} says (of several candidate starts, the one that does
 * best on the validation inputs); every step draws a fresh batch from {@link CompressionOptions#inputs()}.
 * Every {@value #CHECK_EVERY} steps W is checked on {@value #VALIDATION_INPUTS} validation inputs (their
 * own stream): the run returns the best W seen (most inputs right, then lowest loss), not the last one,
 * and stops as soon as every validation input is right. Both matter on compiled models: their attention
 * and MLP discretisation are sharp (softmax logits of size 100), so the loss around an exact compression
 * is a narrow valley, and Adam, whose step is about the learning rate in every coordinate whatever the
 * size of the gradient, leaves it. At d = D with an exact start the gradient is rounding noise (about
 * 1e-13 on sort_unique); Adam turns it into steps of 1e-3 within two steps, and sort_unique's loss goes
 * from 1e-10 to 2 (20 % accuracy, inputs of length 1 only) and never comes back.
 *
 * <p>Deterministic: the initial W, the batches and the evaluation inputs come from {@link
 * SplittableRandom}s seeded by the seed alone, and a batch's gradient is the sum of two fixed halves,
 * each summed in input order, added half 0 then half 1. The halves run on two threads when {@code
 * parallel} (a single run on two cores) and one after the other otherwise (a sweep runs one training per
 * core): the result is bit for bit the same.
 */
public final class Compressor {
  /** Halves of a batch; fixed, so that the sum order and hence W never depend on the machine. */
  private static final int CHUNKS = 2;
  /** The last step's learning rate as a fraction of the first's. */
  static final double FINAL_RATE = 0.01;
  private static final long EVAL_STREAM = 0x5DEECE66DL;
  private static final long VALIDATION_STREAM = 0x2545F4914F6CDD1DL;
  /** Inputs of the validation set. */
  static final int VALIDATION_INPUTS = 256;
  /** Steps between two checks of W on the validation inputs. */
  static final int CHECK_EVERY = 50;

  /** Called after every step. */
  @FunctionalInterface
  public interface Progress {
    void step(int step, int steps, double loss, double batchAccuracy);
  }

  private final Model compiled;
  private final Objective objective;
  private final int big;
  private final int subs;

  public Compressor(Model compiled, double tolerance) {
    this.compiled = compiled;
    this.objective = new Objective(compiled, tolerance);
    this.big = compiled.config().dModel();
    this.subs = objective.layers().count();
  }

  /**
   * Trains one compression.
   *
   * @throws IllegalArgumentException if {@code options.dim()} exceeds the compiled width
   */
  public Compression train(CompressionOptions options, boolean parallel, Progress progress) {
    int d = options.dim();
    if (d > big) {
      throw new IllegalArgumentException(
          "the compressed width " + d + " exceeds the compiled residual width " + big);
    }
    SplittableRandom random = new SplittableRandom(options.seed());
    int[][] validation = validationInputs(options);
    double[] w = null;
    Objective.Stats bestStats = null;
    for (double[] start : options.init().candidates(objective, options, random)) {
      Objective.Stats stats = run(start, d, validation, options.layerLossWeight(), null, parallel);
      if (w == null || better(stats, bestStats)) {
        w = start;
        bestStats = stats;
      }
    }
    double[] best = w.clone();
    Adam adam = new Adam(w.length);
    int trained = 0;
    for (int step = 1; step <= options.steps() && !allRight(bestStats); step++) {
      int[][] batch = new int[options.batch()][];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = options.inputs().sample(compiled, random);
      }
      double[] grad = new double[w.length];
      Objective.Stats last = run(w, d, batch, options.layerLossWeight(), grad, parallel);
      adam.step(w, grad, learningRate(options, step));
      trained = step;
      if (progress != null) {
        progress.step(step, options.steps(), last.outputLoss + last.layerLoss,
            last.sequencesRight / (double) last.sequences);
      }
      if (step % CHECK_EVERY == 0 || step == options.steps()) {
        Objective.Stats check = run(w, d, validation, options.layerLossWeight(), null, parallel);
        if (better(check, bestStats)) {
          bestStats = check;
          best = w.clone();
        }
      }
    }
    Objective.Stats eval = evaluate(best, d, options, parallel);
    List<Double> cosines = new ArrayList<>();
    for (int s = 0; s < subs; s++) {
      cosines.add(eval.cosine(s));
    }
    double weight = options.layerLossWeight();
    return new Compression(compiled, options, best, bestStats.outputLoss,
        weight == 0 ? 0 : bestStats.layerLoss / weight, eval.sequencesRight / (double) eval.sequences,
        eval.positionsRight / (double) Math.max(1, eval.positions), cosines, trained);
  }

  /** Whether every input of {@code stats} came out right: training stops there. */
  private static boolean allRight(Objective.Stats stats) {
    return stats.sequencesRight == stats.sequences;
  }

  /** Whether {@code a} beats {@code b}: more inputs right, or as many and a lower loss. */
  private static boolean better(Objective.Stats a, Objective.Stats b) {
    if (a.sequencesRight != b.sequencesRight) {
      return a.sequencesRight > b.sequencesRight;
    }
    return a.outputLoss + a.layerLoss < b.outputLoss + b.layerLoss;
  }

  /**
   * The step size of step {@code step} (from 1): the learning rate decayed exponentially to {@value
   * #FINAL_RATE} of itself at the last step. The compiled attention is sharp (logits of size 100), so
   * the last steps must be small for the compressed logits to settle.
   */
  static double learningRate(CompressionOptions options, int step) {
    double through = (step - 1) / (double) Math.max(1, options.steps() - 1);
    return options.learningRate() * StrictMath.pow(FINAL_RATE, through);
  }

  /**
   * The fresh inputs a run with {@code options} is evaluated on, as token ids (BOS first): drawn from
   * their own stream, so they do not depend on the training steps.
   */
  public int[][] evaluationInputs(CompressionOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed() ^ EVAL_STREAM);
    int[][] inputs = new int[options.evalInputs()][];
    for (int b = 0; b < inputs.length; b++) {
      inputs[b] = options.inputs().sample(compiled, random);
    }
    return inputs;
  }

  /**
   * The inputs W is checked on every {@value #CHECK_EVERY} steps (their own stream, apart from the
   * training batches and the evaluation inputs): the run returns the W that did best on them, and stops
   * once every one of them is right.
   */
  int[][] validationInputs(CompressionOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed() ^ VALIDATION_STREAM);
    int[][] inputs = new int[VALIDATION_INPUTS][];
    for (int b = 0; b < inputs.length; b++) {
      inputs[b] = options.inputs().sample(compiled, random);
    }
    return inputs;
  }

  /** Accuracy and cosines of {@code w} on {@code options.evalInputs()} fresh inputs. */
  Objective.Stats evaluate(double[] w, int d, CompressionOptions options, boolean parallel) {
    return run(w, d, evaluationInputs(options), options.layerLossWeight(), null, parallel);
  }

  /** Loss terms over {@code batch}, and their gradient into {@code grad} unless it is null. */
  Objective.Stats run(double[] w, int d, int[][] batch, double layerWeight, double[] grad,
      boolean parallel) {
    long outputPositions = 0;
    for (int[] ids : batch) {
      outputPositions += ids.length - 1;
    }
    double outputScale = 1.0 / Math.max(1, outputPositions);
    double layerScale = layerWeight / Math.max(1, outputPositions);
    Objective.Stats[] stats = new Objective.Stats[CHUNKS];
    double[][] grads = new double[CHUNKS][];
    IntStream chunks = IntStream.range(0, CHUNKS);
    (parallel ? chunks.parallel() : chunks).forEach(chunk -> {
      Objective.Stats part = new Objective.Stats(subs);
      double[] g = grad == null ? null : new double[grad.length];
      int from = chunk * batch.length / CHUNKS;
      int to = (chunk + 1) * batch.length / CHUNKS;
      for (int b = from; b < to; b++) {
        objective.accumulate(w, d, batch[b], outputScale, layerScale, g, part);
      }
      stats[chunk] = part;
      grads[chunk] = g;
    });
    Objective.Stats total = new Objective.Stats(subs);
    for (int chunk = 0; chunk < CHUNKS; chunk++) {
      total.add(stats[chunk]);
      if (grad != null) {
        for (int i = 0; i < grad.length; i++) {
          grad[i] += grads[chunk][i];
        }
      }
    }
    return total;
  }

  /** Adam (Kingma and Ba) with bias correction. */
  static final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(int size) {
      m = new double[size];
      v = new double[size];
    }

    void step(double[] params, double[] grad, double lr) {
      t++;
      double c1 = 1 - StrictMath.pow(BETA1, t);
      double c2 = 1 - StrictMath.pow(BETA2, t);
      for (int i = 0; i < params.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
        params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
      }
    }
  }
}
