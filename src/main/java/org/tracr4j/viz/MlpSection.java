package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracr4j.viz.Placement.Component;
import org.tracr4j.viz.Placement.Sublayer;

/**
 * Every MLP's hidden activations (after the ReLU), one heatmap per layer: rows are the layer's neurons
 * grouped by the expression they compute, columns the positions (BOS first). Colour saturates at the
 * layer's largest activation.
 */
final class MlpSection {
  private MlpSection() {}

  /** One layer's MLP. */
  record Layer(int layer, Heatmap heatmap, int neurons) {}

  static List<Layer> layers(Computation c) {
    List<Layer> layers = new ArrayList<>();
    List<String> positions = c.positions();
    int t = positions.size();
    for (int l = 0; l < c.model().config().layers(); l++) {
      double[][] hidden = c.trace().mlpHidden().get(l);
      List<String> rows = new ArrayList<>();
      List<Heatmap.Group> groups = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      double largest = 0;
      for (Component component : c.placement().components()) {
        if (component.layer() != l || component.sublayer() != Sublayer.MLP) {
          continue;
        }
        List<Integer> groupRows = new ArrayList<>();
        for (int n : component.units()) {
          groupRows.add(rows.size());
          rows.add("n" + n);
          double[] row = new double[t];
          for (int p = 0; p < t; p++) {
            row[p] = hidden[p][n];
            largest = Math.max(largest, Math.abs(row[p]));
          }
          values.add(row);
        }
        ExpressionView view = c.view(component.expression());
        String name = component.expression() + (view == null ? "" : " = " + view.definition());
        groups.add(new Heatmap.Group(name, groupRows));
      }
      if (rows.isEmpty()) {
        continue;
      }
      Heatmap heatmap = new Heatmap("mlp-" + l, rows, groups, positions, List.of(new Heatmap.Block("", 0, t)),
          values.toArray(double[][]::new), largest, Set.of(0), "hidden activation", null);
      layers.add(new Layer(l, heatmap, rows.size()));
    }
    return layers;
  }

  static String html(List<Layer> layers) {
    StringBuilder out = new StringBuilder("<section id=\"mlp\"><h2>MLP hidden activations</h2>");
    out.append("<p class=\"note\">After the ReLU; rows are the neurons grouped by the expression they "
        + "compute, columns the positions. Full colour at each layer's largest activation.</p>"
        + "<div class=\"cards\">");
    for (Layer layer : layers) {
      out.append("<div class=\"card mlp\"><h3>L").append(layer.layer()).append(" MLP · ").append(layer.neurons())
          .append(" neurons</h3>").append(layer.heatmap().svg()).append("</div>");
    }
    return out.append("</div></section>").toString();
  }
}
