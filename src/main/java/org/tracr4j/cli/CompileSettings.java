package org.tracr4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;
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

  @Option(names = "--mlp-exactness", paramLabel = "L",
      description = "Large number of the discretising MLPs (Tracr's mlp_exactness; a lower bound in the "
          + "exact mode). Default: 100.")
  Double mlpExactness;

  @Option(names = "--compat", paramLabel = "tracr",
      description = "'tracr': build Tracr's original constructions (for comparison), not the exact ones.")
  String compat;

  CompileOptions options() {
    vocabulary.requireBoth();
    CompileOptions.Mode mode = mode(compat);
    double mlpExactness = this.mlpExactness == null ? 100 : this.mlpExactness;
    if (!(mlpExactness > 0) || Double.isInfinite(mlpExactness)) {
      throw new CliException("--mlp-exactness must be a positive number, got " + mlpExactness,
          CliException.USAGE);
    }
    return CompileOptions.of(new ArrayList<>(vocabulary.vocabulary()), vocabulary.maxSeqLen())
        .withCausal(causal).withMlpExactness(mlpExactness).withMode(mode);
  }

  /**
   * Refuses compile options with a saved model ({@code --model DIR}): the directory fixes the vocabulary,
   * length, masking and constructions, so such an option would be silently ignored.
   */
  void requireNoneWith(String what) {
    List<String> given = new ArrayList<>(vocabulary.given());
    if (causal) {
      given.add("--causal");
    }
    if (mlpExactness != null) {
      given.add("--mlp-exactness");
    }
    if (compat != null) {
      given.add("--compat");
    }
    if (!given.isEmpty()) {
      throw new CliException(String.join(", ", given) + (given.size() == 1 ? " does" : " do")
          + " not apply to " + what + ": the model directory fixes the vocabulary, length and construction",
          CliException.USAGE);
    }
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
    String source = TextFiles.read(file);
    Program program = RaspLanguage.parse(source, file.toString());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("source", source);
    metadata.put("program", file.getFileName().toString());
    CompileOptions options = options();
    try (StageProgress progress = StageProgress.start()) {
      CompiledProgram compiled = Compiler.compile(program.output(), options, metadata, progress);
      progress.succeeded();
      return compiled;
    }
  }
}
