package org.tracr4j.viz;

import java.util.List;

/**
 * The interpreter's value of every s-op beside the model's, decoded from the residual right after the
 * sub-layer that computes it; cells that differ are red, the first difference in computation order is
 * outlined and linked from the page's summary.
 */
final class ValuesSection {
  private ValuesSection() {}

  static String html(Computation c) {
    List<String> positions = c.positions();
    Computation.Disagreement first = c.firstDisagreement();
    StringBuilder out = new StringBuilder("<section id=\"values\"><h2>Interpreter and model, expression by "
        + "expression</h2><p class=\"note\">The model's value is decoded from the residual after the sub-layer "
        + "that computes the expression (categorical: the largest feature, none below 0.5; numerical: the "
        + "feature itself, compared within a relative 1e-6).</p><div class=\"scroll\"><table class=\"values\">");
    out.append("<tr><th>expression</th><th>where</th><th></th>");
    for (int p = 1; p < positions.size(); p++) {
      out.append("<th>").append(p - 1).append("<br><span class=\"tok\">").append(Html.escape(positions.get(p)))
          .append("</span></th>");
    }
    out.append("</tr>");
    for (ExpressionView view : c.expressions()) {
      if (view.isSelector()) {
        continue;
      }
      String label = Html.escape(view.label());
      out.append("<tr class=\"interp\" data-expr=\"").append(label).append("\"><td rowspan=\"2\" class=\"name\">")
          .append(label).append("<div class=\"def\">").append(Html.escape(view.definition()))
          .append("</div></td><td rowspan=\"2\" class=\"where\">").append(Html.escape(view.location()))
          .append("</td><td class=\"src\">interpreter</td>");
      for (String value : view.interpreted()) {
        out.append("<td>").append(Html.escape(value)).append("</td>");
      }
      out.append("</tr><tr class=\"model\"><td class=\"src\">model</td>");
      for (int p = 0; p < view.decoded().size(); p++) {
        boolean isFirst = first != null && first.expression() == view && first.position() == p;
        String cls = isFirst ? "bad first" : view.agrees().get(p) ? "" : "bad";
        out.append("<td").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
            .append(isFirst ? " id=\"first-disagreement\"" : "").append(">")
            .append(Html.escape(view.decoded().get(p))).append("</td>");
      }
      out.append("</tr>");
    }
    return out.append("</table></div></section>").toString();
  }
}
