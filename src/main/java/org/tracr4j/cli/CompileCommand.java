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
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compile a .rasp program into a transformer; with -o, write a model directory.")
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

  @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "Weight type in model.safetensors: float32 or float64. Default: ${DEFAULT-VALUE}.")
  String dtype;

  @Override
  public Integer call() {
    DataType type = dataType(dtype);
    if (onnx && output == null) {
      throw new CliException("--onnx needs -o DIR", CliException.USAGE);
    }
    CompiledProgram compiled = settings.compile(program);
    ModelConfig c = compiled.model().config();
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      try {
        Files.createDirectories(output);
        ModelDirectory.write(compiled.model(), output, type);
        if (onnx) {
          OnnxExporter.write(compiled.model(), output.resolve("model.onnx"));
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
