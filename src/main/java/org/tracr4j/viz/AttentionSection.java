package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.viz.Placement.Component;
import org.tracr4j.viz.Placement.Sublayer;

/**
 * Every used attention head's pattern, queries down and keys across, titled with the expression it
 * computes and the selector it evaluates; the BOS key column is shaded and headed in red (a query that
 * selects nothing attends to BOS and gets the default), and a dot marks each key the interpreter's
 * selector selects.
 */
final class AttentionSection {
  private AttentionSection() {}

  /** One head's pattern and its titles. */
  record Head(int layer, int head, String expression, String title, String selector, Heatmap heatmap) {}

  static List<Head> heads(Computation c) {
    List<Head> heads = new ArrayList<>();
    List<String> positions = c.positions();
    int t = positions.size();
    List<String> queries = new ArrayList<>();
    for (int p = 0; p < t; p++) {
      queries.add(p == 0 ? "BOS" : p + " " + positions.get(p));
    }
    java.util.Map<String, Integer> slots = new java.util.HashMap<>();
    for (Component component : c.placement().components()) {
      if (component.sublayer() != Sublayer.ATTENTION) {
        continue;
      }
      ExpressionView view = c.view(component.expression());
      RaspExpr expr = c.expression(component.expression());
      ExpressionView selector = selectorOf(c, expr);
      for (int h : component.units()) {
        Integer seen = slots.get(component.layer() + "/" + h);
        if (seen != null) {
          // A shared head computes several aggregates with one pattern: one card, every expression named.
          Head first = heads.get(seen);
          String more = component.expression() + " = " + (view == null ? "?" : view.definition());
          heads.set(seen, new Head(first.layer(), first.head(), first.expression(), first.title() + "; " + more,
              first.selector(), first.heatmap()));
          continue;
        }
        slots.put(component.layer() + "/" + h, heads.size());
        double[][] pattern = c.trace().attention().get(component.layer())[h];
        boolean[][] dots = selector == null ? null : dots(selector.selection(), t);
        String id = "attn-" + component.layer() + "-" + h;
        Heatmap heatmap = new Heatmap(id, queries, List.of(new Heatmap.Group("", range(t))), positions,
            List.of(new Heatmap.Block("", 0, t)), pattern, 1.0, Set.of(0), "attention weight", dots);
        Computation.Disagreement first = c.firstDisagreement();
        if (first != null && first.expression().label().equals(component.expression())) {
          heatmap.flag(List.of(first.position() + 1), 0, t - 1); // the query that goes wrong
        }
        String title = component.expression() + " = " + (view == null ? "?" : view.definition());
        String selectorTitle = selector == null ? "" : selector.label() + " = " + selector.definition();
        heads.add(new Head(component.layer(), h, component.expression(), title, selectorTitle, heatmap));
      }
    }
    return heads;
  }

  /** The selector a head-computed expression evaluates: aggregates and selector widths have one. */
  private static ExpressionView selectorOf(Computation c, RaspExpr expr) {
    if (expr == null) {
      return null;
    }
    return switch (expr) {
      case Aggregate a -> c.view(c.graph().label(a.selector()));
      case SelectorWidth w -> c.view(c.graph().label(w.selector()));
      default -> null; // no other kind runs in a head
    };
  }

  /** The interpreter's selection in model positions: query p+1 selects key k+1; BOS rows and keys none. */
  private static boolean[][] dots(boolean[][] selection, int t) {
    boolean[][] dots = new boolean[t][t];
    for (int q = 0; q < selection.length; q++) {
      for (int k = 0; k < selection[q].length; k++) {
        dots[q + 1][k + 1] = selection[q][k];
      }
    }
    return dots;
  }

  private static List<Integer> range(int n) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(i);
    }
    return rows;
  }

  static String html(Computation c, List<Head> heads) {
    StringBuilder out = new StringBuilder("<section id=\"attention\"><h2>Attention patterns</h2>");
    out.append("<p class=\"note\">One pattern per used head: queries down, keys across, BOS key shaded. "
        + "A dot marks a key the interpreter's selector selects; a query that selects nothing attends to "
        + "BOS and gets the default.</p><div class=\"cards\">");
    Set<String> used = new HashSet<>();
    for (Head head : heads) {
      used.add(head.layer() + "/" + head.head());
      out.append("<div class=\"card head\" data-head=\"L").append(head.layer()).append("H").append(head.head())
          .append("\"><h3>L").append(head.layer()).append(" H").append(head.head()).append(" · ")
          .append(Html.escape(head.title())).append("</h3>");
      if (!head.selector().isEmpty()) {
        out.append("<div class=\"sub\">selector ").append(Html.escape(head.selector())).append("</div>");
      }
      out.append(head.heatmap().svg()).append("</div>");
    }
    out.append("</div>");
    List<String> unused = new ArrayList<>();
    for (int l = 0; l < c.model().config().layers(); l++) {
      for (int h = 0; h < c.model().config().heads(); h++) {
        if (!used.contains(l + "/" + h)) {
          unused.add("L" + l + " H" + h);
        }
      }
    }
    if (!unused.isEmpty()) {
      out.append("<p class=\"note\">Unused head slots (they write nothing): ").append(String.join(", ", unused))
          .append(".</p>");
    }
    return out.append("</section>").toString();
  }
}
