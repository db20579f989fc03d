package org.tracr4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.model.ModelConfig;

/**
 * Writes the page: a summary, then the sections (program graph, values side by side, residual stream,
 * attention patterns, MLP activations), the data the script reads (one JSON element) and the script. CSS
 * and JS come from {@code report.css} and {@code report.js} beside this class and are inlined, so the page
 * opens without a network.
 *
 * <p>The first script element only collects errors ({@code window.vizErrors}); the last one, when it has
 * run, sets {@code data-viz-ready} on the {@code <html>} element and writes the errors it collected into
 * {@code #viz-errors}. With {@code #selftest} in the URL it first clicks every expression and hovers every
 * heatmap, so a test can check the interactive parts too; {@code data-viz-hovers} counts the read-outs shown.
 */
public final class Report {
  private Report() {}

  /** The whole page. */
  public static String html(Computation c) {
    Heatmap residual = ResidualSection.heatmap(c);
    List<AttentionSection.Head> heads = AttentionSection.heads(c);
    List<MlpSection.Layer> mlps = MlpSection.layers(c);
    Map<String, Object> heatmaps = new LinkedHashMap<>();
    heatmaps.put("residual", residual.data());
    heads.forEach(h -> heatmaps.put("attn-" + h.layer() + "-" + h.head(), h.heatmap().data()));
    mlps.forEach(m -> heatmaps.put("mlp-" + m.layer(), m.heatmap().data()));

    StringBuilder out = new StringBuilder(1 << 16);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"generator\" content=\"tracr4j viz\"><title>")
        .append(Html.escape("tracr4j viz · " + c.title())).append("</title>")
        .append("<script>window.vizErrors=[];window.addEventListener('error',function(e){"
            + "window.vizErrors.push(String(e.message||e));});</script><style>")
        .append(resource("report.css")).append("</style></head><body>");
    out.append(summary(c));
    out.append(GraphSection.html(c));
    out.append(ValuesSection.html(c));
    out.append(ResidualSection.html(c, residual));
    out.append(AttentionSection.html(c, heads));
    out.append(MlpSection.html(mlps));
    out.append("<div id=\"tip\" class=\"tip\"></div><pre id=\"viz-errors\"></pre>");
    out.append("<script type=\"application/json\" id=\"viz-data\">").append(Html.json(data(c, heatmaps)))
        .append("</script><script>").append(resource("report.js")).append("</script></body></html>\n");
    return out.toString();
  }

  private static String summary(Computation c) {
    ModelConfig config = c.model().config();
    StringBuilder out = new StringBuilder("<header><h1>").append(Html.escape(c.title())).append("</h1>");
    out.append("<p class=\"shape\">").append(config.layers()).append(" layers · ").append(config.heads())
        .append(config.heads() == 1 ? " head" : " heads").append(" · d_model ").append(config.dModel())
        .append(" · d_head ").append(config.dHead()).append(" · d_mlp ").append(config.dMlp()).append(" · ")
        .append(c.model().params()).append(" params · mode ")
        .append(Html.escape(c.model().metadata().getOrDefault("mode", "unknown")))
        .append(config.causal() ? " · causal" : "").append("</p>");
    ExpressionView output = c.view(c.graph().label(c.graph().output()));
    out.append("<p>input <code>").append(Html.escape(String.join(" ", tokens(c)))).append("</code> → model <code>")
        .append(Html.escape(String.join(" ", output.decoded()))).append("</code>, interpreter <code>")
        .append(Html.escape(String.join(" ", output.interpreted()))).append("</code></p>");
    Computation.Disagreement first = c.firstDisagreement();
    if (first == null) {
      out.append("<p class=\"verdict ok\">The model agrees with the interpreter on every expression at every "
          + "position.</p>");
    } else {
      ExpressionView view = first.expression();
      out.append("<p class=\"verdict bad\"><a href=\"#first-disagreement\">First disagreement</a>: <b>")
          .append(Html.escape(view.label())).append("</b> (").append(Html.escape(view.location()))
          .append(") at position ").append(first.position()).append(": interpreter <code>")
          .append(Html.escape(view.interpreted().get(first.position()))).append("</code>, model <code>")
          .append(Html.escape(view.decoded().get(first.position()))).append("</code>.</p>");
    }
    out.append("<nav><a href=\"#graph\">graph</a><a href=\"#values\">values</a><a href=\"#residual\">residual "
        + "stream</a><a href=\"#attention\">attention</a><a href=\"#mlp\">MLPs</a></nav></header>");
    return out.toString();
  }

  private static List<String> tokens(Computation c) {
    return c.trace().input().stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> data(Computation c, Map<String, Object> heatmaps) {
    Map<String, Object> expressions = new LinkedHashMap<>();
    for (ExpressionView view : c.expressions()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", view.kind());
      e.put("def", view.definition());
      e.put("enc", view.encoding());
      e.put("where", view.location());
      e.put("interp", view.interpreted());
      e.put("model", view.decoded());
      e.put("agree", view.agrees());
      if (view.isSelector()) {
        List<List<Integer>> selected = new ArrayList<>();
        for (boolean[] row : view.selection()) {
          List<Integer> keys = new ArrayList<>();
          for (int k = 0; k < row.length; k++) {
            if (row[k]) {
              keys.add(k);
            }
          }
          selected.add(keys);
        }
        e.put("selected", selected);
      }
      expressions.put(view.label(), e);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("positions", c.positions());
    data.put("expressions", expressions);
    Computation.Disagreement first = c.firstDisagreement();
    data.put("initial", first != null ? first.expression().label() : c.graph().label(c.graph().output()));
    data.put("heatmaps", heatmaps);
    return data;
  }

  private static String resource(String name) {
    try (InputStream in = Report.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name + " beside " + Report.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
