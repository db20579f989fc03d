package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;

/**
 * Tracr's layer allocation (tracr-reference §2.4), reproduced exactly so models have the same depth:
 * <ol>
 *   <li>depth of an s-op = length of the longest chain of s-ops from an input (selectors add nothing);
 *   <li>condensing: where every component at depth d is an attention head and every one at d+1 an MLP,
 *       the two depths share one transformer layer;
 *   <li>a component at condensed depth d goes to sub-layer 2(d-1) (attention) or 2(d-1)+1 (MLP);
 *   <li>packing: the used sub-layers are placed into the slot sequence attn0, mlp0, attn1, ... in order,
 *       each into the next free slot of its kind.
 * </ol>
 */
final class LayerAllocation {
  private enum Kind { ATTENTION, MLP, BOTH }

  /** Depth of each expression seen, by id. */
  private final ExpressionMap<Integer> depths;

  private LayerAllocation(int expressions) {
    depths = new ExpressionMap<>(expressions);
  }

  static LayerPlan allocate(ProgramGraph graph) {
    return new LayerAllocation(graph.nodes().size()).plan(graph);
  }

  private LayerPlan plan(ProgramGraph graph) {
    // Components in graph insertion order, grouped by depth (index = depth; depths run from 1).
    List<List<SOp>> byDepth = new ArrayList<>();
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof SOp sop && kind(sop) != null) {
        int depth = depth(sop);
        while (byDepth.size() <= depth) {
          byDepth.add(null);
        }
        if (byDepth.get(depth) == null) {
          byDepth.set(depth, new ArrayList<>());
        }
        byDepth.get(depth).add(sop);
      }
    }
    List<List<SOp>> condensed = condense(byDepth);
    // Sub-layer numbers: attention 2(d-1), MLP 2(d-1)+1; a selector width takes both.
    List<List<SOp>> subLayers = new ArrayList<>(2 * condensed.size());
    for (int i = 0; i < 2 * condensed.size(); i++) {
      subLayers.add(null);
    }
    for (int i = 0; i < condensed.size(); i++) {
      for (SOp sop : condensed.get(i)) {
        int base = 2 * i;
        Kind kind = kind(sop);
        if (kind != Kind.MLP) {
          subLayer(subLayers, base).add(sop);
        }
        if (kind != Kind.ATTENTION) {
          subLayer(subLayers, base + 1).add(sop);
        }
      }
    }
    // Packing the used sub-layers, in order, into slots attn0, mlp0, attn1, mlp1, ...
    List<List<SOp>> attention = new ArrayList<>();
    List<List<SOp>> mlp = new ArrayList<>();
    int slot = 0;
    for (int number = 0; number < subLayers.size(); number++) {
      List<SOp> used = subLayers.get(number);
      if (used == null) {
        continue;
      }
      boolean isAttention = number % 2 == 0;
      if ((slot % 2 == 0) != isAttention) {
        slot++;
      }
      int layer = slot / 2;
      while (attention.size() <= layer) {
        attention.add(new ArrayList<>());
        mlp.add(new ArrayList<>());
      }
      (isAttention ? attention : mlp).get(layer).addAll(used);
      slot++;
    }
    return new LayerPlan(attention, mlp);
  }

  private static List<SOp> subLayer(List<List<SOp>> subLayers, int number) {
    List<SOp> list = subLayers.get(number);
    if (list == null) {
      list = new ArrayList<>();
      subLayers.set(number, list);
    }
    return list;
  }

  /**
   * Step 2: merge depth d+1 into d where d is all attention and d+1 all MLP (empty groups pass both). The
   * groups run from the smallest depth used to the largest ({@code byDepth} holds null where none is).
   */
  private static List<List<SOp>> condense(List<List<SOp>> byDepth) {
    List<List<SOp>> groups = new ArrayList<>();
    int first = 0;
    while (first < byDepth.size() && byDepth.get(first) == null) {
      first++;
    }
    for (int d = first; d < byDepth.size(); d++) {
      groups.add(byDepth.get(d) == null ? new ArrayList<>() : byDepth.get(d));
    }
    int d = 0;
    while (d < groups.size() - 1) {
      if (all(groups.get(d), Kind.ATTENTION) && all(groups.get(d + 1), Kind.MLP)) {
        groups.get(d).addAll(groups.remove(d + 1));
      }
      d++;
    }
    return groups;
  }

  private static boolean all(List<SOp> group, Kind kind) {
    for (SOp sop : group) {
      if (kind(sop) != kind) {
        return false;
      }
    }
    return true;
  }

  private static Kind kind(SOp sop) {
    return switch (sop) {
      case Tokens t -> null;
      case Indices i -> null;
      case Length l -> null;
      case Full f -> null;
      case ElementwiseMap m -> Kind.MLP;
      case SequenceMap m -> Kind.MLP;
      case LinearSequenceMap m -> Kind.MLP;
      case Aggregate a -> Kind.ATTENTION;
      case SelectorWidth w -> Kind.BOTH;
    };
  }

  private int depth(RaspExpr expr) {
    Integer known = depths.get(expr);
    if (known != null) {
      return known;
    }
    int childMax = 0;
    List<RaspExpr> children = expr.children();
    for (int i = 0; i < children.size(); i++) { // indexed: no iterator per expression
      childMax = Math.max(childMax, depth(children.get(i)));
    }
    int depth = expr instanceof Selector || children.isEmpty() ? childMax : childMax + 1;
    depths.put(expr, depth);
    return depth;
  }
}
