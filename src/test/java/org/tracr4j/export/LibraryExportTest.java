package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.EvaluationException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Agreement;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;
import org.tracr4j.testing.NumpyScript;
import org.tracr4j.testing.OnnxRuntimeModel;
import org.tracr4j.testing.Outputs;

/**
 * Every library program leaves Java and comes back with the interpreter's answers: compiled (exact mode),
 * written as a model directory (float32, and float64), read back, exported to ONNX, then run on seeded
 * random inputs of every length by the reloaded models and by ONNX Runtime; a few programs also by the
 * numpy script (skipped, with a message, without python3 and numpy). Each must decode the interpreter's
 * output.
 *
 * <p><b>Tolerance for float32.</b> Categorical outputs must match exactly. Numerical outputs (the running
 * fractions of {@code make_frac_prevs} and {@code make_pair_balance}) pass through float32 weights (each
 * rounded to within u = 2⁻²⁴ ≈ 6·10⁻⁸ relative) and, in ONNX Runtime, float32 arithmetic. The value is a
 * softmax-weighted mean whose scores are scaled by the softmax coldness, 100, so scores reach a few
 * hundred: a relative rounding of u in a score moves an attention weight by at most a few hundred u
 * (about 2·10⁻⁵), and the dozen products around it (Q, K, V, O, the MLPs, W_U) add a few tens of u.
 * {@link #F32} (1e-4 × max(1, |expected|)) covers that bound with a margin of five; the largest deviation
 * measured on these seeds is 4·10⁻⁸ (the test prints it per program), so a real decoding or export error,
 * which moves a value by at least the gap between two fractions (1/N² ≥ 1/256 here), cannot pass.
 * Float64 directories round nothing and must agree with the in-memory model bit for bit.
 */
class LibraryExportTest {
  private static final int INPUTS = 30;
  private static final Tolerance F32 = Tolerance.FLOAT32_OUTPUT;
  /** The compiled model itself, as in DifferentialTest. */
  private static final Tolerance F64 = Tolerance.MODEL_OUTPUT;
  /** Programs also run through the numpy script: numerical, none-producing, multi-layer categorical. */
  private static final Set<String> NUMPY = Set.of("make_frac_prevs", "make_pair_balance", "shift_by_2",
      "make_sort", "make_shuffle_dyck2");
  private static final Set<String> LARGE = Set.of("make_sort_unique", "make_shuffle_dyck2",
      "make_pair_balance", "make_count_less_freq_2");

  @TempDir static Path dir;

  static Stream<LibraryProgram> testPrograms() {
    return LibraryPrograms.TEST.stream();
  }

  static Stream<LibraryProgram> largePrograms() {
    return LibraryPrograms.LARGE.stream().filter(p -> LARGE.contains(p.name()));
  }

