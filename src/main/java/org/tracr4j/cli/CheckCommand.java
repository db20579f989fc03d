package org.tracr4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.EvaluationException;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.check.DifferentialCheck;
import org.tracr4j.check.ExhaustiveInputs;
import org.tracr4j.check.Verdict;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.DynamicValidation;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.lang.Program;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tracr4j check}: compiles without writing anything and reports every static finding; then, on
 * {@code --input}/{@code --inputs} and, with {@code --exhaustive}, on every input of the vocabulary up to the
 * maximum length (at most {@code --cap}), runs the compiled model and compares it with the interpreter
 * ({@link DifferentialCheck}), stopping at the first input with a finding: a disagreement, an input the
 * interpreter fails on, or one outside the compiler's contract. A rejected program is still checked against
 * the contract on those inputs.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Validate a program: compile it, and with --input/--inputs/--exhaustive run the compiled "
        + "model against the interpreter. Exit 0 when nothing was found, else list every finding.", ""},
    footer = {"", "Output: one line per finding 'expression: reason (input: ...)', then 'ok: ...' or "
        + "'N finding(s)'. With --json: {\"ok\": bool, \"findings\": [{\"expression\", \"reason\", \"input\"}], "
        + "\"inputs_checked\": N, \"exhaustive\": \"every input up to length N checked\" | \"stopped after N "
        + "inputs (--cap)\"}.",
        "Exit codes: 0 ok, 64 usage, 65 findings (or a program error), 66 unreadable input file.",
        "Example: tracr4j check examples/hist.rasp --vocab a,b --max-seq-len 12 --compat tracr --exhaustive"})
final class CheckCommand implements Callable<Integer> {
  /** Exit code when findings were reported. */
  static final int FINDINGS = 65;
  /** Inputs tried without --input, --inputs or --exhaustive (the shortest first). */
  static final int SEARCHED = 256;
  /** Inputs run through the model at once. */
  private static final int BATCH = 256;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROGRAM.rasp", description = "The program.")
  Path program;

  @Mixin
  CompileSettings settings;

  @Option(names = "--input", paramLabel = "TOKENS", description = "Also run the model on this input.")
  String input;

  @Option(names = "--inputs", paramLabel = "FILE", description = "Also run the model on these inputs, one per line.")
  Path inputs;

  @Option(names = "--exhaustive", description = "Also run the model on every input up to --max-seq-len.")
  boolean exhaustive;

  @Option(names = "--cap", paramLabel = "N",
      description = "At most N inputs for --exhaustive (at least 1). Default: 1000000.")
  Long cap;

  @Mixin
  JsonOption json;

  private long checked;

  @Override
  public Integer call() {
    if (cap != null && !exhaustive) {
      throw new CliException("--cap applies only with --exhaustive", CliException.USAGE);
    }
    long limit = cap == null ? 1_000_000 : cap;
    if (limit < 1) {
      throw new CliException("--cap must be at least 1, got " + limit, CliException.USAGE);
    }
    Program parsed = Programs.load(program);
    CompileOptions options = settings.options();
    List<Finding> findings = new ArrayList<>();
    Model model = null;
    try (StageProgress progress = StageProgress.start()) {
      model = Compiler.compile(parsed.output(), options, java.util.Map.of(), progress).model();
      progress.succeeded();
    } catch (UnsupportedProgramException e) {
      findings.addAll(e.findings());
    }
    Judge judge = new Judge(parsed, model, options.causal());
    List<List<Value>> given = givenInputs();
    given.forEach(settings.vocabulary::check);
    List<Finding> dynamic = judge.firstFindings(given.iterator(), Long.MAX_VALUE);
    String coverage = null;
    boolean search = given.isEmpty() && !exhaustive;
    if (dynamic.isEmpty() && (exhaustive || search)) {
      // Without inputs, a bounded search: the shortest inputs, as the compiler tries for its preconditions.
      long bound = search ? SEARCHED : limit;
      dynamic = judge.firstFindings(new ExhaustiveInputs(options.vocab(), options.maxSeqLen()), bound);
      long total = ExhaustiveInputs.count(options.vocab().size(), options.maxSeqLen());
      if (dynamic.isEmpty()) {
        coverage = judge.checked >= total ? "every input up to length " + options.maxSeqLen() + " checked"
            : search ? "the " + judge.checked + " shortest inputs checked; --exhaustive checks more"
            : "stopped after " + judge.checked + " of " + total + " inputs (--cap)";
      }
    }
    findings.addAll(dynamic);
    checked = judge.checked;
    report(findings, coverage);
    return findings.isEmpty() ? 0 : FINDINGS;
  }

