package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.TestModels;

/** Runs {@code python/tracr4j_numpy.py} on written model directories and compares with Java. */
class NumpyScriptTest {
  private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "python",
      "tracr4j_numpy.py");
  private static boolean pythonWithNumpy;
  @TempDir Path dir;

  @BeforeAll
  static void findPython() {
    try {
      pythonWithNumpy = python(List.of("-c", "import numpy")).exitCode == 0;
    } catch (IOException e) {
      pythonWithNumpy = false;
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result python(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("python3 timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The script's decoded outputs, JSON numbers as Long (integral) or Double. */
  private List<List<Object>> runScript(Path modelDir, List<List<String>> inputs) throws IOException {
    List<String> arguments = new ArrayList<>(List.of(SCRIPT.toString(), modelDir.toString()));
    inputs.forEach(input -> arguments.add(String.join(" ", input)));
    Result result = python(arguments);
    assertThat(result.exitCode).as(result.stderr).isZero();
    List<List<Object>> outputs = new ArrayList<>();
    for (JsonNode item : new ObjectMapper().readTree(result.stdout)) {
      List<Object> output = new ArrayList<>();
      for (JsonNode value : item.get("output")) {
        output.add(switch (value.getNodeType()) {
          case NULL -> null;
          case BOOLEAN -> value.booleanValue();
          case STRING -> value.textValue();
          case NUMBER -> value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
          default -> throw new AssertionError("unexpected output " + value);
        });
      }
      outputs.add(output);
    }
    return outputs;
  }

  private static void assumePython() {
    assumeTrue(pythonWithNumpy, "python3 with numpy not found on PATH: skipping the numpy script check");
    assumeTrue(Files.isRegularFile(SCRIPT), "script not found at " + SCRIPT.toAbsolutePath());
  }

  @Test
  void categoricalRandomModelsDecodeAsInJava() throws IOException {
    assumePython();
    for (DataType type : DataType.values()) {
      for (boolean causal : new boolean[] {false, true}) {
        Model model = TestModels.random(causal ? 31 : 32, 2, 2, 12, 4, 8, 5, 6, 6, causal);
        Path modelDir = dir.resolve(type + "-" + causal);
        ModelDirectory.write(model, modelDir, type);
        Model saved = ModelDirectory.read(modelDir); // the same (float32-rounded) weights as the script
        Random random = new Random(4);
        List<List<String>> inputs = new ArrayList<>();
        for (int length = 0; length <= 6; length++) {
          inputs.add(TestModels.randomInput(random, 5, length));
          inputs.add(TestModels.randomInput(random, 5, length));
        }
        assertThat(runScript(modelDir, inputs)).isEqualTo(saved.runBatch(inputs));
      }
    }
  }

  @Test
  void numericalModelAgreesToRoundingError() throws IOException {
    assumePython();
    Model model = TestModels.fraction(true, OutputEncoding.NUMERICAL);
    ModelDirectory.write(model, dir, DataType.F64);
    List<List<String>> inputs = List.of(List.of("a", "b", "a"), List.of("b", "b"), List.of("a"), List.of());
    List<List<Object>> script = runScript(dir, inputs);
    List<List<Object>> java = model.runBatch(inputs);
    assertThat(script).hasSameSizeAs(java);
    for (int b = 0; b < java.size(); b++) {
      assertThat(script.get(b)).hasSameSizeAs(java.get(b));
      for (int p = 0; p < java.get(b).size(); p++) {
        assertThat((Double) script.get(b).get(p)).isCloseTo((Double) java.get(b).get(p), within(1e-12));
      }
    }
  }

  @Test
  void unknownTokensAreReported() throws IOException {
    assumePython();
    ModelDirectory.write(TestModels.fraction(false, OutputEncoding.CATEGORICAL), dir, DataType.F32);
    Result result = python(List.of(SCRIPT.toString(), dir.toString(), "a z"));
    assertThat(result.exitCode).isEqualTo(66);
    assertThat(result.stderr).contains("unknown token 'z' at position 1");
  }
}
