package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Tokens;

/**
 * The program as a DAG (tracr-reference §2.1): every distinct expression once, in breadth-first order from
 * the output, each with a unique, deterministic label.
 *
 * <p>Labels: {@code tokens} and {@code indices} are fixed; an expression whose user-given name no other
 * expression in the program uses is labelled with that name (so {@code reverse = ...;} shows up as
 * {@code reverse:a} in the residual stream); unnamed expressions and repeated names get {@code name_k},
 * with k counting nodes in breadth-first order from 1, as Tracr's ids do in a fresh process.
 *
 * @param output the program's output s-op
 * @param nodes every expression once, breadth-first from the output (so the output comes first)
 * @param labels label of each expression, by id
 */
public record ProgramGraph(SOp output, List<RaspExpr> nodes, Map<Long, String> labels) {

  public ProgramGraph {
    nodes = List.copyOf(nodes);
    labels = Collections.unmodifiableMap(labels);
  }

  public static ProgramGraph of(SOp output) {
    // The nodes list is the breadth-first queue itself: nodes[next..] are found but not yet expanded.
    List<RaspExpr> nodes = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    seen.add(output.id());
    nodes.add(output);
    for (int next = 0; next < nodes.size(); next++) {
      for (RaspExpr child : nodes.get(next).children()) {
        if (seen.add(child.id())) {
          nodes.add(child);
        }
      }
    }
    return new ProgramGraph(output, nodes, assignLabels(nodes));
  }

  private static Map<Long, String> assignLabels(List<RaspExpr> nodes) {
    Map<String, Integer> nameUses = new HashMap<>();
    for (RaspExpr expr : nodes) {
      if (expr.meta().hasName() && !isPrimitive(expr)) {
        nameUses.merge(expr.name(), 1, Integer::sum);
      }
    }
    Map<Long, String> labels = new HashMap<>();
    java.util.Set<String> taken = new java.util.HashSet<>(List.of("tokens", "indices", "one"));
    // First the unique user names, so that a generated label can never take one of them.
    for (RaspExpr expr : nodes) {
      if (expr instanceof Tokens) {
        labels.put(expr.id(), "tokens");
      } else if (expr instanceof Indices) {
        labels.put(expr.id(), "indices");
      } else if (expr.meta().hasName() && nameUses.get(expr.name()) == 1 && taken.add(expr.name())) {
        labels.put(expr.id(), expr.name());
      }
    }
    int counter = 0;
    for (RaspExpr expr : nodes) {
      counter++;
      if (labels.containsKey(expr.id())) {
        continue;
      }
      String label = expr.name() + "_" + counter;
      while (!taken.add(label)) {
        label = label + "_";
      }
      labels.put(expr.id(), label);
    }
    return labels;
  }

  private static boolean isPrimitive(RaspExpr expr) {
    return expr instanceof Tokens || expr instanceof Indices;
  }

  public String label(RaspExpr expr) {
    return labels.get(expr.id());
  }

  /**
   * The expressions that read {@code expr}, in node order. Computed on each call (only views need it), not
   * built on every compile.
   */
  public List<RaspExpr> consumersOf(RaspExpr expr) {
    List<RaspExpr> consumers = new ArrayList<>();
    for (RaspExpr node : nodes) {
      if (node.children().contains(expr)) {
        consumers.add(node);
      }
    }
    return consumers;
  }

  /** True if the program reads the input tokens somewhere. */
  public boolean usesTokens() {
    for (RaspExpr node : nodes) {
      if (node instanceof Tokens) {
        return true;
      }
    }
    return false;
  }
}
