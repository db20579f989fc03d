package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.CircuitJson;
import org.tracr4j.model.Circuit;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tracr4j info}: the shape of a model and which head or neurons compute each expression. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show a model's shape (layers, heads, widths, parameters), residual labels, and for each "
        + "expression its kind, layer and the head or MLP neurons that compute it.",
    customSynopsis = {"tracr4j info PROGRAM.rasp (--vocab TOKENS | --vocab-file FILE) --max-seq-len N "
        + "[--causal] [--compat tracr] [--mlp-exactness L] [--circuit] [--json]",
        "tracr4j info --model DIR [--circuit] [--json]"},
    footer = {"", "Output: 'key: value' lines, then 'expressions:' (one line each: label, kind, encoding, "
        + "where it is computed, inputs) and 'residual: ...'. With --json, one document: {\"layers\", \"heads\", "
        + "\"d_model\", \"d_head\", \"d_mlp\", \"params\", \"max_seq_len\", \"causal\", \"mode\", "
        + "\"output_encoding\", \"vocab\": [...], \"expressions\": [{\"label\", \"kind\", \"encoding\", "
        + "\"layer\", \"computed_by\": [{\"layer\", \"head\" | \"neurons\"}], \"inputs\", \"origin\", "
        + "\"precondition\" (null, or what inputs must satisfy)}] "
        + "(null for a format-1 directory), \"residual\": [labels]}.",
        "With --circuit: the ground-truth circuit, one node per head or MLP neuron range (expression, kind, layer, "
        + "hook, reads, writes) and who reads it; with --circuit --json, config.json's tracr4j.circuit: "
        + "{\"nodes\": [{\"expression\", \"kind\", \"layer\", \"component\", \"heads\" | \"neurons\", \"hook\", "
        + "\"reads\", \"writes\"}], \"edges\": [{\"from\", \"to\"}]} (docs/model-format.md).",
        "Defaults: exact constructions, standard masking, --mlp-exactness 100.",
        "Exit codes: 0 ok, 64 usage, 65 program error or unsupported program, 66 unreadable file, 74 corrupt "
        + "model directory.",
        "Example: tracr4j info --model out/sort --json"})
