package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tracr4j info}: the shape of a model and where each expression is computed. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show a model's shape: layers, heads, widths, parameters, residual labels, layer of each "
        + "expression.",
    customSynopsis = {"tracr4j info PROGRAM.rasp (--vocab TOKENS | --vocab-file FILE) --max-seq-len N "
        + "[--causal] [--compat tracr] [--mlp-exactness L] [--json]", "tracr4j info --model DIR [--json]"},
    footer = {"", "Output: 'key: value' lines, then 'expressions (layer): ...' and 'residual: ...'. With "
        + "--json, one document: {\"layers\", \"heads\", \"d_model\", \"d_head\", \"d_mlp\", \"params\", "
        + "\"max_seq_len\", \"causal\", \"mode\", \"output_encoding\", \"vocab\": [...], \"expressions\": "
        + "{label: layer}, \"residual\": [labels]}.",
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

  @Override
  public Integer call() {
    Model model = source.load();
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
      out.println("expressions (layer): " + info.get("expressions"));
      out.println("residual: " + String.join(" ", model.residualLabels()));
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
    info.put("output_encoding", model.output().encoding().name().toLowerCase(java.util.Locale.ROOT));
    info.put("vocab", model.vocabulary().tokens());
    Map<String, Integer> expressions = new LinkedHashMap<>();
    String layers = model.metadata().getOrDefault(Compiler.EXPRESSION_LAYERS, "");
    for (String line : layers.split("\n")) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        expressions.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
      }
    }
    info.put("expressions", expressions);
    info.put("residual", model.residualLabels());
    return info;
  }
}
