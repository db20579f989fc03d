package org.tracr4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.DynamicValidation;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.lang.Program;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j check}: validation only. Statically (every rule, every expression) by compiling without
 * writing anything; dynamically on {@code --input}/{@code --inputs}; or on every input of the vocabulary up
 * to the maximum length with {@code --exhaustive} (at most {@code --cap} inputs).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate a program: exit 0 if it compiles faithfully, else list every offending expression.")
final class CheckCommand implements Callable<Integer> {
  /** Exit code when findings were reported. */
  static final int FINDINGS = 65;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROGRAM.rasp", description = "The program.")
  Path program;

  @Mixin
  CompileSettings settings;

  @Option(names = "--input", paramLabel = "TOKENS", description = "Also check on this input.")
  String input;

  @Option(names = "--inputs", paramLabel = "FILE", description = "Also check on these inputs, one per line.")
  Path inputs;

  @Option(names = "--exhaustive", description = "Also check every input up to --max-seq-len.")
  boolean exhaustive;

  @Option(names = "--cap", paramLabel = "N", defaultValue = "1000000",
      description = "At most N inputs for --exhaustive. Default: ${DEFAULT-VALUE}.")
  long cap;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    Program parsed = Programs.load(program);
    CompileOptions options = settings.options();
    List<Finding> findings = new ArrayList<>();
    try {
      Compiler.compile(parsed.output(), options);
    } catch (UnsupportedProgramException e) {
      findings.addAll(e.findings());
    }
    ProgramGraph graph = ProgramGraph.of(parsed.output());
    DynamicValidation dynamic = new DynamicValidation(graph, options.causal());
    for (List<Value> sequence : givenInputs()) {
      settings.vocabulary.check(sequence);
      findings.addAll(dynamic.check(sequence));
    }
    String coverage = null;
    if (exhaustive) {
      Optional<List<Finding>> first = dynamic.firstFailing(options.vocab(), options.maxSeqLen(), cap);
      if (first.isEmpty()) {
        coverage = "stopped after " + cap + " inputs (--cap) without a finding";
      } else {
        findings.addAll(first.get());
        coverage = first.get().isEmpty() ? "every input up to length " + options.maxSeqLen() + " checked" : null;
      }
    }
    report(findings, coverage);
    return findings.isEmpty() ? 0 : FINDINGS;
  }

  private List<List<Value>> givenInputs() {
    if (input == null && inputs == null) {
      return List.of();
    }
    InputOptions options = new InputOptions();
    options.input = input;
    options.inputs = inputs;
    return options.sequences();
  }

  private void report(List<Finding> findings, String coverage) {
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("ok", findings.isEmpty());
      List<Map<String, Object>> list = new ArrayList<>();
      for (Finding f : findings) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule", f.rule().code());
        entry.put("expression", f.expression());
        entry.put("reason", f.reason());
        entry.put("input", f.input());
        list.add(entry);
      }
      document.put("findings", list);
      if (coverage != null) {
        document.put("exhaustive", coverage);
      }
      out.println(Output.json(document));
    } else {
      findings.forEach(out::println);
      out.println(findings.isEmpty() ? "ok: " + program + " compiles faithfully"
          + (coverage == null ? "" : " (" + coverage + ")") : findings.size() + " finding(s)");
    }
    out.flush();
    if (!findings.isEmpty()) {
      spec.commandLine().getErr().println("tracr4j: " + program + ": " + findings.size()
          + " expression(s) cannot be compiled faithfully");
      spec.commandLine().getErr().flush();
    }
  }
}
