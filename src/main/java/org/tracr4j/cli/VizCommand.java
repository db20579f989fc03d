package org.tracr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
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
        + "stream, attention patterns, MLP activations, interpreter vs model.")
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
    // The options the model was compiled with, from its interface: the rewrites (map fusion) depend on them.
    List<Value> vocab = new java.util.ArrayList<>();
    for (int id = 0; id < model.vocabulary().size(); id++) {
      if (id != model.vocabulary().bos() && id != model.vocabulary().pad()) {
        vocab.add(Value.parseToken(model.vocabulary().tokens().get(id)));
      }
    }
    String bos = model.vocabulary().tokens().get(model.vocabulary().bos());
    String pad = model.vocabulary().tokens().get(model.vocabulary().pad());
    String exactness = model.metadata().get("mlp_exactness");
    CompileOptions options = new CompileOptions(vocab, model.maxSeqLen(), model.config().causal(),
        exactness == null ? CompileOptions.DEFAULT_MLP_EXACTNESS : Double.parseDouble(exactness), mode, bos, pad);
    return Compiler.graph(program, options);
  }
}
