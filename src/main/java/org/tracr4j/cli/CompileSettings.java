package org.tracr4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.Program;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say how to compile ({@code --vocab}, {@code --max-seq-len}, {@code --causal},
 * {@code --mlp-exactness}, {@code --compat}) and the one way the commands compile a {@code .rasp} file.
 */
public final class CompileSettings {
  @Mixin
  VocabularyOptions vocabulary;

  @Option(names = "--causal", description = "Compile for causal evaluation (every head masked).")
  boolean causal;

  @Option(names = "--mlp-exactness", paramLabel = "L", defaultValue = "100",
      description = "Large number of the discretising MLPs (Tracr's mlp_exactness; a lower bound in the "
          + "exact mode). Default: ${DEFAULT-VALUE}.")
  double mlpExactness;

  @Option(names = "--compat", paramLabel = "tracr",
      description = "'tracr': build Tracr's original constructions (for comparison), not the exact ones.")
  String compat;

  CompileOptions options() {
    vocabulary.requireBoth();
    CompileOptions.Mode mode = mode(compat);
    if (!(mlpExactness > 0) || Double.isInfinite(mlpExactness)) {
      throw new CliException("--mlp-exactness must be a positive number, got " + mlpExactness,
          CliException.USAGE);
    }
    return CompileOptions.of(new ArrayList<>(vocabulary.vocabulary()), vocabulary.maxSeqLen())
        .withCausal(causal).withMlpExactness(mlpExactness).withMode(mode);
  }

  /** The build mode a {@code --compat} value names: none for the exact mode, {@code tracr} for Tracr's. */
  static CompileOptions.Mode mode(String compat) {
    if (compat == null) {
      return CompileOptions.Mode.EXACT;
    }
    if (!compat.toLowerCase(Locale.ROOT).equals("tracr")) {
      throw new CliException("--compat takes 'tracr', not '" + compat + "'", CliException.USAGE);
    }
    return CompileOptions.Mode.TRACR;
  }

  /** Parses and compiles {@code file}, recording its source and name in the model's metadata. */
  CompiledProgram compile(Path file) {
    Program program = Programs.load(file);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("source", read(file));
    metadata.put("program", file.getFileName().toString());
    return Compiler.compile(program.output(), options(), metadata);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), CliException.NO_INPUT);
    }
  }
}
