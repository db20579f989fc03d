package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.CliRun;

/**
 * What the decompiler does with models that are not plain compiled models: a residual in a rotated basis
 * (what compression produces: the same function, no one-hot directions) is refused with the reason; a
 * weight changed so that the model computes something else is refused by the verification, never printed
 * as a wrong program. And the command line around it.
 */
class RefusalTest {
  @TempDir Path dir;

  private static Model reverse() {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    return Compiler.compile(Library.makeReverse(Rasp.tokens()), CompileOptions.of(vocab, 4)).model();
  }

  @Test
  void rotatedResidualIsRefused() {
    Model model = reverse();
    Model rotated = rotate(model, new Random(3));
    List<String> input = List.of("a", "b", "c");
    assertThat(rotated.run(input)).as("a rotation keeps the function").isEqualTo(model.run(input));
    assertThatThrownBy(() -> Decompiler.decompile(rotated))
        .isInstanceOf(UndecompilableModelException.class)
        .hasMessageContaining("embed.W_E").hasMessageContaining("one-hot");
  }

  @Test
  void modelChangedAfterCompilationIsRefusedByVerification() {
    Model model = reverse();
    Weights weights = model.weights().copy();
    ModelConfig c = model.config();
    // Scale every value weight of the last layer's head by 0.3: it still looks like an aggregate, but its
    // outputs fall below the decoding threshold, so the model no longer computes the program's outputs.
    Weights.Layer last = weights.layers().get(c.layers() - 1);
    for (int i = 0; i < last.wV().length; i++) {
      last.wV()[i] *= 0.3;
    }
    Model changed = new Model(c, weights, model.vocabulary(), model.output(), model.residualLabels(),
        java.util.Map.of());
    assertThatThrownBy(() -> Decompiler.decompile(changed))
        .isInstanceOf(UndecompilableModelException.class)
        .hasMessageContaining("blocks.");
  }

  @Test
  void commandWritesAProgramOrRefuses() throws Exception {
    Path modelDir = dir.resolve("reverse");
    ModelDirectory.write(reverse(), modelDir, DataType.F32);
    Path out = dir.resolve("reverse.rasp");
    CliRun run = CliRun.of("decompile", modelDir.toString(), "-o", out.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String program = Files.readString(out);
    assertThat(program).contains("aggregate(").contains("checked against the model");
    CliRun eval = CliRun.of("eval", out.toString(), "--input", "a b c");
    assertThat(eval.out().trim()).isEqualTo("c b a");

    Path rotatedDir = dir.resolve("rotated");
    ModelDirectory.write(rotate(reverse(), new Random(5)), rotatedDir, DataType.F32);
    CliRun refused = CliRun.of("decompile", rotatedDir.toString());
    assertThat(refused.exitCode()).isEqualTo(65);
    assertThat(refused.err()).startsWith("tracr4j: cannot decompile: embed.W_E");
    assertThat(CliRun.of("decompile", dir.resolve("missing").toString()).exitCode()).isEqualTo(66);
  }

  /** The model in the residual basis x·Q for a random orthogonal Q (a product of reflections). */
  static Model rotate(Model model, Random random) {
    ModelConfig c = model.config();
    int d = c.dModel();
    double[][] q = identity(d);
    for (int r = 0; r < 3; r++) {
      double[] v = new double[d];
      double norm = 0;
      for (int i = 0; i < d; i++) {
        v[i] = random.nextGaussian();
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      double[][] next = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double sum = 0;
          for (int k = 0; k < d; k++) {
            double h = (k == j ? 1 : 0) - 2 * v[k] * v[j] / (norm * norm);
            sum += q[i][k] * h;
          }
          next[i][j] = sum;
        }
      }
      q = next;
    }
    Weights w = model.weights();
    Weights p = Weights.zeros(c);
    rowsTimes(w.wE(), c.dVocab(), q, p.wE());
    rowsTimes(w.wPos(), c.nCtx(), q, p.wPos());
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer a = w.layers().get(l);
      Weights.Layer b = p.layers().get(l);
      for (int h = 0; h < c.heads(); h++) {
        for (int j = 0; j < c.dHead(); j++) {
          for (int i = 0; i < d; i++) {
            double sq = 0;
            double sk = 0;
            double sv = 0;
            double so = 0;
            for (int k = 0; k < d; k++) {
              sq += q[k][i] * a.wQ()[Weights.qkvIndex(c, h, k, j)];
              sk += q[k][i] * a.wK()[Weights.qkvIndex(c, h, k, j)];
              sv += q[k][i] * a.wV()[Weights.qkvIndex(c, h, k, j)];
              so += a.wO()[Weights.outputIndex(c, h, j, k)] * q[k][i];
            }
            b.wQ()[Weights.qkvIndex(c, h, i, j)] = sq;
            b.wK()[Weights.qkvIndex(c, h, i, j)] = sk;
            b.wV()[Weights.qkvIndex(c, h, i, j)] = sv;
            b.wO()[Weights.outputIndex(c, h, j, i)] = so;
          }
        }
      }
      System.arraycopy(a.bQ(), 0, b.bQ(), 0, a.bQ().length);
      System.arraycopy(a.bK(), 0, b.bK(), 0, a.bK().length);
      System.arraycopy(a.bV(), 0, b.bV(), 0, a.bV().length);
      System.arraycopy(a.bIn(), 0, b.bIn(), 0, a.bIn().length);
      rowsTimes(a.bO(), 1, q, b.bO());
      rowsTimes(a.bOut(), 1, q, b.bOut());
      rowsTimes(a.wOut(), c.dMlp(), q, b.wOut());
      int m = c.dMlp();
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int k = 0; k < d; k++) {
            s += q[k][i] * a.wIn()[k * m + j];
          }
          b.wIn()[i * m + j] = s;
        }
      }
    }
    int o = c.dVocabOut();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < o; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += q[k][i] * w.wU()[k * o + j];
        }
        p.wU()[i * o + j] = s;
      }
    }
    System.arraycopy(w.bU(), 0, p.bU(), 0, o);
    return new Model(c, p, model.vocabulary(), model.output(), model.residualLabels(), java.util.Map.of());
  }

  /** out[r] = in[r]·Q for each of the rows of a row-major [rows][d] array. */
  private static void rowsTimes(double[] in, int rows, double[][] q, double[] out) {
    int d = q.length;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += in[r * d + k] * q[k][j];
        }
        out[r * d + j] = s;
      }
    }
  }

  private static double[][] identity(int d) {
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      q[i][i] = 1;
    }
    return q;
  }
}
