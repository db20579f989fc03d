package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
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
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show a model's shape: layers, heads, widths, parameters, residual labels, layer of each "
        + "expression.")
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
    // How the compiler rewrote the program (composite selectors, numerical inputs converted) and which heads
    // compute an AND of selects: present only when there is something to say.
    for (String key : List.of(Compiler.REWRITES, Compiler.COMPOSITE_HEADS)) {
      String text = model.metadata().getOrDefault(key, "");
      if (!text.isEmpty()) {
        info.put(key, List.of(text.split("\n")));
      }
    }
    info.put("residual", model.residualLabels());
    return info;
  }
}
