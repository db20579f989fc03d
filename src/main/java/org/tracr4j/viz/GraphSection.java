package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The program graph as SVG: one box per expression (label; kind and where the model computes it), in
 * columns by the stage that computes it (inputs, then per sub-layer the selectors its heads evaluate and
 * the s-ops it writes), with an arrow from each operand. The page's script shows an expression's value at
 * every position when its box is clicked.
 */
final class GraphSection {
  private static final int NODE_HEIGHT = 48;
  private static final int ROW_GAP = 12;
  private static final int COLUMN_GAP = 40;
  private static final int TOP = 26;

  private GraphSection() {}

  /** A placed box. */
  private record Node(ExpressionView view, double x, double y, double width) {}

  static String html(Computation c) {
    Map<Integer, List<ExpressionView>> columns = new TreeMap<>();
    for (ExpressionView view : c.expressions()) {
      columns.computeIfAbsent(column(view), k -> new ArrayList<>()).add(view);
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    StringBuilder boxes = new StringBuilder();
    StringBuilder headings = new StringBuilder();
    double x = 4;
    int tallest = 0;
    for (Map.Entry<Integer, List<ExpressionView>> column : columns.entrySet()) {
      double width = 100;
      for (ExpressionView view : column.getValue()) {
        width = Math.max(width, Math.max(view.label().length() * 7.4,
            Math.max(view.kind().length(), view.location().length()) * 6.2) + 16);
      }
      headings.append("<text class=\"colhead\" x=\"").append(Html.px(x + width / 2)).append("\" y=\"14\">")
          .append(Html.escape(heading(column.getKey()))).append("</text>");
      double y = TOP;
      for (ExpressionView view : column.getValue()) {
        Node node = new Node(view, x, y, width);
        nodes.put(view.label(), node);
        boxes.append(box(node));
        y += NODE_HEIGHT + ROW_GAP;
      }
      tallest = Math.max(tallest, column.getValue().size());
      x += width + COLUMN_GAP;
    }
    StringBuilder edges = new StringBuilder();
    for (Node to : nodes.values()) {
      for (String input : to.view().inputs()) {
        Node from = nodes.get(input);
        if (from != null) {
          edges.append(edge(from, to));
        }
      }
    }
    double height = TOP + tallest * (NODE_HEIGHT + ROW_GAP);
    return "<section id=\"graph\"><h2>Program graph</h2><p class=\"note\">Every expression, in columns by "
        + "the sub-layer that computes it; arrows come from operands. Click an expression for its value at "
        + "every position (interpreter and model).</p><div class=\"scroll\"><svg class=\"graph\" width=\""
        + Html.px(x) + "\" height=\"" + Html.px(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">"
        + "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
        + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L8,4L0,8z\" fill=\"#8a94a6\"/></marker></defs>"
        + headings + edges + boxes + "</svg></div><div id=\"detail\" class=\"detail\"></div></section>";
  }

  /** Inputs in column 0; per stage s ≥ 1, its selectors in 2s − 1 and its s-ops in 2s. */
  private static int column(ExpressionView view) {
    if (view.isSelector()) {
      return Math.max(1, 2 * view.stage() - 1);
    }
    return 2 * view.stage();
  }

  private static String heading(int column) {
    if (column == 0) {
      return "inputs";
    }
    int stage = (column + 1) / 2;
    return column % 2 == 1 ? Stages.name(stage) + " selectors" : Stages.name(stage);
  }

  private static String box(Node node) {
    ExpressionView view = node.view();
    String kind = view.isSelector() ? "selector" : view.stage() == 0 ? "input"
        : (view.stage() - 1) % 2 == 0 ? "attn" : "mlp";
    String bad = view.firstDisagreement() >= 0 ? " bad" : "";
    return "<g class=\"node k-" + kind + bad + "\" data-expr=\"" + Html.escape(view.label())
        + "\" tabindex=\"0\"><title>" + Html.escape(view.label() + " = " + view.definition()) + "</title>"
        + "<rect x=\"" + Html.px(node.x()) + "\" y=\"" + Html.px(node.y()) + "\" width=\"" + Html.px(node.width())
        + "\" height=\"" + NODE_HEIGHT + "\" rx=\"6\"/><text class=\"name\" x=\"" + Html.px(node.x() + 8)
        + "\" y=\"" + Html.px(node.y() + 16) + "\">" + Html.escape(view.label()) + "</text><text class=\"info\" x=\""
        + Html.px(node.x() + 8) + "\" y=\"" + Html.px(node.y() + 29) + "\">" + Html.escape(view.kind())
        + "</text><text class=\"info\" x=\"" + Html.px(node.x() + 8) + "\" y=\"" + Html.px(node.y() + 42) + "\">"
        + Html.escape(view.location()) + "</text></g>";
  }

  private static String edge(Node from, Node to) {
    double x1 = from.x() + from.width();
    double y1 = from.y() + NODE_HEIGHT / 2.0;
    double x2 = to.x();
    double y2 = to.y() + NODE_HEIGHT / 2.0;
    double bend = Math.max(24, Math.abs(x2 - x1) / 2);
    return "<path class=\"edge\" data-to=\"" + Html.escape(to.view().label()) + "\" d=\"M" + Html.px(x1) + ","
        + Html.px(y1) + " C" + Html.px(x1 + bend) + "," + Html.px(y1) + " " + Html.px(x2 - bend) + ","
        + Html.px(y2) + " " + Html.px(x2) + "," + Html.px(y2) + "\" marker-end=\"url(#arrow)\"/>";
  }
}
