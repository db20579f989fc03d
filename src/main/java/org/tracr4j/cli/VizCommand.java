package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import org.tracr4j.viz.Computation;
import org.tracr4j.viz.Placement;
import org.tracr4j.viz.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j viz}: one self-contained HTML page showing how the model computes one input, beside the
 * interpreter. A model directory is shown with the program recorded in its {@code config.json}.
 */
@Command(name = "viz", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report of one input's computation: program graph, residual "
        + "stream, attention patterns, MLP activations, interpreter vs model.",
    footer = {"", "Output: the HTML file (-o, required: CSS, script and SVG inline, no network needed) and one line "
        + "'wrote FILE (N bytes): model and interpreter agree on every expression' or '...: first disagreement: "
        + "EXPR at position P'. No --json: the page is the output.",
        "With --model, the directory must record its program's source (compile -o does); compile options are "
        + "usage errors. Defaults: exact constructions, standard masking, --mlp-exactness 100.",
        "Exit codes: 0 written (also when model and interpreter disagree: the page shows where), 64 usage, "
        + "65 program error, 66 bad input or unreadable file, 69 model too large, 73 cannot write the file, "
        + "74 corrupt model directory.",
        "Example: tracr4j viz examples/sort.rasp --vocab 1,2,3,4 --max-seq-len 5 --input \"3 1 4 2\" -o sort.html"})
final class VizCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelSource source;

  @Option(names = "--input", required = true, paramLabel = "TOKENS",
      description = "The input tokens separated by spaces (no BOS).")
  String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path output;

  @Override
  public Integer call() {
    Model model = source.load();
    ProgramGraph graph = source.compiled != null ? source.compiled.graph() : recordedProgram(model);
    List<String> labels = graph.nodes().stream().map(graph::label).toList();
    List<Value> tokens = InputOptions.parse(input);
    Interpreter interpreter = model.config().causal() ? Interpreter.causal() : Interpreter.standard();
    String name = source.program != null ? source.program.getFileName().toString()
        : model.metadata().getOrDefault("program", source.modelDirectory.toString());
    Computation computation = Computation.of(graph, model, Placement.of(model, labels), tokens,
        interpreter, name);
    String html = Report.html(computation);
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + e.getMessage(), CompileCommand.CANNOT_CREATE);
    }
    PrintWriter out = spec.commandLine().getOut();
    Computation.Disagreement first = computation.firstDisagreement();
    out.printf("wrote %s (%,d bytes): %s%n", output, html.getBytes(StandardCharsets.UTF_8).length,
        first == null ? "model and interpreter agree on every expression"
            : "first disagreement: " + first.expression().label() + " at position " + first.position());
    out.flush();
    return 0;
  }

  /**
   * The graph the compiler built from the source recorded in a model directory: the parsed program after
   * the rewrites of the model's build mode (the model computes the rewritten program's expressions).
   */
  private ProgramGraph recordedProgram(Model model) {
    String text = model.metadata().get("source");
    if (text == null) {
      throw new CliException(source.modelDirectory + ": config.json records no program source, which viz "
          + "needs; compile the model from a .rasp file, or give PROGRAM.rasp", CliException.NO_INPUT);
    }
    SOp program = RaspLanguage.parse(text, source.modelDirectory.resolve("config.json") + " (source)").output();
    CompileOptions.Mode mode = CompileOptions.Mode.TRACR.lowerName().equals(model.metadata().get("mode"))
        ? CompileOptions.Mode.TRACR : CompileOptions.Mode.EXACT;
    // The model's compile options, as the command line gave them (each token parsed as typed).
    org.tracr4j.model.InputVocabulary vocabulary = model.vocabulary();
    List<Value> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < vocabulary.tokens().size(); i++) {
      if (i != vocabulary.bos() && i != vocabulary.pad()) {
        tokens.add(Value.parseToken(vocabulary.tokens().get(i)));
      }
    }
    CompileOptions options = CompileOptions.of(tokens, model.config().nCtx() - 1).withMode(mode)
        .withCausal(model.config().causal());
    String exactness = model.metadata().get("mlp_exactness");
    if (exactness != null) {
      options = options.withMlpExactness(Double.parseDouble(exactness));
    }
    return ProgramGraph.of(Compiler.rewrittenAsRecorded(program, options, model.metadata().get(Compiler.REWRITES)));
  }
}
