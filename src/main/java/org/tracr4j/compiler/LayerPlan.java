package org.tracr4j.compiler;

import java.util.List;
import org.tracr4j.rasp.SOp;

/**
 * Which s-op is computed where (tracr-reference §2.4): for each transformer layer, the s-ops whose attention
 * heads run in its attention sub-layer (in head order) and the s-ops whose MLPs run in its MLP sub-layer.
 * A selector width appears in both (its head in layer l, its decoding MLP in the same layer's MLP).
 *
 * @param attention per layer, the aggregates and selector widths of its attention sub-layer
 * @param mlp per layer, the maps, sequence maps and selector widths of its MLP sub-layer
 */
public record LayerPlan(List<List<SOp>> attention, List<List<SOp>> mlp) {
  public LayerPlan {
    attention = copies(attention);
    mlp = copies(mlp);
    if (attention.size() != mlp.size()) {
      throw new IllegalArgumentException("attention and mlp plans differ in length");
    }
  }

  /** An unmodifiable copy of each layer's list, in an unmodifiable list. */
  private static List<List<SOp>> copies(List<List<SOp>> layers) {
    @SuppressWarnings("unchecked")
    List<SOp>[] copied = new List[layers.size()];
    for (int l = 0; l < copied.length; l++) {
      copied[l] = List.copyOf(layers.get(l));
    }
    return List.of(copied);
  }

  public int layers() {
    return attention.size();
  }

  /** The layer of every s-op the plan places, by id (the first layer listing it). */
  public java.util.Map<Long, Integer> layersById() {
    java.util.Map<Long, Integer> layers = new java.util.HashMap<>();
    for (int l = layers() - 1; l >= 0; l--) {
      for (SOp sop : attention.get(l)) {
        layers.put(sop.id(), l);
      }
      for (SOp sop : mlp.get(l)) {
        layers.put(sop.id(), l);
      }
    }
    return layers;
  }

  /** The layer whose sub-layers compute {@code sop}, or -1 for inputs (tokens, indices). */
  public int layerOf(SOp sop) {
    for (int l = 0; l < layers(); l++) {
      if (attention.get(l).contains(sop) || mlp.get(l).contains(sop)) {
        return l;
      }
    }
    return -1;
  }
}
