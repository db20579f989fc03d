package org.tracr4j.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's ground-truth circuit: one node per component that computes an expression (an attention head,
 * or a layer's MLP neuron range; a selector width has one of each), and an edge from a node to every later
 * node that reads a residual feature it writes. Derived from the {@link Provenance} and the weights: a
 * node reads the residual rows its W_Q, W_K, W_V (or W_in columns) use and writes the residual columns its
 * W_O (or W_out rows) fill, so the edges are what the weights connect, not what the program says.
 *
 * <p>This is what circuit-discovery methods (ACDC and the like) are scored against; {@code config.json}
 * stores it under {@code tracr4j.circuit} (docs/model-format.md).
 *
 * @param residualLabels the model's residual labels, for {@link #labels}
 * @param nodes by layer, the attention nodes of a layer (by head index) before its MLP nodes (by neuron)
 * @param edges from a node to each node that reads what it writes, by node index
 */
public record Circuit(List<String> residualLabels, List<Node> nodes, List<Edge> edges) {

  public Circuit {
    residualLabels = List.copyOf(residualLabels);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** Which sub-layer a node is in. */
  public enum Component {
    ATTN, MLP;

    /** The TransformerLens hook where a node's output is read in layer {@code l}. */
    public String hook(int layer) {
      return switch (this) {
        case ATTN -> "blocks." + layer + ".attn.hook_z";
        case MLP -> "blocks." + layer + ".mlp.hook_post";
      };
    }
  }

  /**
   * One component computing one expression.
   *
   * @param expression the expression's label
   * @param kind the expression's kind ({@code aggregate}, {@code map}, …)
   * @param layer the layer
   * @param component attention head or MLP neurons
   * @param heads the head indices in that layer (attention; empty for MLP nodes)
   * @param neurons {@code [start, end)} of the layer's MLP neurons (MLP; empty for attention nodes)
   * @param reads the residual indices it reads, ascending
   * @param writes the residual indices it writes, ascending
   */
  public record Node(String expression, String kind, int layer, Component component, List<Integer> heads,
      List<Integer> neurons, List<Integer> reads, List<Integer> writes) {
    public Node {
      heads = List.copyOf(heads);
      neurons = List.copyOf(neurons);
      reads = List.copyOf(reads);
      writes = List.copyOf(writes);
    }

    public String hook() {
      return component.hook(layer);
    }

    /** True if this node's sub-layer runs before {@code other}'s. */
    boolean runsBefore(Node other) {
      return layer < other.layer || layer == other.layer && component == Component.ATTN
          && other.component == Component.MLP;
    }
  }

  /** {@code from} writes a feature that {@code to} reads. */
  public record Edge(int from, int to) {}

  /** The circuit of a compiled model; empty if the model has no provenance. */
  public static Optional<Circuit> of(Model model) {
    return model.provenance().map(provenance -> of(model, provenance));
  }

  private static Circuit of(Model model, Provenance provenance) {
    ModelConfig c = model.config();
    Weights w = model.weights();
    List<Node> nodes = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = w.layers().get(l);
      Provenance.Layer placed = provenance.layers().get(l);
      List<Provenance.Head> heads = new ArrayList<>(placed.heads());
      heads.sort((a, b) -> Integer.compare(a.index(), b.index()));
      for (Provenance.Head head : heads) {
        List<Integer> writes = headWrites(c, layer, head.index());
        List<Integer> reads = headReads(c, layer, head.index());
        if (placed.headsAt(head.index()).size() > 1) {
          // A shared head: this expression writes its own features, from the value rows that reach them.
          writes = writes.stream().filter(r -> head.expression().equals(provenance.residual().get(r).expression()))
              .toList();
          reads = sharedHeadReads(c, layer, head.index(), writes);
        }
        nodes.add(new Node(head.expression(), kind(provenance, head.expression()), l, Component.ATTN,
            List.of(head.index()), List.of(), reads, writes));
      }
      for (Provenance.Neurons range : placed.mlp()) {
        nodes.add(new Node(range.expression(), kind(provenance, range.expression()), l, Component.MLP, List.of(),
            List.of(range.start(), range.end()), neuronReads(c, layer, range), neuronWrites(c, layer, range)));
      }
    }
    List<Edge> edges = new ArrayList<>();
    for (int from = 0; from < nodes.size(); from++) {
      for (int to = 0; to < nodes.size(); to++) {
        if (nodes.get(from).runsBefore(nodes.get(to))
            && !Collections.disjoint(nodes.get(from).writes(), nodes.get(to).reads())) {
          edges.add(new Edge(from, to));
        }
      }
    }
    return new Circuit(model.residualLabels(), nodes, edges);
  }

