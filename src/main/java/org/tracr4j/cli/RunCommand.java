package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.InvalidInputException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.DynamicValidation;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.model.Model;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.Trace;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tracr4j run}: compiles a program (or loads a model directory) once and runs it on the inputs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compile a .rasp program (or load --model DIR) and run the transformer on inputs.",
    customSynopsis = {"tracr4j run PROGRAM.rasp (--vocab TOKENS | --vocab-file FILE) --max-seq-len N "
        + "(--input TOKENS | --inputs FILE) [--causal] [--compat tracr] [--mlp-exactness L] [--json] [--trace]",
        "tracr4j run --model DIR (--input TOKENS | --inputs FILE) [--json] [--trace]"},
    footer = {"", "Output: one line per input, printed as eval prints it (a numerical output is decoded to the "
        + "nearest value it can take when within 1e-6 relative). With --json, one line per input: "
        + "{\"input\": [...], \"output\": [...], \"raw_output\": [...] (numerical outputs only: the model's "
        + "numbers before decoding)}. With --trace, per input: the embedding, then per sub-layer what it computes "
        + "and, per position, the features it writes (non-zero, by label); per head the keys each query selects. "
        + "With --trace --json, one JSON document per input: {\"input\", \"output\", \"residual_labels\", "
        + "\"token_ids\", \"input_embeddings\", \"layers\": [{\"name\", \"expressions\", \"heads\" (attn: "
        + "expression or unused) or \"neurons\" (mlp), \"output\", \"residual\", \"attention\"}], \"unembedded\"}.",
        "With --model, the directory fixes vocabulary, length and construction: compile options are usage errors.",
        "Defaults: exact constructions, standard masking, --mlp-exactness 100.",
        "Exit codes: 0 ok, 64 usage, 65 program error or unsupported program, 66 unreadable file or invalid "
        + "input, 74 corrupt model directory.",
        "Example: tracr4j run examples/reverse.rasp --vocab a,b,c,d --max-seq-len 5 --input \"a b c d\"    # d c b a"})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelSource source;

  @Mixin
  InputOptions inputs;

  @Mixin
  JsonOption json;

  @Option(names = "--trace", description = "Show how the model computes each input: per layer, per position, the "
      + "features each sub-layer writes, and per head the keys each query selects, labelled with the expressions "
      + "computed there. With --json: one JSON document per input with every residual, layer output and "
      + "attention pattern.")
  boolean trace;

  @Override
  public Integer call() {
    Model model = source.load();
    List<List<Value>> sequences = inputs.sequences();
    inputs.forEach(sequences, model::encode);
    PrintWriter out = spec.commandLine().getOut();
    if (trace) {
      for (List<Value> input : sequences) {
        if (json.enabled()) {
          out.println(Output.json(traceDocument(model, model.trace(input), input)));
        } else {
          TraceText.of(model, model.trace(input)).forEach(out::println);
        }
      }
      out.flush();
      return 0;
    }
    refuseOutsideTheContract(model, sequences);
    List<List<Object>> outputs = model.runBatch(sequences);
    boolean numerical = model.output().encoding() == OutputEncoding.NUMERICAL;
    // The value set the model records (compiled now or read from config.json), so both print alike; a
    // directory without one (older, or a huge set) prints the raw numbers.
    NumericalOutputs decoding = !numerical ? null
        : !model.output().valueSet().isEmpty() ? NumericalOutputs.of(model.output().valueSet())
        : source.compiled != null ? new NumericalOutputs(source.compiled.valueSets().of(source.compiled.program()))
        : null;
    for (int i = 0; i < sequences.size(); i++) {
      List<Value> raw = outputs.get(i).stream().map(Value::ofJava).toList();
      List<Value> output = decoding == null ? raw : raw.stream().map(v -> decoding.decode(v.asDouble())).toList();
      if (json.enabled()) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("input", sequences.get(i).stream().map(Value::toJava).toList());
        document.put("output", output.stream().map(Value::toJava).toList());
        if (numerical) {
          document.put("raw_output", raw.stream().map(Value::toJava).toList());
        }
        out.println(Output.json(document));
      } else {
        out.println(numerical ? Output.plainNumerical(output) : Output.plain(output));
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Where the program is known (compiled now, or the source the directory records), checks every input
   * with the interpreter first, as the issue asks: an input on which RASP fails has no answer (a select
   * comparing a none key, which the model reads as a zero vector and answers), and an input outside an
   * aggregate's precondition has no faithful model (one string selected twice, which the model's residual
   * check cannot see).
   *
   * @throws org.tracr4j.EvaluationException where the interpreter fails (exit 70), naming the expression
   * @throws InvalidInputException naming the aggregate and the position
   */
  private void refuseOutsideTheContract(Model model, List<List<Value>> sequences) {
    SOp program = source.program(model);
    if (program == null) {
      return;
    }
    DynamicValidation contract = new DynamicValidation(ProgramGraph.of(program), model.config().causal());
    org.tracr4j.rasp.Interpreter interpreter = model.config().causal() ? org.tracr4j.rasp.Interpreter.causal()
        : org.tracr4j.rasp.Interpreter.standard();
    for (int i = 0; i < sequences.size(); i++) {
      String which = sequences.size() > 1 ? "input " + (i + 1) + ": " : "";
      try {
        List<Finding> findings = contract.check(sequences.get(i));
        if (!findings.isEmpty()) {
          Finding f = findings.get(0);
          throw new InvalidInputException(which + "input refused: aggregate " + f.expression() + ": " + f.reason()
              + "; the compiled model cannot give RASP's answer");
        }
        interpreter.evaluate(program, sequences.get(i));
      } catch (org.tracr4j.EvaluationException e) {
        throw new org.tracr4j.EvaluationException(which + e.expression(), "input refused: RASP gives no answer "
            + "here (" + e.getMessage().substring(e.expression().length() + 2) + "), so the model gives none");
      }
    }
  }

  /**
   * The JSON of a traced run: positions are model positions, BOS at 0. Each sub-layer lists the expressions
   * it computes, and each attention sub-layer its head slots, with the expression or {@code "unused": true}
   * (when the model has provenance).
   */
  private static Map<String, Object> traceDocument(Model model, Trace t, List<Value> input) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("input", input.stream().map(Value::toJava).toList());
    document.put("output", t.decoded());
    document.put("residual_labels", t.residualLabels());
    document.put("token_ids", t.tokenIds());
    document.put("input_embeddings", t.inputEmbeddings());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int sub = 0; sub < t.residuals().size(); sub++) {
      Map<String, Object> layer = new LinkedHashMap<>();
      boolean attention = sub % 2 == 0;
      layer.put("name", (attention ? "attn " : "mlp ") + (sub / 2));
      int l = sub / 2;
      model.provenance().ifPresent(provenance -> {
        Provenance.Layer placed = provenance.layers().get(l);
        if (attention) {
          layer.put("expressions", placed.heads().stream().map(Provenance.Head::expression).toList());
          List<Map<String, Object>> heads = new ArrayList<>();
          for (int h = 0; h < model.config().heads(); h++) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("head", h);
            List<Provenance.Head> shared = placed.headsAt(h);
            if (shared.isEmpty()) {
              head.put("unused", true);
            } else {
              head.put("expression", shared.get(0).expression());
              if (shared.size() > 1) {
                head.put("expressions", shared.stream().map(Provenance.Head::expression).toList());
              }
            }
            heads.add(head);
          }
          layer.put("heads", heads);
        } else {
          layer.put("expressions", placed.mlp().stream().map(Provenance.Neurons::expression).toList());
          layer.put("neurons", placed.mlp().stream().map(r -> {
            // In this order on every run (Map.of's iteration order changes from one JVM run to the next).
            Map<String, Object> range = new java.util.LinkedHashMap<>();
            range.put("expression", r.expression());
            range.put("neurons", List.of(r.start(), r.end()));
            return range;
          }).toList());
        }
      });
      layer.put("output", t.layerOutputs().get(sub));
      layer.put("residual", t.residuals().get(sub));
      if (attention) {
        layer.put("attention", t.attention().get(sub / 2));
      }
      layers.add(layer);
    }
    document.put("layers", layers);
    document.put("unembedded", t.unembedded());
    return document;
  }
}
