package org.tracr4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tracr4j.compiler.CompiledProgram;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.model.Model;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where {@code run} and {@code info} get a model: a {@code .rasp} file compiled now, or {@code --model DIR}. */
public final class ModelSource {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM.rasp", description = "The program to compile.")
  Path program;

  @Option(names = "--model", paramLabel = "DIR", description = "A model directory written by 'compile -o'.")
  Path modelDirectory;

  @Mixin
  CompileSettings settings;

  /** The compiled program when compiling from source, else null. */
  CompiledProgram compiled;

  /**
   * The program of the loaded model: the one just compiled, or the source a model directory records (its
   * {@code source} metadata), parsed; null when the directory records none that parses.
   */
  org.tracr4j.rasp.SOp program(Model model) {
    if (compiled != null) {
      return compiled.program();
    }
    String source = model.metadata().get("source");
    if (source == null) {
      return null;
    }
    try {
      return org.tracr4j.lang.RaspLanguage.parse(source, model.metadata().getOrDefault("program", "source"))
          .output();
    } catch (org.tracr4j.Tracr4jException e) {
      return null;
    }
  }

  Model load() {
    if ((program == null) == (modelDirectory == null)) {
      throw new CliException("give either PROGRAM.rasp (with --vocab and --max-seq-len) or --model DIR",
          CliException.USAGE);
    }
    if (modelDirectory != null) {
      settings.requireNoneWith("--model " + modelDirectory);
      if (!Files.isDirectory(modelDirectory)) {
        throw new CliException("cannot read " + modelDirectory + ": " + (Files.exists(modelDirectory)
            ? "not a directory" : "no such directory"), CliException.NO_INPUT);
      }
      return ModelDirectory.read(modelDirectory);
    }
    compiled = settings.compile(program);
    return compiled.model();
  }
}