  /** The residual labels of {@code indices} (a node's reads or writes). */
  public List<String> labels(List<Integer> indices) {
    return indices.stream().map(residualLabels::get).toList();
  }

  /** The nodes reachable from {@code node} along edges, {@code node} excluded, ascending. */
  public Set<Integer> descendants(int node) {
    Set<Integer> reached = new TreeSet<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(node));
    while (!queue.isEmpty()) {
      int current = queue.poll();
      for (Edge edge : edges) {
        if (edge.from() == current && reached.add(edge.to())) {
          queue.add(edge.to());
        }
      }
    }
    return Collections.unmodifiableSet(reached);
  }

  /**
   * {@code model} with node {@code node} zero-ablated: its heads' outputs (their W_O) or its neurons' outputs
   * (their W_out rows) set to zero, as zeroing {@code hook_z} or {@code hook_post} there would (compiled models
   * have no biases). The provenance is kept.
   */
  public Model zeroAblated(Model model, int node) {
    Node n = nodes.get(node);
    ModelConfig c = model.config();
    Weights w = model.weights();
    Weights.Layer layer = w.layers().get(n.layer());
    switch (n.component()) {
      case ATTN -> {
        // Only the node's own output columns: a shared head computes other expressions too.
        for (int h : n.heads()) {
          for (int k = 0; k < c.dHead(); k++) {
            for (int r : n.writes()) {
              layer.wO()[Weights.outputIndex(c, h, k, r)] = 0;
            }
          }
        }
      }
      case MLP -> java.util.Arrays.fill(layer.wOut(), n.neurons().get(0) * c.dModel(),
          n.neurons().get(1) * c.dModel(), 0);
    }
    return Model.takingOwnership(c, w, model.vocabulary(), model.output(), model.metadata(),
        model.provenance().orElseThrow());
  }

  private static String kind(Provenance provenance, String expression) {
    return provenance.expression(expression).map(Provenance.Expression::kind).orElse("unknown");
  }

  private static List<Integer> headReads(ModelConfig c, Weights.Layer layer, int h) {
    List<Integer> reads = new ArrayList<>();
    for (int r = 0; r < c.dModel(); r++) {
      for (int k = 0; k < c.dHead(); k++) {
        int i = Weights.qkvIndex(c, h, r, k);
        if (layer.wQ()[i] != 0 || layer.wK()[i] != 0 || layer.wV()[i] != 0) {
          reads.add(r);
          break;
        }
      }
    }
    return reads;
  }

  /** The rows W_Q or W_K read, and the W_V rows whose values reach one of {@code writes} through W_O. */
  private static List<Integer> sharedHeadReads(ModelConfig c, Weights.Layer layer, int h, List<Integer> writes) {
    boolean[] feeds = new boolean[c.dHead()];
    for (int k = 0; k < c.dHead(); k++) {
      for (int r : writes) {
        feeds[k] |= layer.wO()[Weights.outputIndex(c, h, k, r)] != 0;
      }
    }
    List<Integer> reads = new ArrayList<>();
    for (int r = 0; r < c.dModel(); r++) {
      for (int k = 0; k < c.dHead(); k++) {
        int i = Weights.qkvIndex(c, h, r, k);
        if (layer.wQ()[i] != 0 || layer.wK()[i] != 0 || (feeds[k] && layer.wV()[i] != 0)) {
          reads.add(r);
          break;
        }
      }
    }
    return reads;
  }

  private static List<Integer> headWrites(ModelConfig c, Weights.Layer layer, int h) {
    List<Integer> writes = new ArrayList<>();
    for (int r = 0; r < c.dModel(); r++) {
      for (int k = 0; k < c.dHead(); k++) {
        if (layer.wO()[Weights.outputIndex(c, h, k, r)] != 0) {
          writes.add(r);
          break;
        }
      }
    }
    return writes;
  }

  private static List<Integer> neuronReads(ModelConfig c, Weights.Layer layer, Provenance.Neurons range) {
    List<Integer> reads = new ArrayList<>();
    for (int r = 0; r < c.dModel(); r++) {
      for (int j = range.start(); j < range.end(); j++) {
        if (layer.wIn()[r * c.dMlp() + j] != 0) {
          reads.add(r);
          break;
        }
      }
    }
    return reads;
  }

  private static List<Integer> neuronWrites(ModelConfig c, Weights.Layer layer, Provenance.Neurons range) {
    List<Integer> writes = new ArrayList<>();
    for (int r = 0; r < c.dModel(); r++) {
      for (int j = range.start(); j < range.end(); j++) {
        if (layer.wOut()[j * c.dModel() + r] != 0) {
          writes.add(r);
          break;
        }
      }
    }
    return writes;
  }
}
