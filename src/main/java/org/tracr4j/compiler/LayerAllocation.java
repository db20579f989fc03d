package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
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

  private final Map<Long, Integer> depths = new HashMap<>();

  private LayerAllocation() {}

  static LayerPlan allocate(ProgramGraph graph) {
    return new LayerAllocation().plan(graph);
  }

  private LayerPlan plan(ProgramGraph graph) {
    // Components in graph insertion order, grouped by depth.
    TreeMap<Integer, List<SOp>> byDepth = new TreeMap<>();
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof SOp sop && kind(sop) != null) {
        byDepth.computeIfAbsent(depth(sop), d -> new ArrayList<>()).add(sop);
      }
    }
    List<List<SOp>> condensed = condense(byDepth);
    // Sub-layer numbers: attention 2(d-1), MLP 2(d-1)+1; a selector width takes both.
    TreeMap<Integer, List<SOp>> subLayers = new TreeMap<>();
    for (int i = 0; i < condensed.size(); i++) {
      for (SOp sop : condensed.get(i)) {
        int base = 2 * i;
        switch (kind(sop)) {
          case ATTENTION -> subLayers.computeIfAbsent(base, k -> new ArrayList<>()).add(sop);
          case MLP -> subLayers.computeIfAbsent(base + 1, k -> new ArrayList<>()).add(sop);
          case BOTH -> {
            subLayers.computeIfAbsent(base, k -> new ArrayList<>()).add(sop);
            subLayers.computeIfAbsent(base + 1, k -> new ArrayList<>()).add(sop);
          }
        }
      }
    }
    // Packing into slots attn0, mlp0, attn1, mlp1, ...
    List<List<SOp>> attention = new ArrayList<>();
    List<List<SOp>> mlp = new ArrayList<>();
    int slot = 0;
    for (Map.Entry<Integer, List<SOp>> entry : subLayers.entrySet()) {
      boolean isAttention = entry.getKey() % 2 == 0;
      if ((slot % 2 == 0) != isAttention) {
        slot++;
      }
      int layer = slot / 2;
      while (attention.size() <= layer) {
        attention.add(new ArrayList<>());
        mlp.add(new ArrayList<>());
      }
      (isAttention ? attention : mlp).get(layer).addAll(entry.getValue());
      slot++;
    }
    return new LayerPlan(attention, mlp);
  }

  /** Step 2: merge depth d+1 into d where d is all attention and d+1 all MLP (empty groups pass both). */
  private static List<List<SOp>> condense(TreeMap<Integer, List<SOp>> byDepth) {
    List<List<SOp>> groups = new ArrayList<>();
    if (byDepth.isEmpty()) {
      return groups;
    }
    for (int d = byDepth.firstKey(); d <= byDepth.lastKey(); d++) {
      groups.add(new ArrayList<>(byDepth.getOrDefault(d, List.of())));
    }
    int d = 0;
    while (d < groups.size() - 1) {
      boolean allAttention = groups.get(d).stream().allMatch(s -> kind(s) == Kind.ATTENTION);
      boolean nextAllMlp = groups.get(d + 1).stream().allMatch(s -> kind(s) == Kind.MLP);
      if (allAttention && nextAllMlp) {
        groups.get(d).addAll(groups.remove(d + 1));
      }
      d++;
    }
    return groups;
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
    Integer known = depths.get(expr.id());
    if (known != null) {
      return known;
    }
    int childMax = 0;
    for (RaspExpr child : expr.children()) {
      childMax = Math.max(childMax, depth(child));
    }
    int depth = expr instanceof Selector || expr.children().isEmpty() ? childMax : childMax + 1;
    depths.put(expr.id(), depth);
    return depth;
  }
}
