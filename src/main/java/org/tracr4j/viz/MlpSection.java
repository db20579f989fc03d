package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracr4j.viz.Placement.Component;
import org.tracr4j.viz.Placement.Sublayer;

/**
 * Every MLP's hidden activations (after the ReLU), one heatmap per layer: rows are the layer's neurons
 * (with what each stands for, when the provenance names it) grouped by the expression they compute,
 * columns the positions (BOS first). Colour saturates at the
 * layer's largest activation.
 */
final class MlpSection {
  private static final int MEANING_SHOWN = 40;

  private MlpSection() {}

  /** One layer's MLP. */
  record Layer(int layer, Heatmap heatmap, int neurons) {}

  static List<Layer> layers(Computation c) {
    List<Layer> layers = new ArrayList<>();
    List<String> positions = c.positions();
    int t = positions.size();
    for (int l = 0; l < c.model().config().layers(); l++) {
      double[][] hidden = c.trace().mlpHidden().get(l);
      int layer = l;
      List<String> names = c.model().provenance().map(p -> p.layers().get(layer).neurons()).orElse(List.of());
      List<String> rows = new ArrayList<>();
      List<Heatmap.Group> groups = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      double largest = 0;
      Computation.Disagreement first = c.firstDisagreement();
      List<Integer> wrong = List.of();
      for (Component component : c.placement().components()) {
        if (component.layer() != l || component.sublayer() != Sublayer.MLP) {
          continue;
        }
        List<Integer> groupRows = new ArrayList<>();
        for (int n : component.units()) {
          groupRows.add(rows.size());
          rows.add(neuronLabel(n, names, component.expression()));
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
        if (first != null && first.expression().label().equals(component.expression())) {
          wrong = groupRows;
        }
      }
      if (rows.isEmpty()) {
        continue;
      }
      Heatmap heatmap = new Heatmap("mlp-" + l, rows, groups, positions, List.of(new Heatmap.Block("", 0, t)),
          values.toArray(double[][]::new), largest, Set.of(0), "hidden activation", null);
      if (!wrong.isEmpty()) {
        heatmap.flag(wrong, first.position() + 1, first.position() + 1); // the position that goes wrong
      }
      layers.add(new Layer(l, heatmap, rows.size()));
    }
    return layers;
  }

  /**
   * {@code n7}, followed by what the neuron stands for when the provenance names it: the compiler names a
   * hidden neuron {@code _hidden_<expression>_:<meaning>} (or {@code
   * _hidden_<expression>_<meaning>}), and the meaning is what a reader needs.
   */
  static String neuronLabel(int neuron, List<String> names, String expression) {
    if (neuron >= names.size() || names.get(neuron).isEmpty()) {
      return "n" + neuron;
    }
    String name = names.get(neuron);
    String prefix = "_hidden_" + expression + "_";
    String meaning = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    if (meaning.startsWith(":")) {
      meaning = meaning.substring(1);
    }
    if (meaning.length() > MEANING_SHOWN) {
      meaning = meaning.substring(0, MEANING_SHOWN - 1) + "…";
    }
    return "n" + neuron + " " + meaning;
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
