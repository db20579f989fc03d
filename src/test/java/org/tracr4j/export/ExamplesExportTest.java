package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.cli.InputOptions;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Agreement;
import org.tracr4j.testing.CliRun;
import org.tracr4j.testing.NumpyScript;
import org.tracr4j.testing.OnnxRuntimeModel;

/**
 * The issue's closing check, for every {@code examples/*.rasp}: {@code compile FILE --vocab V --max-seq-len
 * N -o DIR --onnx} through the command line, then {@code run --model DIR --json}, ONNX Runtime and the
 * numpy script on the same directory must all decode what {@code eval FILE --json} prints, on the file's
 * {@code # expect:} inputs and on seeded random ones. {@code --causal} expectations get a causally compiled
 * directory. The numpy checks run last, all in one python process (skipped, with a message, without
 * python3 and numpy). Also writes each directory's file sizes to {@code target/export-sizes.txt} (load
 * times are measured by {@code tracr4j bench}, not here). Numbers agree within
 * {@link Tolerance#FLOAT32_OUTPUT} (float32; see
 * LibraryExportTest), everything else exactly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExamplesExportTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", "."));
  private static final Pattern SUGGESTED = Pattern.compile("^# suggested: (.*)$");
  private static final Pattern EXPECT = Pattern.compile("^# expect: (--causal )?--input \"([^\"]*)\" -> .*$");
  private static final int RANDOM_INPUTS = 12;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SIZES = new ArrayList<>();

  /** The numpy checks, run together in one python process by the last test. */
  private static final List<NumpyCheck> NUMPY = new ArrayList<>();

  @TempDir static Path dir;

  private record NumpyCheck(String name, Path modelDir, List<String> inputs, List<List<Value>> sequences,
      List<List<Value>> expected) {}

  /** An example's header: the suggested compile options and the inputs of its expectations. */
  record Example(Path file, List<String> vocab, int maxSeqLen, List<String> inputs, List<String> causalInputs) {
    static Example read(Path file) {
      List<String> vocab = null;
      int maxSeqLen = 0;
      List<String> inputs = new ArrayList<>();
      List<String> causal = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          Matcher suggested = SUGGESTED.matcher(line);
          Matcher expect = EXPECT.matcher(line);
          if (suggested.matches()) {
            List<String> words = Arrays.asList(suggested.group(1).trim().split("\\s+"));
            vocab = List.of(words.get(words.indexOf("--vocab") + 1).split(","));
            maxSeqLen = Integer.parseInt(words.get(words.indexOf("--max-seq-len") + 1));
          } else if (expect.matches()) {
            (expect.group(1) == null ? inputs : causal).add(expect.group(2));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      assertThat(vocab).as(file + " has a '# suggested:' line").isNotNull();
      return new Example(file, vocab, maxSeqLen, inputs, causal);
    }

    String name() {
      return file.getFileName().toString().replaceFirst("\\.rasp$", "");
    }

    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static Stream<Example> examples() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      List<Example> list = files.filter(f -> f.toString().endsWith(".rasp")).sorted().map(Example::read).toList();
      assertThat(list).as("examples/*.rasp").isNotEmpty();
      return list.stream();
    }
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void compiledDirectoryDecodesWhatTheInterpreterGives(Example example) throws Exception {
    Path modelDir = dir.resolve(example.name());
    compile(example, modelDir, false, "float32");
    assertThat(modelDir.resolve("model.onnx")).isRegularFile();

    List<String> inputs = new ArrayList<>(example.inputs());
    inputs.addAll(randomInputs(example, new Random(example.name().hashCode())));
    checkAllRunners(example, modelDir, inputs, false);

    if (!example.causalInputs().isEmpty()) {
      Path causalDir = dir.resolve(example.name() + "-causal");
      compile(example, causalDir, true, "float32");
      checkAllRunners(example, causalDir, example.causalInputs(), true);
    }
    Path f64 = dir.resolve(example.name() + "-f64");
    compile(example, f64, false, "float64");
    checkRun(example, f64, inputs, evalOutputs(example, inputs, false), false);

    SIZES.add(sizeRow(example, modelDir, f64));
  }

  /** The numpy script on every directory the examples were checked on (skipped without python3/numpy). */
  @Order(2)
  @Test
  void numpyScriptDecodesTheSameOnEveryExample() throws IOException {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    assumeTrue(!NUMPY.isEmpty(), "no example directories to check: run this with the example tests");
    List<List<List<Object>>> outputs = NumpyScript.runAll(
        NUMPY.stream().map(c -> new NumpyScript.Job(c.modelDir(), c.sequences())).toList());
    for (int i = 0; i < NUMPY.size(); i++) {
      NumpyCheck c = NUMPY.get(i);
      compare(c.name() + " via the numpy script", new Agreement(Tolerance.FLOAT32_OUTPUT), c.inputs(), c.expected(), outputs.get(i));
    }
  }

  @AfterAll
  static void writeSizeTable() throws IOException {
    if (SIZES.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-20s %7s %6s %7s %10s %10s %11s %10s", "example", "layers", "d_model",
        "params", "f32 bytes", "f64 bytes", "config", "onnx bytes"));
    lines.addAll(SIZES.stream().sorted().toList());
    Path target = ROOT.resolve("target");
    Files.createDirectories(target);
    Files.write(target.resolve("export-sizes.txt"), lines, StandardCharsets.UTF_8);
    lines.forEach(System.out::println);
  }

  private static void compile(Example example, Path out, boolean causal, String dtype) {
    List<String> args = new ArrayList<>(List.of("compile", example.file().toString(), "--vocab",
        String.join(",", example.vocab()), "--max-seq-len", Integer.toString(example.maxSeqLen()), "-o",
        out.toString(), "--dtype", dtype));
    if (dtype.equals("float32")) {
      args.add("--onnx");
    }
    if (causal) {
      args.add("--causal");
    }
    CliRun result = CliRun.of(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
  }

  /** {@code run --model}, ONNX Runtime and the numpy script against {@code eval}. */
  private static void checkAllRunners(Example example, Path modelDir, List<String> inputs, boolean causal)
      throws Exception {
    List<List<Value>> expected = evalOutputs(example, inputs, causal);
    checkRun(example, modelDir, inputs, expected, causal);

    List<List<Value>> sequences = inputs.stream().map(InputOptions::parse).toList();
    Model model = ModelDirectory.read(modelDir);
    Agreement agreement = new Agreement(Tolerance.FLOAT32_OUTPUT);
    try (OnnxRuntimeModel onnx = OnnxRuntimeModel.open(modelDir.resolve("model.onnx"), model)) {
      compare(example + " via ONNX Runtime", agreement, inputs, expected, onnx.runBatch(sequences));
    }
    NUMPY.add(new NumpyCheck(example + (causal ? " (causal)" : ""), modelDir, inputs, sequences, expected));
  }

  private static void checkRun(Example example, Path modelDir, List<String> inputs, List<List<Value>> expected,
      boolean causal) throws IOException {
    Path inputsFile = modelDir.resolve("inputs.txt");
    Files.write(inputsFile, inputs, StandardCharsets.UTF_8);
    CliRun run = CliRun.of("run", "--model", modelDir.toString(), "--inputs", inputsFile.toString(), "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<List<Object>> outputs = new ArrayList<>();
    for (String line : run.outLines()) {
      outputs.add(outputField(line));
    }
    compare(example + (causal ? " (causal)" : "") + " via run --model " + modelDir.getFileName(),
        new Agreement(Tolerance.FLOAT32_OUTPUT), inputs, expected, outputs);
  }

  /**
   * What {@code eval FILE --json} prints for each input: all in one {@code --inputs} call, or input by input
   * when that fails, with null where the interpreter rejects a random input (sort_unique on repeated keys).
   * The header's own inputs must evaluate.
   */
  private static List<List<Value>> evalOutputs(Example example, List<String> inputs, boolean causal)
      throws IOException {
    Path file = dir.resolve(example.name() + (causal ? "-causal" : "") + "-eval-inputs.txt");
    Files.write(file, inputs, StandardCharsets.UTF_8);
    CliRun all = eval(example, causal, "--inputs", file.toString());
    if (all.exitCode() == 0) {
      List<List<Value>> outputs = new ArrayList<>();
      for (String line : all.outLines()) {
        outputs.add(outputField(line).stream().map(Value::ofJava).toList());
      }
      assertThat(outputs).hasSameSizeAs(inputs);
      return outputs;
    }
    List<List<Value>> outputs = new ArrayList<>();
    for (String input : inputs) {
      CliRun one = eval(example, causal, "--input", input);
      if (one.exitCode() != 0) {
        assertThat(example.inputs()).as(one.toString()).doesNotContain(input);
        outputs.add(null);
        continue;
      }
      outputs.add(outputField(one.out().strip()).stream().map(Value::ofJava).toList());
    }
    return outputs;
  }

  private static CliRun eval(Example example, boolean causal, String option, String value) {
    List<String> args = new ArrayList<>(List.of("eval", example.file().toString(), option, value, "--json"));
    if (causal) {
      args.add("--causal");
    }
    return CliRun.of(args);
  }

  private static List<Object> outputField(String jsonLine) throws IOException {
    JsonNode output = JSON.readTree(jsonLine).get("output");
    List<Object> values = new ArrayList<>();
    for (JsonNode value : output) {
      values.add(JSON.treeToValue(value, Object.class));
    }
    return values;
  }

  private static void compare(String where, Agreement agreement, List<String> inputs, List<List<Value>> expected,
      List<? extends List<?>> actual) {
    assertThat(actual).as(where).hasSameSizeAs(inputs);
    int compared = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (expected.get(i) != null) {
        compared += agreement.check(where + " on \"" + inputs.get(i) + "\"", expected.get(i), actual.get(i));
      }
    }
    assertThat(compared).as(where + ": positions compared").isPositive();
  }

  /** Random inputs over the suggested vocabulary, lengths cycling through 1..max-seq-len. */
  private static List<String> randomInputs(Example example, Random random) {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < RANDOM_INPUTS; i++) {
      int length = 1 + i % example.maxSeqLen();
      List<String> tokens = new ArrayList<>();
      while (tokens.size() < length) {
        tokens.add(example.vocab().get(random.nextInt(example.vocab().size())));
      }
      inputs.add(String.join(" ", tokens));
    }
    return inputs;
  }

  private static String sizeRow(Example example, Path f32, Path f64) throws Exception {
    CliRun info = CliRun.of("info", "--model", f32.toString(), "--json");
    assertThat(info.exitCode()).as(info.toString()).isZero();
    JsonNode shape = JSON.readTree(info.out());
    return String.format("%-20s %7d %6d %7d %10d %10d %11d %10d", example.name(),
        shape.get("layers").asInt(), shape.get("d_model").asInt(), shape.get("params").asLong(),
        Files.size(f32.resolve(ModelDirectory.WEIGHTS_FILE)), Files.size(f64.resolve(ModelDirectory.WEIGHTS_FILE)),
        Files.size(f32.resolve(ModelDirectory.CONFIG_FILE)), Files.size(f32.resolve("model.onnx")));
  }
}
