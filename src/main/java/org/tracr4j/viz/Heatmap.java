package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A labelled matrix drawn as SVG: rows in named groups (a header line per group), columns in named blocks
 * (a title above each), one square per non-zero cell, coloured blue for positive and red for negative
 * values, saturating at {@code scale} (one SVG path per colour). Marked columns (BOS) get a grey band and
 * a red heading. The page's script reads the cell under the pointer from {@link #data()}, so the SVG
 * carries no per-cell text.
 */
final class Heatmap {
  static final int CELL = 16;
  static final int ROW = 13;
  private static final int GROUP_HEADER = 15;
  private static final double CHAR = 6.6; // width of one character of the 11px monospace labels
  private static final int BLOCK_GAP = 8;
  /** Cells below this fraction of the scale stay white (softmax leaves 1e-40s where a construction has 0). */
  static final double VISIBLE = 1e-6;

  /** The rows (indices into the matrix) shown under the heading {@code name}, in display order. */
  record Group(String name, List<Integer> rows) {}

  /** Columns {@code first … first+count−1} form a block titled {@code name}. */
  record Block(String name, int first, int count) {}

  private final String id;
  private final List<String> rowLabels;
  private final List<Group> groups;
  private final List<String> columnLabels;
  private final List<Block> blocks;
  private final double[][] values;
  private final double scale;
  private final Set<Integer> marked;
  private final String cellNote;
  private final boolean[][] dots;
  private final List<Flag> flags = new ArrayList<>();

  /** A red outline around the cells of {@code rows} × columns {@code first…last} (the first disagreement). */
  record Flag(List<Integer> rows, int first, int last) {}

  /**
   * @param id unique in the page
   * @param rowLabels one per row of {@code values}
   * @param groups partition the rows (in display order); an empty name draws no header
   * @param columnLabels one per column of {@code values}
   * @param blocks partition the columns, in order
   * @param values {@code [row][column]}
   * @param scale the magnitude of full colour (larger values saturate)
   * @param marked columns to mark (by index)
   * @param cellNote what a value is, for the hover read-out (e.g. "attention weight")
   * @param dots cells to mark with a dot ({@code [row][column]}), or null
   */
  Heatmap(String id, List<String> rowLabels, List<Group> groups, List<String> columnLabels, List<Block> blocks,
      double[][] values, double scale, Set<Integer> marked, String cellNote, boolean[][] dots) {
    this.id = id;
    this.rowLabels = List.copyOf(rowLabels);
    this.groups = List.copyOf(groups);
    this.columnLabels = List.copyOf(columnLabels);
    this.blocks = List.copyOf(blocks);
    this.values = values;
    this.scale = scale > 0 ? scale : 1;
    this.marked = Set.copyOf(marked);
    this.cellNote = cellNote;
    this.dots = dots;
  }

  private double labelWidth() {
    int longest = 4;
    for (String label : rowLabels) {
      longest = Math.max(longest, label.length());
    }
    for (Group group : groups) {
      longest = Math.max(longest, group.name().length() - 1);
    }
    return Math.ceil(longest * CHAR) + 12;
  }

  private boolean hasTitles() {
    return blocks.stream().anyMatch(b -> !b.name().isEmpty());
  }

  private int top() {
    return (hasTitles() ? 16 : 0) + 16;
  }

  /** x of each column's left edge. */
  private double[] columnX() {
    double[] xs = new double[columnLabels.size()];
    double x = labelWidth();
    for (Block block : blocks) {
      for (int c = block.first(); c < block.first() + block.count(); c++) {
        xs[c] = x;
        x += CELL;
      }
      x += BLOCK_GAP;
    }
    return xs;
  }

  /** y of each row's top edge, in row order of {@code values}. */
  private double[] rowY() {
    double[] ys = new double[rowLabels.size()];
    double y = top();
    for (Group group : groups) {
      if (!group.name().isEmpty()) {
        y += GROUP_HEADER;
      }
      for (int r : group.rows()) {
        ys[r] = y;
        y += ROW;
      }
    }
    return ys;
  }

  private double height() {
    double y = top();
    for (Group group : groups) {
      y += (group.name().isEmpty() ? 0 : GROUP_HEADER) + ROW * group.rows().size();
    }
    return y + 2;
  }

  private double width() {
    return labelWidth() + blocks.stream().mapToInt(b -> b.count() * CELL + BLOCK_GAP).sum();
  }