final class InfoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelSource source;

  @Mixin
  JsonOption json;

  @Option(names = "--circuit", description = "Print the ground-truth circuit instead: one node per head or MLP "
      + "neuron range computing an expression (layer, TransformerLens hook, residual features read and written) "
      + "and the edges between them (with --json: the config.json tracr4j.circuit object).")
  boolean circuit;

  @Override
  public Integer call() {
    Model model = source.load();
    if (circuit) {
      return printCircuit(model);
    }
    Map<String, Object> info = describe(model);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Output.json(info));
    } else {
      info.forEach((key, value) -> {
        if (!key.equals("residual") && !key.equals("expressions")) {
          out.println(key + ": " + value);
        }
      });
      printExpressions(out, model);
      out.println("residual: " + String.join(" ", model.residualLabels()));
    }
    out.flush();
    return 0;
  }

  private int printCircuit(Model model) {
    PrintWriter out = spec.commandLine().getOut();
    Circuit c = Circuit.of(model).orElseThrow(() -> new CliException("the model has no provenance (a "
        + "format-version-1 directory), so its circuit is unknown; recompile it", CliException.NO_INPUT));
    if (json.enabled()) {
      out.println(Output.json(CircuitJson.write(c)));
      out.flush();
      return 0;
    }
    out.println("circuit: " + c.nodes().size() + " nodes, " + c.edges().size() + " edges");
    for (int n = 0; n < c.nodes().size(); n++) {
      Circuit.Node node = c.nodes().get(n);
      String where = switch (node.component()) {
        case ATTN -> "attn heads " + node.heads();
        case MLP -> "mlp neurons [" + node.neurons().get(0) + ", " + node.neurons().get(1) + ")";
      };
      out.println("node " + n + ": " + node.expression() + " (" + node.kind() + "), layer " + node.layer() + " "
          + where + ", hook " + node.hook());
      out.println("  reads:  " + String.join(" ", c.labels(node.reads())));
      out.println("  writes: " + String.join(" ", c.labels(node.writes())));
      int from = n;
      List<String> readers = c.edges().stream().filter(e -> e.from() == from).map(e -> Integer.toString(e.to()))
          .toList();
      out.println("  read by: " + (readers.isEmpty() ? "- (the output)" : "node " + String.join(", node ", readers)));
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> describe(Model model) {
    ModelConfig c = model.config();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("layers", c.layers());
    info.put("heads", c.heads());
    info.put("d_model", c.dModel());
    info.put("d_head", c.dHead());
    info.put("d_mlp", c.dMlp());
    info.put("params", model.params());
    info.put("max_seq_len", model.maxSeqLen());
    info.put("causal", c.causal());
    info.put("mode", model.metadata().getOrDefault("mode", "unknown"));
    info.put("output_encoding", lower(model.output().encoding()));
    info.put("vocab", model.vocabulary().tokens());
    info.put("expressions", model.provenance().map(InfoCommand::expressions).orElse(null));
    // How the compiler rewrote the program (composite selectors, numerical inputs converted) and which heads
    // compute an AND of selects, which expressions use a cheaper construction than Tracr's: present only when
    // there is something to say.
    for (String key : List.of(Compiler.REWRITES, Compiler.COMPOSITE_HEADS, Compiler.CONSTRUCTIONS)) {
      String text = model.metadata().getOrDefault(key, "");
      if (!text.isEmpty()) {
        info.put(key, List.of(text.split("\n")));
      }
    }
    info.put("residual", model.residualLabels());
    return info;
  }

  /** One entry per expression: label, kind, encoding, layer, what computes it, inputs, origin. */
  private static List<Map<String, Object>> expressions(Provenance provenance) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Provenance.Expression expression : provenance.expressions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", expression.label());
      entry.put("kind", expression.kind());
      entry.put("encoding", expression.encoding() == null ? null : lower(expression.encoding()));
      entry.put("layer", expression.layer());
      entry.put("computed_by", components(provenance, expression.label()));
      entry.put("inputs", expression.inputs());
      entry.put("origin", expression.origin());
      entry.put("precondition", expression.precondition());
      list.add(entry);
    }
    return list;
  }

  /** The heads ({@code {"layer", "head"}}) and neuron ranges ({@code {"layer", "neurons"}}) of an expression. */
  private static List<Map<String, Object>> components(Provenance provenance, String label) {
    List<Map<String, Object>> components = new ArrayList<>();
    for (int l = 0; l < provenance.layers().size(); l++) {
      Provenance.Layer layer = provenance.layers().get(l);
      for (Provenance.Head head : layer.heads()) {
        if (head.expression().equals(label)) {
          components.add(ordered("layer", l, "head", head.index()));
        }
      }
      for (Provenance.Neurons range : layer.mlp()) {
        if (range.expression().equals(label)) {
          components.add(ordered("layer", l, "neurons", List.of(range.start(), range.end())));
        }
      }
    }
    return components;
  }

  /** A two-key JSON object in the order given (Map.of's order changes from one JVM run to the next). */
  private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
    Map<String, Object> object = new java.util.LinkedHashMap<>();
    object.put(key1, value1);
    object.put(key2, value2);
    return object;
  }

  private static void printExpressions(PrintWriter out, Model model) {
    if (model.provenance().isEmpty()) {
      out.println("expressions: unknown (a format-version-1 directory records no provenance; recompile it)");
      return;
    }
    Provenance provenance = model.provenance().get();
    out.println("expressions:");
    int width = provenance.expressions().stream().mapToInt(e -> e.label().length()).max().orElse(0);
    for (Provenance.Expression expression : provenance.expressions()) {
      List<String> where = new ArrayList<>();
      for (Map<String, Object> component : components(provenance, expression.label())) {
        where.add(component.containsKey("head")
            ? "layer " + component.get("layer") + " head " + component.get("head")
            : "layer " + component.get("layer") + " mlp neurons " + range(component.get("neurons")));
      }
      String encoding = expression.encoding() == null ? "selector" : lower(expression.encoding());
      out.printf("  %-" + width + "s  %-19s %-11s  %s%s%n", expression.label(), expression.kind(), encoding,
          where.isEmpty() ? "-" : String.join(", ", where),
          expression.inputs().isEmpty() ? "" : "  <- " + String.join(", ", expression.inputs()));
    }
    for (Provenance.Expression expression : provenance.expressions()) {
      if (expression.precondition() != null) {
        out.println("precondition (checked on every input; a violating one is refused): "
            + expression.label() + ": " + expression.precondition());
      }
    }
  }

  private static String range(Object bounds) {
    List<?> list = (List<?>) bounds;
    return "[" + list.get(0) + ", " + list.get(1) + ")";
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
