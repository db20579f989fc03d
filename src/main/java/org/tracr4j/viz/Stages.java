package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.viz.Placement.Component;

/**
 * Names of the trace stages and components: stage 0 is the embedding, stage {@code 1 + 2l} the residual
 * after layer l's attention, {@code 2 + 2l} after its MLP.
 */
final class Stages {
  private Stages() {}

  static String name(int stage) {
    if (stage == 0) {
      return "embed";
    }
    int layer = (stage - 1) / 2;
    return "L" + layer + ((stage - 1) % 2 == 0 ? " attn" : " mlp");
  }

  /** {@code L1 attn H0}, {@code L0 mlp n0–19}. */
  static String location(Component component) {
    return switch (component.sublayer()) {
      case ATTENTION -> "L" + component.layer() + " attn H"
          + String.join(",", component.units().stream().map(String::valueOf).toList());
      case MLP -> "L" + component.layer() + " mlp n" + ranges(component.units());
    };
  }

  /** Several components: {@code L0 attn H0, mlp n0–11} (the layer named once when it repeats). */
  static String locations(List<Component> components) {
    StringBuilder out = new StringBuilder();
    int layer = -1;
    for (Component component : components) {
      String one = location(component);
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(component.layer() == layer ? one.substring(one.indexOf(' ') + 1) : one);
      layer = component.layer();
    }
    return out.toString();
  }

  /** Ascending integers as ranges: {@code 0–19,24}. */
  static String ranges(List<Integer> units) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < units.size()) {
      int j = i;
      while (j + 1 < units.size() && units.get(j + 1) == units.get(j) + 1) {
        j++;
      }
      parts.add(i == j ? String.valueOf(units.get(i)) : units.get(i) + "–" + units.get(j));
      i = j + 1;
    }
    return String.join(",", parts);
  }
}
