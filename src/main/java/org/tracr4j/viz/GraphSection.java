package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The program graph as SVG, top to bottom: one band per stage (the inputs, then per sub-layer the selectors
 * its heads evaluate and the s-ops it writes), one box per expression (label, kind, where the model
 * computes it), an arrow from each operand. Within a band, boxes are ordered by the mean position of their
 * operands, which keeps most arrows short. The page's script shows an expression's value at every position
 * when its box is clicked.
 */
final class GraphSection {
  private static final int NODE_HEIGHT = 46;
  private static final int NODE_GAP = 14;
  private static final int BAND_GAP = 28;
  private static final int LEFT = 150; // the band headings
  private static final int RIGHT_MARGIN = 8;

  private GraphSection() {}

  /** A placed box. */
  private record Node(ExpressionView view, double x, double y, double width) {
    double centre() {
      return x + width / 2;
    }
  }

  static String html(Computation c) {
    Map<Integer, List<ExpressionView>> bands = new TreeMap<>();
    for (ExpressionView view : c.expressions()) {
      bands.computeIfAbsent(band(view), k -> new ArrayList<>()).add(view);
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    StringBuilder headings = new StringBuilder();
    double y = 8;
    double width = LEFT;
    for (Map.Entry<Integer, List<ExpressionView>> band : bands.entrySet()) {
      List<ExpressionView> views = new ArrayList<>(band.getValue());
      views.sort(Comparator.comparingDouble(v -> meanInputCentre(v, nodes)));
      headings.append("<text class=\"bandhead\" x=\"4\" y=\"").append(Html.px(y + NODE_HEIGHT / 2.0 + 4))
          .append("\">").append(Html.escape(heading(band.getKey()))).append("</text>");
      // Each box as close as it can get to below its operands, left to right without overlapping.
      double next = LEFT;
      for (ExpressionView view : views) {
        double boxWidth = boxWidth(view);
        double wanted = meanInputCentre(view, nodes) - boxWidth / 2;
        double x = Math.max(next, wanted);
        nodes.put(view.label(), new Node(view, x, y, boxWidth));
        next = x + boxWidth + NODE_GAP;
      }
      width = Math.max(width, next);
      y += NODE_HEIGHT + BAND_GAP;
    }
    StringBuilder edges = new StringBuilder();
    StringBuilder boxes = new StringBuilder();
    for (Node to : nodes.values()) {
      for (String input : new LinkedHashSet<>(to.view().inputs())) {
        Node from = nodes.get(input);
        if (from != null) {
          edges.append(edge(from, to));
        }
      }
      boxes.append(box(to));
    }
    double height = y - BAND_GAP + 8;
    return "<section id=\"graph\"><h2>Program graph</h2><p class=\"note\">Every expression, in bands by the "
        + "sub-layer that computes it (top to bottom); arrows come from operands. Click an expression for its "
        + "value at every position (interpreter and model).</p><div class=\"scroll\"><svg class=\"graph\" "
        + "width=\"" + Html.px(width + RIGHT_MARGIN) + "\" height=\"" + Html.px(height)
        + "\" xmlns=\"http://www.w3.org/2000/svg\"><defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" "
        + "refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L8,4L0,8z\" "
        + "fill=\"#8a94a6\"/></marker></defs>" + headings + edges + boxes
        + "</svg></div><div id=\"detail\" class=\"detail\"></div></section>";
  }

  private static double boxWidth(ExpressionView view) {
    return Math.max(90, Math.max(view.label().length() * 7.4,
        Math.max(view.kind().length(), view.location().length()) * 6.2) + 16);
  }

  /** The mean centre of the operands placed so far (operands always sit in earlier bands), else 0. */
  private static double meanInputCentre(ExpressionView view, Map<String, Node> placed) {
    double sum = 0;
    int count = 0;
    for (String input : view.inputs()) {
      Node node = placed.get(input);
      if (node != null) {
        sum += node.centre();
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /** Inputs in band 0; per stage s ≥ 1, its selectors in band 2s − 1 and its s-ops in band 2s. */
  private static int band(ExpressionView view) {
    if (view.isSelector()) {
      return Math.max(1, 2 * view.stage() - 1);
    }
    return 2 * view.stage();
  }

  private static String heading(int band) {
    if (band == 0) {
      return "inputs";
    }
    int stage = (band + 1) / 2;
    return band % 2 == 1 ? Stages.name(stage) + " selectors" : Stages.name(stage);
  }

  private static String box(Node node) {
    ExpressionView view = node.view();
    String kind = view.isSelector() ? "selector" : view.stage() == 0 ? "input"
        : (view.stage() - 1) % 2 == 0 ? "attn" : "mlp";
    String bad = view.firstDisagreement() >= 0 ? " bad" : "";
    double x = node.x() + 8;
    return "<g class=\"node k-" + kind + bad + "\" data-expr=\"" + Html.escape(view.label())
        + "\" tabindex=\"0\"><title>" + Html.escape(view.label() + " = " + view.definition()) + "</title>"
        + "<rect x=\"" + Html.px(node.x()) + "\" y=\"" + Html.px(node.y()) + "\" width=\"" + Html.px(node.width())
        + "\" height=\"" + NODE_HEIGHT + "\" rx=\"6\"/>"
        + text("name", x, node.y() + 16, view.label())
        + text("info", x, node.y() + 29, view.kind())
        + text("info", x, node.y() + 41, view.location()) + "</g>";
  }

  private static String text(String cls, double x, double y, String content) {
    return "<text class=\"" + cls + "\" x=\"" + Html.px(x) + "\" y=\"" + Html.px(y) + "\">" + Html.escape(content)
        + "</text>";
  }

  private static String edge(Node from, Node to) {
    double x1 = from.centre();
    double y1 = from.y() + NODE_HEIGHT;
    double x2 = to.centre();
    double y2 = to.y();
    double bend = Math.max(16, (y2 - y1) / 2);
    return "<path class=\"edge\" data-to=\"" + Html.escape(to.view().label()) + "\" d=\"M" + Html.px(x1) + ","
        + Html.px(y1) + " C" + Html.px(x1) + "," + Html.px(y1 + bend) + " " + Html.px(x2) + "," + Html.px(y2 - bend)
        + " " + Html.px(x2) + "," + Html.px(y2) + "\" marker-end=\"url(#arrow)\"/>";
  }
}