  static Stream<LibraryCase> causalCases() {
    return LibraryCases.UNIVERSAL.stream().map(LibraryCase::asCausal);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("testPrograms")
  void exportedModelsDecodeTheInterpretersOutputs(LibraryProgram p) throws Exception {
    roundTrip(p, "test-" + p.name(), true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("largePrograms")
  void exportedModelsDecodeTheInterpretersOutputsAtLargeSizes(LibraryProgram p) throws Exception {
    roundTrip(p, "large-" + p.name(), false);
  }

  /** Causal compilation: the universal cases' programs, on their own input and random ones, via ONNX. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("causalCases")
  void causalModelsRunInOnnxRuntime(LibraryCase c) throws Exception {
    SOp program = c.program().get();
    Model model = Compiler.compile(program,
        CompileOptions.of(c.vocab(), c.maxSeqLen()).withCausal(true).withMode(CompileOptions.Mode.EXACT)).model();
    Path modelDir = dir.resolve("causal-" + c.name());
    ModelDirectory.write(model, modelDir, DataType.F32);
    OnnxExporter.write(model, modelDir.resolve("model.onnx"));
    Model reloaded = ModelDirectory.read(modelDir);

    Random random = new Random(c.name().hashCode());
    List<List<Value>> inputs = new ArrayList<>(List.of(c.input()));
    for (int i = 0; i < INPUTS; i++) {
      List<Value> input = new ArrayList<>();
      for (int n = 1 + i % c.maxSeqLen(); input.size() < n; ) {
        input.add(c.vocab().get(random.nextInt(c.vocab().size())));
      }
      inputs.add(input);
    }
    List<List<Value>> expected = evaluate(program, inputs, Interpreter.causal());
    Outputs.INTERPRETER.assertMatches(expected.get(0), c.expected());

    Agreement agreement = new Agreement(F32);
    try (OnnxRuntimeModel onnx = OnnxRuntimeModel.open(modelDir.resolve("model.onnx"), reloaded)) {
      check(c + " via ONNX Runtime", agreement, inputs, expected, onnx.runBatch(inputs));
    }
    check(c + " reloaded", agreement, inputs, expected, reloaded.runBatch(inputs));
  }

  /** The numpy script on a few float32 directories, all in one python process (importing numpy is slow). */
  @Test
  void numpyScriptDecodesTheInterpretersOutputs() throws Exception {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    List<LibraryProgram> programs = LibraryPrograms.TEST.stream().filter(p -> NUMPY.contains(p.name())).toList();
    List<NumpyScript.Job> jobs = new ArrayList<>();
    List<List<List<Value>>> inputs = new ArrayList<>();
    for (LibraryProgram p : programs) {
      Model model = Compiler.compile(p.program().get(),
          CompileOptions.of(p.vocab(), p.maxSeqLen()).withMode(CompileOptions.Mode.EXACT)).model();
      Path modelDir = dir.resolve("numpy-" + p.name());
      ModelDirectory.write(model, modelDir, DataType.F32);
      inputs.add(randomInputs(p, new Random(p.name().hashCode())));
      jobs.add(new NumpyScript.Job(modelDir, inputs.get(inputs.size() - 1)));
    }
    List<List<List<Object>>> outputs = NumpyScript.runAll(jobs);
    for (int i = 0; i < programs.size(); i++) {
      LibraryProgram p = programs.get(i);
      List<List<Value>> expected = evaluate(p.program().get(), inputs.get(i), Interpreter.standard());
      int compared = check(p + " via the numpy script", new Agreement(F32), inputs.get(i), expected,
          outputs.get(i));
      assertThat(compared).as("positions compared").isGreaterThan(INPUTS);
    }
  }

  private static void roundTrip(LibraryProgram p, String name, boolean withFloat64) throws Exception {
    SOp program = p.program().get();
    Model model = Compiler.compile(program,
        CompileOptions.of(p.vocab(), p.maxSeqLen()).withMode(CompileOptions.Mode.EXACT)).model();
    Path f32 = dir.resolve(name + "-f32");
    ModelDirectory.write(model, f32, DataType.F32);
    OnnxExporter.write(model, f32.resolve("model.onnx"));
    assertThat(f32.resolve(ModelDirectory.WEIGHTS_FILE)).isRegularFile();
    assertThat(f32.resolve(ModelDirectory.CONFIG_FILE)).isRegularFile();
    Model reloaded = ModelDirectory.read(f32);
    assertThat(reloaded.config()).isEqualTo(model.config());
    assertThat(reloaded.residualLabels()).isEqualTo(model.residualLabels());

    List<List<Value>> inputs = randomInputs(p, new Random(p.name().hashCode()));
    List<List<Value>> expected = evaluate(program, inputs, Interpreter.standard());
    Agreement agreement = new Agreement(F32);
    int compared = check(p + " reloaded (float32)", agreement, inputs, expected, reloaded.runBatch(inputs));
    try (OnnxRuntimeModel onnx = OnnxRuntimeModel.open(f32.resolve("model.onnx"), reloaded)) {
      check(p + " via ONNX Runtime", agreement, inputs, expected, onnx.runBatch(inputs));
    }
    assertThat(compared).as("positions compared").isGreaterThan(INPUTS);

    if (withFloat64) {
      Path f64 = dir.resolve(name + "-f64");
      ModelDirectory.write(model, f64, DataType.F64);
      Model exact = ModelDirectory.read(f64);
      int[][] ids = inputs.stream().map(model::encode).toArray(int[][]::new);
      assertThat(exact.forward(ids)).as("float64 directory reproduces the model exactly")
          .isDeepEqualTo(model.forward(ids));
      check(p + " reloaded (float64)", new Agreement(F64), inputs, expected, exact.runBatch(inputs));
    }
    if (agreement.worstDeviation() > 0) {
      System.out.printf("%s: largest float32 deviation %.2e%n", name, agreement.worstDeviation());
    }
  }

  /** {@value #INPUTS} inputs, lengths cycling through 1..maxSeqLen (shorter when the generator is). */
  private static List<List<Value>> randomInputs(LibraryProgram p, Random random) {
    List<List<Value>> inputs = new ArrayList<>();
    for (int i = 0; i < INPUTS; i++) {
      int length = 1 + i % p.maxSeqLen();
      List<Value> input = p.randomInput(random);
      inputs.add(List.copyOf(input.size() > length ? input.subList(0, length) : input));
    }
    return inputs;
  }

  /** The interpreter's outputs; null for an input the program rejects (such as repeated sort keys). */
  private static List<List<Value>> evaluate(SOp program, List<List<Value>> inputs, Interpreter interpreter) {
    List<List<Value>> outputs = new ArrayList<>();
    for (List<Value> input : inputs) {
      try {
        outputs.add(interpreter.evaluate(program, input));
      } catch (EvaluationException e) {
        outputs.add(null);
      }
    }
    return outputs;
  }

  private static int check(String where, Agreement agreement, List<List<Value>> inputs,
      List<List<Value>> expected, List<? extends List<?>> actual) {
    assertThat(actual).as(where).hasSameSizeAs(inputs);
    int compared = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (expected.get(i) != null) {
        compared += agreement.check(where + " on " + inputs.get(i), expected.get(i), actual.get(i));
      }
    }
    return compared;
  }
}