  String svg() {
    double[] xs = columnX();
    double[] ys = rowY();
    double width = width();
    double height = height();
    double left = labelWidth();
    StringBuilder out = new StringBuilder();
    out.append("<svg class=\"heatmap\" data-map=\"").append(Html.escape(id)).append("\" width=\"")
        .append(Html.px(width)).append("\" height=\"").append(Html.px(height))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    int titleY = hasTitles() ? 12 : 0;
    for (Block block : blocks) {
      if (block.count() == 0) {
        continue;
      }
      double x0 = xs[block.first()];
      double w = block.count() * CELL;
      out.append("<rect class=\"area\" x=\"").append(Html.px(x0)).append("\" y=\"").append(top())
          .append("\" width=\"").append(Html.px(w)).append("\" height=\"").append(Html.px(height - top() - 2))
          .append("\"/>");
      if (!block.name().isEmpty()) {
        out.append("<text class=\"block\" x=\"").append(Html.px(x0 + w / 2)).append("\" y=\"").append(titleY)
            .append("\">").append(Html.escape(block.name())).append("</text>");
      }
    }
    for (int c : marked) {
      out.append("<rect class=\"marked\" x=\"").append(Html.px(xs[c])).append("\" y=\"").append(top())
          .append("\" width=\"").append(CELL).append("\" height=\"").append(Html.px(height - top() - 2))
          .append("\"/>");
    }
    for (int c = 0; c < columnLabels.size(); c++) {
      out.append("<text class=\"col").append(marked.contains(c) ? " bos" : "").append("\" x=\"")
          .append(Html.px(xs[c] + CELL / 2.0)).append("\" y=\"").append(top() - 4).append("\">")
          .append(Html.escape(shorten(columnLabels.get(c)))).append("</text>");
    }
    for (Group group : groups) {
      if (group.rows().isEmpty()) {
        continue;
      }
      double y0 = ys[group.rows().get(0)];
      if (!group.name().isEmpty()) {
        out.append("<text class=\"group\" x=\"2\" y=\"").append(Html.px(y0 - 4)).append("\">")
            .append(Html.escape(group.name())).append("</text>");
        out.append("<line class=\"sep\" x1=\"0\" x2=\"").append(Html.px(width)).append("\" y1=\"")
            .append(Html.px(y0 - GROUP_HEADER + 1)).append("\" y2=\"").append(Html.px(y0 - GROUP_HEADER + 1))
            .append("\"/>");
      }
      for (int r : group.rows()) {
        out.append("<text class=\"row\" x=\"").append(Html.px(left - 6)).append("\" y=\"")
            .append(Html.px(ys[r] + ROW - 3)).append("\">").append(Html.escape(rowLabels.get(r)))
            .append("</text>");
      }
    }
    // One path per colour (most cells of a compiled model share a handful of colours): a fraction of the
    // bytes of one rect per cell.
    Map<String, StringBuilder> cells = new LinkedHashMap<>();
    for (int r = 0; r < rowLabels.size(); r++) {
      for (int c = 0; c < columnLabels.size(); c++) {
        double v = values[r][c];
        if (Math.abs(v) >= VISIBLE * scale) {
          cells.computeIfAbsent(colour(v), k -> new StringBuilder()).append('M').append(Html.px(xs[c] + 0.5))
              .append(' ').append(Html.px(ys[r] + 0.5)).append("h").append(CELL - 1).append('v').append(ROW - 1)
              .append('h').append(1 - CELL).append('z');
        }
      }
    }
    cells.forEach((colour, path) -> out.append("<path class=\"cells\" fill=\"").append(colour)
        .append("\" d=\"").append(path).append("\"/>"));
    if (dots != null) {
      for (int r = 0; r < rowLabels.size(); r++) {
        for (int c = 0; c < columnLabels.size(); c++) {
          if (dots[r][c]) {
            out.append("<circle class=\"dot\" cx=\"").append(Html.px(xs[c] + CELL / 2.0)).append("\" cy=\"")
                .append(Html.px(ys[r] + ROW / 2.0)).append("\" r=\"2\"/>");
          }
        }
      }
    }
    for (Flag flag : flags) {
      double top = Double.MAX_VALUE;
      double bottom = 0;
      for (int r : flag.rows()) {
        top = Math.min(top, ys[r]);
        bottom = Math.max(bottom, ys[r] + ROW);
      }
      out.append("<rect class=\"flag\" x=\"").append(Html.px(xs[flag.first()] - 1)).append("\" y=\"")
          .append(Html.px(top - 1)).append("\" width=\"")
          .append(Html.px(xs[flag.last()] + CELL - xs[flag.first()] + 2)).append("\" height=\"")
          .append(Html.px(bottom - top + 2)).append("\"/>");
    }
    out.append("</svg>");
    return out.toString();
  }

  /** Outlines {@code rows} × columns {@code first…last} in red; returns this heatmap. */
  Heatmap flag(List<Integer> rows, int first, int last) {
    if (!rows.isEmpty()) {
      flags.add(new Flag(List.copyOf(rows), first, last));
    }
    return this;
  }

  /** What the page's script needs to name the cell under the pointer. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rows", rowLabels);
    data.put("cols", columnLabels);
    List<String> columnBlocks = new ArrayList<>();
    for (int c = 0; c < columnLabels.size(); c++) {
      columnBlocks.add("");
    }
    for (Block block : blocks) {
      for (int c = block.first(); c < block.first() + block.count(); c++) {
        columnBlocks.set(c, block.name());
      }
    }
    data.put("blocks", columnBlocks);
    data.put("xs", round(columnX()));
    data.put("ys", round(rowY()));
    data.put("cw", CELL);
    data.put("ch", ROW);
    List<List<Number>> rows = new ArrayList<>();
    for (double[] row : values) {
      List<Number> compact = new ArrayList<>(row.length);
      for (double v : row) {
        double rounded = Numbers.compact(v);
        // Integers as integers: "0" rather than "0.0" for the many zeros.
        compact.add(rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15 ? (Number) (long) rounded : rounded);
      }
      rows.add(compact);
    }
    data.put("v", rows);
    data.put("note", cellNote);
    return data;
  }

  private static double[] round(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.round(values[i] * 10) / 10.0;
    }
    return out;
  }

  private static String shorten(String label) {
    return label.length() <= 3 ? label : label.substring(0, 2) + "…";
  }

  /** White to blue (positive) or red (negative), by {@code |v| / scale}, at least a visible tint. */
  private String colour(double v) {
    double t = Math.min(1, Math.abs(v) / scale);
    t = 0.12 + 0.88 * t;
    int[] full = v > 0 ? new int[] {33, 102, 172} : new int[] {178, 24, 43};
    int red = (int) Math.round(255 + (full[0] - 255) * t);
    int green = (int) Math.round(255 + (full[1] - 255) * t);
    int blue = (int) Math.round(255 + (full[2] - 255) * t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
  }
}
