package org.tracr4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracr4j.lang.Program;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracr4j eval PROGRAM.rasp --input "..."}: runs a program with the interpreter. */
@Command(name = "eval", description = "Evaluate a .rasp program with the RASP interpreter.",
    mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "tracr4j eval PROGRAM.rasp (--input TOKENS | --inputs FILE) [--causal] [--json] "
        + "[--vocab TOKENS | --vocab-file FILE] [--max-seq-len N]",
    footer = {"", "Output: one line per input, values separated by spaces, none as _, a string token that "
        + "reads as something else in quotes (\"_\"). With --json, one line per input: {\"input\": [...], "
        + "\"output\": [...]} (none as null).",
        "--vocab/--max-seq-len only check the inputs. Defaults: standard (non-causal) evaluation.",
        "Exit codes: 0 ok, 64 usage, 65 program error, 66 unreadable file or invalid input, 70 evaluation failed.",
        "Example: tracr4j eval examples/sort.rasp --input \"3 1 2\"    # 1 2 3"})
final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROGRAM.rasp", description = "The program.")
  Path program;

  @Mixin
  InputOptions inputs;

  @Mixin
  VocabularyOptions vocabulary;

  @Mixin
  JsonOption json;

  @Option(names = "--causal", description = "Causal evaluation: each position sees only itself and earlier ones.")
  boolean causal;

  @Override
  public Integer call() {
    Program parsed = Programs.load(program);
    List<List<Value>> sequences = inputs.sequences();
    Interpreter interpreter = causal ? Interpreter.causal() : Interpreter.standard();
    PrintWriter out = spec.commandLine().getOut();
    inputs.forEach(sequences, vocabulary::check); // every input before the first answer
    inputs.forEach(sequences, input -> {
      List<Value> output = interpreter.evaluate(parsed.output(), input);
      out.println(json.enabled() ? Output.json(input, output)
          : parsed.output().isNumerical() ? Output.plainNumerical(output) : Output.plain(output));
    });
    out.flush();
    return 0;
  }
}
