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
    mixinStandardHelpOptions = true)
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
    for (List<Value> input : sequences) {
      vocabulary.check(input);
      List<Value> output = interpreter.evaluate(parsed.output(), input);
      out.println(json.enabled() ? Output.json(input, output) : Output.plain(output));
    }
    out.flush();
    return 0;
  }
}
