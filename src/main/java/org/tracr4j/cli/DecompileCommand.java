package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tracr4j.decompile.Decompiler;
import org.tracr4j.export.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracr4j decompile}: reads a program back from a model directory's weights. */
@Command(name = "decompile", mixinStandardHelpOptions = true,
    description = "Read a .rasp program back from a model directory, using only its weights and interface "
        + "(vocabulary, output values, maximum length, causal); the program is checked against the model "
        + "before it is printed.",
    footer = {"", "Output: the program on stdout (or -o FILE), headed by two comment lines (the model it was read "
        + "from; how many inputs it was checked on, all of them when there are at most 4,096, else 2,000 seeded "
        + "ones). No --json: the output is a .rasp program, which eval, run and compile read.",
        "Defaults: stdout; the check cannot be turned off (a program that disagrees with the model is never "
        + "printed).",
        "Exit codes: 0 printed, 64 usage, 65 cannot decompile (a block that is no compiled construction, or the "
        + "recovered program disagrees with the model: the block and the reason), 66 DIR is not a directory, "
        + "74 corrupt model directory.",
        "Example: tracr4j decompile out/sort -o sort.rasp"})
final class DecompileCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A model directory written by 'compile -o'.")
  Path directory;

  @Option(names = {"-o", "--output"}, paramLabel = "PROGRAM.rasp", description = "Write the program here.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new CliException("cannot read " + directory + ": " + (Files.exists(directory)
          ? "not a directory" : "no such directory"), CliException.NO_INPUT);
    }
    Decompiler.Decompiled result = Decompiler.decompile(ModelDirectory.read(directory));
    String checked = "# checked against the model on " + result.inputsChecked()
        + (result.exhaustive() ? " inputs (all of them)\n" : " random inputs\n");
    String text = result.source().replaceFirst("\n", "\n" + checked.replace("$", "\\$"));
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
    }
    return 0;
  }
}
