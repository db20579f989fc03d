package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.craft.chamber.SelectorWidth;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Translates what the compiler knows about a program into the model's {@link Provenance}: the meaning of
 * each residual direction and the program's expressions. (Which head and neurons compute what is recorded
 * by the {@link Assembler} as it places them.)
 */
final class ProvenanceRecorder {
  private static final List<String> INPUTS = List.of("tokens", "indices");

  private ProvenanceRecorder() {}

  /** One feature per direction of {@code residual}, in its order. */
  static List<Provenance.Feature> residual(ProgramGraph graph, VectorSpace residual, BasisDirection one) {
    Map<String, SOp> sops = new HashMap<>();
    Map<String, SOp> intermediates = new HashMap<>(); // by the name of the direction (it has no value)
    Map<String, SOp> keyChannels = new HashMap<>();
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof SOp sop) {
        sops.put(graph.label(sop), sop);
        if (sop instanceof org.tracr4j.rasp.SelectorWidth) {
          intermediates.put(SelectorWidth.attentionOutput(graph.label(sop)).name(), sop);
        }
        if (sop instanceof org.tracr4j.rasp.Aggregate) {
          keyChannels.put(graph.label(sop) + AggregateContract.KEYS, sop);
        }
      }
    }
    List<Provenance.Feature> features = new ArrayList<>(residual.dims());
    List<BasisDirection> basis = residual.basis();
    // The basis is sorted by name, so the directions of one name are neighbours: look the name up once.
    for (int start = 0; start < basis.size(); ) {
      String name = basis.get(start).name();
      int end = start + 1;
      while (end < basis.size() && basis.get(end).name().equals(name)) {
        end++;
      }
      SOp owner = sops.get(name);
      SOp intermediate = intermediates.get(name);
      SOp keyChannel = keyChannels.get(name);
      boolean input = owner != null || INPUTS.contains(name);
      for (int i = start; i < end; i++) {
        features.add(feature(graph, basis.get(i), one, owner, intermediate, keyChannel, input));
      }
      start = end;
    }
    return features;
  }

  /**
   * The feature of {@code direction}, given what its name belongs to: the s-op labelled so, the selector
   * width whose attention output it is, the aggregate whose key channel it is, and whether it is an input
   * or an s-op's value direction at all.
   */
  private static Provenance.Feature feature(ProgramGraph graph, BasisDirection direction, BasisDirection one,
      SOp owner, SOp intermediate, SOp keyChannel, boolean input) {
    String label = direction.toString();
    if (direction.equals(one)) {
      return new Provenance.Feature(label, one.name(), Provenance.Role.ONE, Provenance.Encoding.NUMERICAL, null);
    } else if (intermediate != null && direction.value() == null) {
      return new Provenance.Feature(label, graph.label(intermediate), Provenance.Role.INTERMEDIATE,
          Provenance.Encoding.NUMERICAL, null);
    } else if (keyChannel != null) {
      // An aggregate's key channel: the share of its attention on each selected key's index.
      return new Provenance.Feature(label, graph.label(keyChannel), Provenance.Role.INTERMEDIATE,
          Provenance.Encoding.NUMERICAL, null);
    } else if (owner != null && owner.isNumerical()) {
      return new Provenance.Feature(label, direction.name(), Provenance.Role.VALUE, Provenance.Encoding.NUMERICAL,
          null);
    } else if (input && direction.value() instanceof Value value) {
      // tokens and indices are in every residual, also when the program does not read them.
      return new Provenance.Feature(label, direction.name(), Provenance.Role.VALUE,
          Provenance.Encoding.CATEGORICAL, value.toJava());
    }
    // Every direction a block reads or writes is one of the above; anything else is a compiler bug.
    throw new IllegalStateException("residual direction " + label + " belongs to no expression");
  }

  /**
   * Every expression of the graph, in graph order (the output first). Renamed copies of {@code tokens} or
   * {@code indices} ({@code keys = tokens;}) share the input's label and residual space: listed once.
   */
  static List<Provenance.Expression> expressions(ProgramGraph graph, LayerPlan plan,
      Map<Long, String> preconditions, Map<Long, String> neverNone) {
    List<Provenance.Expression> expressions = new ArrayList<>(graph.nodes().size());
    java.util.Set<String> listed = new java.util.HashSet<>();
    Map<Long, Integer> layers = plan.layersById();
    for (RaspExpr expr : graph.nodes()) {
      if (!listed.add(graph.label(expr))) {
        continue;
      }
      Provenance.Encoding encoding = null;
      int layer = -1;
      if (expr instanceof SOp sop) {
        encoding = sop.isNumerical() ? Provenance.Encoding.NUMERICAL : Provenance.Encoding.CATEGORICAL;
        layer = layers.getOrDefault(sop.id(), -1);
      }
      List<RaspExpr> children = expr.children();
      String[] inputs = new String[children.size()];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = graph.label(children.get(i));
      }
      expressions.add(new Provenance.Expression(graph.label(expr), expr.defaultName(), encoding, layer,
          List.of(inputs), expr.meta().origin(), preconditions.get(expr.id()), neverNone.get(expr.id())));
    }
    return expressions;
  }
}
