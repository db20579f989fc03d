package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.export.OnnxExporter;
import org.tracr4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracr4j compile}: compiles a program and writes a model directory. */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compile a .rasp program into a transformer; with -o, write a model directory.",
    customSynopsis = "tracr4j compile PROGRAM.rasp (--vocab TOKENS | --vocab-file FILE) --max-seq-len N "
        + "[-o DIR [--onnx] [--dtype float32|float64]] [--causal] [--compat tracr] [--mlp-exactness L]",
    footer = {"", "Output: one line 'compiled P: L layers, H heads, d_model D, d_head D, d_mlp D, N params "
        + "[-> DIR]'. DIR gets model.safetensors and config.json (and model.onnx with --onnx; a model.onnx "
        + "from an earlier compile is removed otherwise).",
        "Defaults: exact constructions, standard masking, --mlp-exactness 100, --dtype float32.",
        "Exit codes: 0 ok, 64 usage, 65 program error or unsupported program, 66 unreadable file, 73 cannot "
        + "write DIR.",
        "Example: tracr4j compile examples/sort_unique.rasp --vocab 1,2,3,4 --max-seq-len 5 -o out/sort --onnx"})
final class CompileCommand implements Callable<Integer> {
  /** sysexits: an output file cannot be created. */
  static final int CANNOT_CREATE = 73;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROGRAM.rasp", description = "The program.")
  Path program;

  @Mixin
  CompileSettings settings;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Write model.safetensors and config.json (and model.onnx with --onnx) into DIR.")
  Path output;

  @Option(names = "--onnx", description = "Also write model.onnx (needs -o).")
  boolean onnx;

  @Option(names = "--dtype", paramLabel = "TYPE",
      description = "Weight type in model.safetensors: float32 or float64 (needs -o). Default: float32.")
  String dtype;

  @Override
  public Integer call() {
    if (dtype != null && output == null) {
      throw new CliException("--dtype needs -o DIR (it is the type of the weights written there)",
          CliException.USAGE);
    }
    DataType type = dataType(dtype == null ? "float32" : dtype);
    if (onnx && output == null) {
      throw new CliException("--onnx needs -o DIR", CliException.USAGE);
    }
    CompiledProgram compiled = settings.compile(program);
    ModelConfig c = compiled.model().config();
    PrintWriter out = spec.commandLine().getOut();
    if (onnx) {
      OnnxExporter.requireFits(c); // before anything is written
    }
    if (output != null) {
      try {
        Files.createDirectories(output);
        ModelDirectory.write(compiled.model(), output, type);
        if (onnx) {
          OnnxExporter.write(compiled.model(), output.resolve("model.onnx"));
        } else {
          // A model.onnx left by an earlier compile would describe another program.
          Files.deleteIfExists(output.resolve("model.onnx"));
        }
      } catch (IOException e) {
        throw new CliException("cannot write " + output + ": " + reason(e), CANNOT_CREATE);
      }
    }
    out.printf("compiled %s: %d layers, %d heads, d_model %d, d_head %d, d_mlp %d, %,d params%s%n",
        program.getFileName(), c.layers(), c.heads(), c.dModel(), c.dHead(), c.dMlp(), compiled.model().params(),
        output == null ? "" : " -> " + output);
    out.flush();
    return 0;
  }

  /** The weight type a {@code --dtype} value names. */
  static DataType dataType(String dtype) {
    return switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float32", "f32" -> DataType.F32;
      case "float64", "f64" -> DataType.F64;
      default -> throw new CliException("--dtype takes float32 or float64, not '" + dtype + "'",
          CliException.USAGE);
    };
  }

  /** Why an output could not be written, in words. */
  static String reason(IOException e) {
    return switch (e) {
      case FileAlreadyExistsException exists -> exists.getFile() + " exists and is not a directory";
      case AccessDeniedException denied -> "permission denied on " + denied.getFile();
      case FileSystemException other when other.getReason() != null -> other.getFile() + ": "
          + other.getReason().toLowerCase(Locale.ROOT);
      default -> e.toString();
    };
  }
}
