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
    // The components (s-ops with a block) in graph insertion order, with their depths (from 1).
    List<RaspExpr> nodes = graph.nodes();
    SOp[] components = new SOp[nodes.size()];
    Kind[] kinds = new Kind[nodes.size()];
    int[] depthOf = new int[nodes.size()];
    int count = 0;
    int maxDepth = 0;
    for (int i = 0; i < nodes.size(); i++) {
      Kind kind = nodes.get(i) instanceof SOp sop ? kind(sop) : null;
      if (kind != null) {
        components[count] = (SOp) nodes.get(i);
        kinds[count] = kind;
        depthOf[count] = depth(components[count]);
        maxDepth = Math.max(maxDepth, depthOf[count++]);
      }
    }
    if (count == 0) {
      return new LayerPlan(List.of(), List.of());
    }
    // Per depth, whether its group is all attention, all MLP (an empty group is both).
    boolean[] allAttention = new boolean[maxDepth + 1];
    boolean[] allMlp = new boolean[maxDepth + 1];
    java.util.Arrays.fill(allAttention, true);
    java.util.Arrays.fill(allMlp, true);
    int minDepth = maxDepth;
    for (int c = 0; c < count; c++) {
      Kind kind = kinds[c];
      allAttention[depthOf[c]] &= kind == Kind.ATTENTION;
      allMlp[depthOf[c]] &= kind == Kind.MLP;
      minDepth = Math.min(minDepth, depthOf[c]);
    }
    // Step 2, condensing: the group of each depth, from the smallest depth used; where a depth is all
    // attention and the next all MLP, the two are one group and the walk goes on after both.
    int[] groupOf = new int[maxDepth + 1];
    int groups = 0;
    for (int d = minDepth; d <= maxDepth; groups++) {
      groupOf[d] = groups;
      if (d < maxDepth && allAttention[d] && allMlp[d + 1]) {
        groupOf[d + 1] = groups;
        d += 2;
      } else {
        d++;
      }
    }
    // Steps 3 and 4: group g's attention sub-layer is number 2g, its MLP one 2g + 1 (a selector width is
    // in both); the used ones go, in order, into the next free slot of their kind: attn0, mlp0, attn1, ...
    boolean[] used = new boolean[2 * groups];
    for (int c = 0; c < count; c++) {
      Kind kind = kinds[c];
      int group = groupOf[depthOf[c]];
      used[2 * group] |= kind != Kind.MLP;
      used[2 * group + 1] |= kind != Kind.ATTENTION;
    }
    int[] layerOf = new int[2 * groups];
    int slot = 0;
    for (int number = 0; number < used.length; number++) {
      if (used[number]) {
        if ((slot % 2 == 0) != (number % 2 == 0)) {
          slot++;
        }
        layerOf[number] = slot / 2;
        slot++;
      }
    }
    int layers = (slot + 1) / 2;
    // Each sub-layer's s-ops in group order: by depth (a condensed group is its first depth's s-ops, then
    // the next one's), then in graph order; a counting sort by depth, stable, so one walk over the components
    // (not one per depth: a deep generated program has hundreds of both).
    @SuppressWarnings("unchecked")
    List<SOp>[] attention = new List[layers];
    @SuppressWarnings("unchecked")
    List<SOp>[] mlp = new List[layers];
    for (int c : byDepth(depthOf, count, maxDepth)) {
      Kind kind = kinds[c];
      int group = groupOf[depthOf[c]];
      if (kind != Kind.MLP) {
        add(attention, layerOf[2 * group], components[c]);
      }
      if (kind != Kind.ATTENTION) {
        add(mlp, layerOf[2 * group + 1], components[c]);
      }
    }
    List<List<SOp>> attentionLayers = new ArrayList<>(layers);
    List<List<SOp>> mlpLayers = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      attentionLayers.add(attention[l] == null ? List.of() : attention[l]);
      mlpLayers.add(mlp[l] == null ? List.of() : mlp[l]);
    }
    return new LayerPlan(attentionLayers, mlpLayers);
  }

  /** The components {@code 0..count-1} ordered by depth, and within a depth in their own order. */
  static int[] byDepth(int[] depthOf, int count, int maxDepth) {
    int[] next = new int[maxDepth + 2]; // next[d]: where the next component of depth d goes
    for (int c = 0; c < count; c++) {
      next[depthOf[c] + 1]++;
    }
    for (int d = 1; d < next.length; d++) {
      next[d] += next[d - 1];
    }
    int[] order = new int[count];
    for (int c = 0; c < count; c++) {
      order[next[depthOf[c]]++] = c;
    }
    return order;
  }

  private static void add(List<SOp>[] layers, int layer, SOp sop) {
    if (layers[layer] == null) {
      layers[layer] = new ArrayList<>(2);
    }
    layers[layer].add(sop);
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