  /** Findings per input: the model against the interpreter, or only the contract when there is no model. */
  private static final class Judge {
    private final String output;
    private final DifferentialCheck differential;
    private final DynamicValidation contract;
    long checked;

    Judge(Program program, Model model, boolean causal) {
      this.output = ProgramGraph.of(program.output()).label(program.output());
      this.differential = model == null ? null : new DifferentialCheck(program.output(), model, causal);
      this.contract = new DynamicValidation(ProgramGraph.of(program.output()), causal);
    }

    /** The findings of the first input (of at most {@code limit}) that has any; empty if none has. */
    List<Finding> firstFindings(java.util.Iterator<List<Value>> inputs, long limit) {
      while (inputs.hasNext() && checked < limit) {
        List<List<Value>> batch = new ArrayList<>();
        while (inputs.hasNext() && batch.size() < BATCH && checked + batch.size() < limit) {
          batch.add(inputs.next());
        }
        List<List<Finding>> perInput = differential == null ? contractOnly(batch) : compared(batch);
        for (List<Finding> findings : perInput) {
          checked++;
          if (!findings.isEmpty()) {
            return findings;
          }
        }
      }
      return List.of();
    }

    private List<List<Finding>> compared(List<List<Value>> batch) {
      List<List<Finding>> out = new ArrayList<>();
      for (Verdict verdict : differential.checkAll(batch)) {
        String shown = render(verdict.input());
        out.add(switch (verdict) {
          case Verdict.Agreed agreed -> List.of();
          case Verdict.Disagreed d -> List.of(new Finding(RuleCode.MODEL_DISAGREES, output, "the compiled model gives " + render(d.actual())
              + " where the interpreter gives " + render(d.expected()) + " (first at position " + d.position()
              + ")", shown));
          case Verdict.InterpreterFailed failed -> List.of(new Finding(RuleCode.INTERPRETER_FAILS, output,
              "the interpreter fails on this input (" + failed.message() + ") but the model answers", shown));
          case Verdict.OutsideContract outside -> outside.findings();
          case Verdict.Refused refused -> refused.insideContract()
              ? List.of(new Finding(RuleCode.MODEL_DISAGREES, output, "the model refuses an input inside its "
                  + "contract: " + refused.reason(), shown))
              : contract.check(refused.input());
        });
      }
      return out;
    }

    private List<List<Finding>> contractOnly(List<List<Value>> batch) {
      List<List<Finding>> out = new ArrayList<>();
      for (List<Value> sequence : batch) {
        try {
          out.add(contract.check(sequence));
        } catch (EvaluationException e) {
          out.add(List.of(new Finding(RuleCode.INTERPRETER_FAILS, output, "the interpreter fails on this input: " + e.getMessage(),
              render(sequence))));
        }
      }
      return out;
    }
  }

  private static String render(List<Value> values) {
    StringBuilder out = new StringBuilder();
    for (Value v : values) {
      out.append(out.length() == 0 ? "" : " ").append(v);
    }
    return out.toString();
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
      document.put("inputs_checked", checked);
      if (coverage != null) {
        document.put("exhaustive", coverage);
      }
      out.println(Output.json(document));
    } else {
      findings.forEach(out::println);
      if (findings.isEmpty()) {
        String ran = checked == 0 ? "" : "; the model agrees with the interpreter on " + checked + " input(s)";
        out.println("ok: " + program + " compiles faithfully" + ran + (coverage == null ? "" : " (" + coverage + ")"));
      } else {
        out.println(findings.size() + " finding(s)");
      }
    }
    out.flush();
    if (!findings.isEmpty()) {
      spec.commandLine().getErr().println("tracr4j: " + program + ": " + findings.size()
          + " finding(s): the program or its model is not faithful");
      spec.commandLine().getErr().flush();
    }
  }
}
