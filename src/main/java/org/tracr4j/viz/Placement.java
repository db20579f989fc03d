package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.Weights;

/**
 * Which attention heads and MLP neurons compute which expression.
 *
 * @param components every component that writes an expression's features, by layer, attention first
 */
public record Placement(List<Component> components) {

  /** The two kinds of sub-layer. */
  public enum Sublayer {
    ATTENTION, MLP
  }

  /**
   * Heads (attention) or hidden neurons (MLP) of one layer that compute one expression.
   *
   * @param units head indices, or neuron indices of the layer's MLP, ascending
   */
  public record Component(String expression, int layer, Sublayer sublayer, List<Integer> units) {
    public Component {
      units = List.copyOf(units);
    }

    /** The trace stage holding the residual after this component: 1 + the sub-layer's index. */
    int stage() {
      return 1 + 2 * layer + (sublayer == Sublayer.MLP ? 1 : 0);
    }
  }

  public Placement {
    components = List.copyOf(components);
  }

  /**
   * Where the model computes each expression: its provenance record when it has one, else read off the
   * weights ({@link #fromWeights}).
   *
   * @param expressions the labels of the program's expressions (needed only without a record)
   */
  public static Placement of(Model model, Collection<String> expressions) {
    return model.provenance().map(Placement::fromProvenance).orElseGet(() -> fromWeights(model, expressions));
  }

  /** The heads and neuron ranges a model's provenance record lists, by layer, heads first. */
  public static Placement fromProvenance(Provenance provenance) {
    List<Component> components = new ArrayList<>();
    for (int l = 0; l < provenance.layers().size(); l++) {
      Provenance.Layer layer = provenance.layers().get(l);
      Map<String, List<Integer>> heads = new LinkedHashMap<>();
      layer.heads().stream().sorted(Comparator.comparingInt(Provenance.Head::index))
          .forEach(h -> heads.computeIfAbsent(h.expression(), k -> new ArrayList<>()).add(h.index()));
      for (Map.Entry<String, List<Integer>> owned : heads.entrySet()) {
        components.add(new Component(owned.getKey(), l, Sublayer.ATTENTION, owned.getValue()));
      }
      Map<String, List<Integer>> neurons = new LinkedHashMap<>();
      for (Provenance.Neurons range : layer.mlp()) {
        List<Integer> units = neurons.computeIfAbsent(range.expression(), k -> new ArrayList<>());
        for (int n = range.start(); n < range.end(); n++) {
          units.add(n);
        }
      }
      for (Map.Entry<String, List<Integer>> owned : neurons.entrySet()) {
        components.add(new Component(owned.getKey(), l, Sublayer.MLP, owned.getValue()));
      }
    }
    return new Placement(components);
  }

  /**
   * Reads placement off the weights, for a model without a provenance record (a format-1 directory): a
   * head belongs to the expression whose residual features its W_O writes, a neuron to the expression whose
   * features its row of W_out writes (the compiler gives every block its own output features, so each unit
   * writes one expression's). Units that write nothing are unused slots and belong to nobody.
   *
   * @param expressions the labels of the program's expressions (as in the residual labels)
   */
  public static Placement fromWeights(Model model, Collection<String> expressions) {
    FeatureMap features = FeatureMap.guessed(model.residualLabels(), expressions);
    ModelConfig c = model.config();
    Weights weights = model.weights();
    List<Component> components = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = weights.layers().get(l);
      Map<String, List<Integer>> heads = new LinkedHashMap<>();
      for (int h = 0; h < c.heads(); h++) {
        // A shared head writes the features of each aggregate it computes: it belongs to each of them.
        java.util.Set<String> owners = new java.util.LinkedHashSet<>();
        for (int r = 0; r < c.dModel(); r++) {
          for (int j = 0; j < c.dHead(); j++) {
            if (layer.wO()[Weights.outputIndex(c, h, j, r)] != 0) {
              owners.add(features.owner(r));
              break;
            }
          }
        }
        for (String owner : owners) {
          heads.computeIfAbsent(owner, k -> new ArrayList<>()).add(h);
        }
      }
      for (Map.Entry<String, List<Integer>> owned : heads.entrySet()) {
        components.add(new Component(owned.getKey(), l, Sublayer.ATTENTION, owned.getValue()));
      }
      Map<String, List<Integer>> neurons = new LinkedHashMap<>();
      for (int n = 0; n < c.dMlp(); n++) {
        for (int r = 0; r < c.dModel(); r++) {
          if (layer.wOut()[n * c.dModel() + r] != 0) {
            neurons.computeIfAbsent(features.owner(r), k -> new ArrayList<>()).add(n);
            break;
          }
        }
      }
      for (Map.Entry<String, List<Integer>> owned : neurons.entrySet()) {
        components.add(new Component(owned.getKey(), l, Sublayer.MLP, owned.getValue()));
      }
    }
    return new Placement(components);
  }

  /** The components computing {@code expression}, in layer order. */
  public List<Component> of(String expression) {
    return components.stream().filter(c -> c.expression().equals(expression)).toList();
  }
}
