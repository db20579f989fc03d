package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The residual stream after every sub-layer as one heatmap: rows are the residual features grouped by the
 * expression they belong to (in computation order), columns are the positions (BOS first) of each stage
 * (embedding, then after each attention and MLP sub-layer).
 */
final class ResidualSection {
  private ResidualSection() {}

  static Heatmap heatmap(Computation c) {
    FeatureMap features = c.features();
    List<String> order = new ArrayList<>(List.of("tokens", "indices", "one"));
    c.expressions().forEach(e -> order.add(e.label()));
    List<Heatmap.Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> group : features.groups(order).entrySet()) {
      ExpressionView view = c.view(group.getKey());
      String where = view == null ? "" : "  (" + view.location() + ")";
      groups.add(new Heatmap.Group(group.getKey() + where, group.getValue()));
    }
    List<String> positions = c.positions();
    int t = positions.size();
    int stages = 1 + c.trace().residuals().size();
    List<String> columns = new ArrayList<>();
    List<Heatmap.Block> blocks = new ArrayList<>();
    Set<Integer> bos = new HashSet<>();
    double[][] values = new double[features.size()][stages * t];
    for (int s = 0; s < stages; s++) {
      blocks.add(new Heatmap.Block(Stages.name(s), s * t, t));
      bos.add(s * t);
      columns.addAll(positions);
      double[][] residual = c.residual(s);
      for (int p = 0; p < t; p++) {
        for (int f = 0; f < features.size(); f++) {
          values[f][s * t + p] = residual[p][f];
        }
      }
    }
    List<String> rows = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      rows.add(features.label(f));
    }
    Heatmap heatmap = new Heatmap("residual", rows, groups, columns, blocks, values, 1.0, bos, "residual", null);
    Computation.Disagreement first = c.firstDisagreement();
    if (first != null) {
      int column = first.expression().stage() * t + first.position() + 1;
      heatmap.flag(features.groups(order).getOrDefault(first.expression().label(), List.of()), column, column);
    }
    return heatmap;
  }

  static String html(Computation c, Heatmap heatmap) {
    return "<section id=\"residual\"><h2>Residual stream</h2>"
        + "<p class=\"note\">After every sub-layer; rows are the residual features grouped by expression, "
        + "columns the positions (BOS first, shaded). Blue is positive, red negative, full colour at 1, "
        + "white below 1e-6. Hover a cell for its value.</p><div class=\"scroll\">" + heatmap.svg()
        + "</div></section>";
  }
}
