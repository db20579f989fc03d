package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.craft.Bilinear;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorWidth;

/**
 * Moves heads and MLPs of Tracr's allocation to other layers where the dependencies allow, so that the
 * busiest layer needs fewer head slots and fewer MLP neurons: the model's head count and MLP width are the
 * largest over its layers, and every layer pays for them. The number of layers never changes. An aggregate
 * may run in any layer after its inputs are written and before its readers run; an aggregate whose
 * W_QK equals that of another aggregate in a layer shares that head (the assembler merges them), so it
 * costs no slot there. Selector widths (a head and an MLP bound to one layer) stay where they are.
 */
final class LayerBalancing {
  private static final int MAX_MOVES = 1_000;

  private final ProgramGraph graph;
  private final ExpressionMap<LoweredBlock> blocks;
  private final boolean mergesHeads;
  private final List<List<SOp>> attention = new ArrayList<>();
  private final List<List<SOp>> mlp = new ArrayList<>();
  // Who reads whom and which layers write what: built when a move is first considered (most programs have
  // no busiest layer that could give anything away).
  private Map<Long, List<SOp>> readers;
  private Map<Long, List<SOp>> reads;
  private Map<Long, Integer> attentionLayer;
  private Map<Long, Integer> mlpLayer;
  /** The moved s-ops and the layer Tracr's allocation gave them. */
  private final Map<SOp, Integer> moved = new java.util.LinkedHashMap<>();

  private LayerBalancing(ProgramGraph graph, LayerPlan plan, ExpressionMap<LoweredBlock> blocks, boolean mergesHeads) {
    this.graph = graph;
    this.blocks = blocks;
    this.mergesHeads = mergesHeads;
    for (int l = 0; l < plan.layers(); l++) {
      attention.add(new ArrayList<>(plan.attention().get(l)));
      mlp.add(new ArrayList<>(plan.mlp().get(l)));
    }
  }

