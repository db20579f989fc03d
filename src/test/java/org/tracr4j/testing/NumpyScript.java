package org.tracr4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code python/tracr4j_numpy.py}, the numpy reference forward pass, run on a model directory. Tests call
 * {@link #unavailableReason()} first and skip (with that message) where {@code python3} with numpy is missing.
 */
public final class NumpyScript {
  public static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "python", "tracr4j_numpy.py");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String unavailable;
  private static boolean probed;

  private NumpyScript() {}

  /** Why the script cannot run here, or null when it can. Probed once per JVM. */
  public static synchronized String unavailableReason() {
    if (!probed) {
      probed = true;
      if (!Files.isRegularFile(SCRIPT)) {
        unavailable = "numpy script not found at " + SCRIPT.toAbsolutePath();
      } else {
        try {
          if (python(List.of("-c", "import numpy"), new byte[0]).exitCode() != 0) {
            unavailable = "python3 cannot import numpy: skipping the numpy script check";
          }
        } catch (IOException e) {
          unavailable = "python3 not found on PATH: skipping the numpy script check";
        }
      }
    }
    return unavailable;
  }

  /** Runs the script on {@code modelDir}; fails unless it exits 0. Outputs are JSON values as Java objects. */
  public static List<List<Object>> run(Path modelDir, List<? extends List<?>> inputs) throws IOException {
    List<String> arguments = new ArrayList<>(List.of(SCRIPT.toString(), modelDir.toString()));
    for (List<?> input : inputs) {
      arguments.add(input.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }
    Result result = python(arguments, new byte[0]);
    if (result.exitCode() != 0) {
      throw new AssertionError("numpy script exited with " + result.exitCode() + ": " + result.stderr());
    }
    return outputs(result.stdout());
  }

  /** One model directory and the inputs to run it on. */
  public record Job(Path modelDir, List<? extends List<?>> inputs) {}

  /**
   * Runs several jobs in one python process, which imports the script and calls its {@code main} once per
   * job (importing numpy is most of a run's time). Fails unless every job succeeds.
   */
  public static List<List<List<Object>>> runAll(List<Job> jobs) throws IOException {
    List<List<String>> documents = new ArrayList<>();
    for (Job job : jobs) {
      List<String> argv = new ArrayList<>(List.of(job.modelDir().toString()));
      for (List<?> input : job.inputs()) {
        argv.add(input.stream().map(String::valueOf).collect(Collectors.joining(" ")));
      }
      documents.add(argv);
    }
    String driver = String.join("\n",
        "import json, sys",
        "sys.path.insert(0, sys.argv[1])",
        "import tracr4j_numpy",
        "for argv in json.load(sys.stdin):",
        "    code = tracr4j_numpy.main(['tracr4j_numpy.py'] + argv)",
        "    if code:",
        "        sys.exit(code)");
    Result result = python(List.of("-c", driver, SCRIPT.getParent().toString()),
        JSON.writeValueAsBytes(documents));
    if (result.exitCode() != 0) {
      throw new AssertionError("numpy script exited with " + result.exitCode() + ": " + result.stderr());
    }
    List<List<List<Object>>> all = new ArrayList<>();
    for (String line : result.stdout().lines().toList()) {
      all.add(outputs(line));
    }
    if (all.size() != jobs.size()) {
      throw new AssertionError("numpy script printed " + all.size() + " results for " + jobs.size() + " jobs");
    }
    return all;
  }

  /** How one call of the script ended: exit status, stdout, stderr. */
  public record Outcome(int exitCode, String stdout, String stderr) {}

  /** The script run as a command, in a process of its own, with {@code arguments} after the script path. */
  public static Outcome command(List<String> arguments) throws IOException {
    List<String> all = new ArrayList<>(List.of(SCRIPT.toString()));
    all.addAll(arguments);
    Result result = python(all, new byte[0]);
    return new Outcome(result.exitCode(), result.stdout(), result.stderr());
  }

  /**
   * Calls the script's {@code main} once per argument list in one python process (importing numpy is most
   * of a run's time), each with its own stdout and stderr. An exception escaping {@code main} (what would
   * print a traceback) is reported as exit status -1 with the exception on stderr.
   */
  public static List<Outcome> outcomes(List<List<String>> argvs) throws IOException {
    String driver = String.join("\n",
        "import contextlib, io, json, sys, traceback",
        "sys.path.insert(0, sys.argv[1])",
        "import tracr4j_numpy",
        "for argv in json.load(sys.stdin):",
        "    out, err = io.StringIO(), io.StringIO()",
        "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):",
        "        try:",
        "            code = tracr4j_numpy.main(['tracr4j_numpy.py'] + argv)",
        "        except BaseException:",
        "            traceback.print_exc()",
        "            code = -1",
        "    print(json.dumps({'code': code, 'out': out.getvalue(), 'err': err.getvalue()}))");
    Result result = python(List.of("-c", driver, SCRIPT.getParent().toString()), JSON.writeValueAsBytes(argvs));
    if (result.exitCode() != 0) {
      throw new AssertionError("numpy driver exited with " + result.exitCode() + ": " + result.stderr());
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (String line : result.stdout().lines().toList()) {
      JsonNode node = JSON.readTree(line);
      outcomes.add(new Outcome(node.get("code").intValue(), node.get("out").textValue(), node.get("err").textValue()));
    }
    if (outcomes.size() != argvs.size()) {
      throw new AssertionError("numpy driver printed " + outcomes.size() + " outcomes for " + argvs.size() + " calls");
    }
    return outcomes;
  }

  private static List<List<Object>> outputs(String document) throws IOException {
    List<List<Object>> outputs = new ArrayList<>();
    for (JsonNode item : JSON.readTree(document)) {
      List<Object> output = new ArrayList<>();
      for (JsonNode value : item.get("output")) {
        output.add(JSON.treeToValue(value, Object.class));
      }
      outputs.add(output);
    }
    return outputs;
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result python(List<String> arguments, byte[] stdin) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).start();
    try {
      try (var in = process.getOutputStream()) {
        in.write(stdin);
      }
      // stdout is read to its end before waiting; stderr holds at most an error line.
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("python3 timed out");
      }
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