  private void dependencies() {
    if (reads != null) {
      return;
    }
    readers = new HashMap<>();
    reads = new HashMap<>();
    attentionLayer = new HashMap<>();
    mlpLayer = new HashMap<>();
    for (int l = 0; l < attention.size(); l++) {
      for (SOp sop : attention.get(l)) {
        attentionLayer.put(sop.id(), l);
      }
      for (SOp sop : mlp.get(l)) {
        mlpLayer.put(sop.id(), l);
      }
    }
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (expr instanceof SOp sop) {
        List<SOp> inputs = new ArrayList<>();
        for (RaspExpr child : sop.children()) {
          collectSops(child, inputs);
        }
        reads.put(sop.id(), inputs);
        for (SOp input : inputs) {
          readers.computeIfAbsent(input.id(), k -> new ArrayList<>()).add(sop);
        }
      }
    }
  }

  /** The balanced plan, and for each moved expression a line saying where from. */
  record Result(LayerPlan plan, Map<String, String> moves) {}

  static Result balance(ProgramGraph graph, LayerPlan plan, ExpressionMap<LoweredBlock> blocks, boolean mergesHeads) {
    if (atMostOneEach(plan)) {
      // A layer of one head needs one slot, which any layer has; a layer of one MLP is as wide anywhere.
      return new Result(plan, Map.of());
    }
    LayerBalancing balancing = new LayerBalancing(graph, plan, blocks, mergesHeads);
    balancing.balanceHeads();
    balancing.balanceMlps();
    if (balancing.moved.isEmpty()) {
      return new Result(plan, Map.of()); // nothing moved: Tracr's allocation as it is
    }
    LayerPlan balanced = new LayerPlan(balancing.attention, balancing.mlp);
    Map<String, String> moves = new java.util.TreeMap<>();
    balancing.moved.forEach((sop, from) -> {
      int to = balanced.layerOf(sop);
      if (to != from) {
        moves.put(graph.label(sop), "layer " + to + " instead of Tracr's " + from + " (a less busy layer: fewer "
            + (sop instanceof Aggregate ? "head slots" : "MLP neurons") + " in the widest layer)");
      }
    });
    return new Result(balanced, moves);
  }

  /** Whether every layer has at most one head and at most one MLP: then no move makes a layer lighter. */
  private static boolean atMostOneEach(LayerPlan plan) {
    for (int l = 0; l < plan.layers(); l++) {
      if (plan.attention().get(l).size() > 1 || plan.mlp().get(l).size() > 1) {
        return false;
      }
    }
    return true;
  }

  private static void collectSops(RaspExpr expr, List<SOp> into) {
    if (expr instanceof SOp sop) {
      into.add(sop);
    } else {
      for (RaspExpr child : expr.children()) {
        collectSops(child, into);
      }
    }
  }

  /** Where an input's value is written: {attention layer, or -1; MLP layer, or -1}. */
  private int[] written(SOp sop) {
    return new int[] {attentionLayer.getOrDefault(sop.id(), -1), mlpLayer.getOrDefault(sop.id(), -1)};
  }

  /** The first and last layer where {@code sop} may run in the given sub-layer kind. */
  private int[] window(SOp sop, boolean inAttention) {
    dependencies();
    int earliest = 0;
    for (SOp input : reads.getOrDefault(sop.id(), List.of())) {
      int[] at = written(input);
      if (at[1] >= 0) {
        earliest = Math.max(earliest, at[1] + 1);
      } else if (at[0] >= 0) {
        earliest = Math.max(earliest, inAttention ? at[0] + 1 : at[0]);
      }
    }
    int latest = attention.size() - 1;
    for (SOp reader : readers.getOrDefault(sop.id(), List.of())) {
      int readerAttention = attentionLayer.getOrDefault(reader.id(), -1);
      int readerMlp = mlpLayer.getOrDefault(reader.id(), -1);
      if (readerAttention >= 0) {
        latest = Math.min(latest, readerAttention - 1);
      } else if (readerMlp >= 0) {
        latest = Math.min(latest, inAttention ? readerMlp : readerMlp - 1);
      }
    }
    return new int[] {earliest, latest};
  }

  private int slots(List<SOp> heads) {
    List<Bilinear> patterns = new ArrayList<>();
    int slots = 0;
    for (SOp sop : heads) {
      LoweredBlock block = blocks.get(sop);
      if (mergesHeads && block.mlp() == null) {
        if (patterns.contains(block.head().qk())) {
          continue;
        }
        patterns.add(block.head().qk());
      }
      slots++;
    }
    return slots;
  }

  private int width(List<SOp> mlps) {
    int width = 0;
    for (SOp sop : mlps) {
      width += blocks.get(sop).mlp().hiddenSpace().dims();
    }
    return width;
  }

  private void balanceHeads() {
    for (int move = 0; move < MAX_MOVES && moveOne(true); move++) {
      // each move lowers the busiest layer's load or the number of layers at that load
    }
  }

  private void balanceMlps() {
    for (int move = 0; move < MAX_MOVES && moveOne(false); move++) {
      // as above
    }
  }

  /** Moves one component off a busiest layer to a layer that stays below that load; false if none can. */
  private boolean moveOne(boolean heads) {
    List<List<SOp>> sublayer = heads ? attention : mlp;
    if (sublayer.size() < 2) {
      return false; // no other layer to move to
    }
    // Nothing changes until the move, so each layer's load is worked out once.
    int[] loads = new int[sublayer.size()];
    int busiest = 0;
    for (int l = 0; l < loads.length; l++) {
      loads[l] = load(sublayer.get(l), heads);
      busiest = Math.max(busiest, loads[l]);
    }
    if (busiest <= (heads ? 1 : 0)) {
      return false;
    }
    for (int l = 0; l < sublayer.size(); l++) {
      List<SOp> layer = sublayer.get(l);
      if (loads[l] != busiest) {
        continue;
      }
      for (int s = 0; s < layer.size(); s++) {
        SOp sop = layer.get(s);
        if (sop instanceof SelectorWidth || (heads && !(sop instanceof Aggregate))) {
          continue;
        }
        List<SOp> without = new ArrayList<>(layer);
        without.remove(sop);
        if (load(without, heads) >= busiest || !anyRoom(loads, l, busiest, heads ? 0 : width(List.of(sop)))) {
          continue;
        }
        int[] window = window(sop, heads);
        for (int t = window[0]; t <= window[1]; t++) {
          if (t == l) {
            continue;
          }
          List<SOp> with = new ArrayList<>(sublayer.get(t));
          with.add(sop);
          if (load(with, heads) < busiest) {
            moved.putIfAbsent(sop, l);
            layer.remove(sop);
            sublayer.get(t).add(sop);
            (heads ? attentionLayer : mlpLayer).put(sop.id(), t);
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether some layer but {@code from} is light enough to take a component of width {@code width} (0 for a
   * head, which adds at most one slot) and stay below {@code busiest}: if none is, the move's window need
   * not be worked out.
   */
  private static boolean anyRoom(int[] loads, int from, int busiest, int width) {
    for (int t = 0; t < loads.length; t++) {
      if (t != from && loads[t] + width < busiest) {
        return true;
      }
    }
    return false;
  }

  private int load(List<SOp> layer, boolean heads) {
    return heads ? slots(layer) : width(layer);
  }
}
