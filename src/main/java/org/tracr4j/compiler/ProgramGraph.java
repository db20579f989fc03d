package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.rasp.ExpressionMap;
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
 * @param labels label of each expression (frozen)
 */
public record ProgramGraph(SOp output, List<RaspExpr> nodes, ExpressionMap<String> labels) {

  public ProgramGraph {
    nodes = List.copyOf(nodes);
    labels.freeze();
  }

  public static ProgramGraph of(SOp output) {
    // The nodes list is the breadth-first queue itself: nodes[next..] are found but not yet expanded.
    List<RaspExpr> nodes = new ArrayList<>();
    ExpressionMap<RaspExpr> seen = new ExpressionMap<>();
    seen.put(output, output);
    nodes.add(output);
    for (int next = 0; next < nodes.size(); next++) {
      List<RaspExpr> children = nodes.get(next).children();
      for (int i = 0; i < children.size(); i++) { // indexed: no iterator per expression
        RaspExpr child = children.get(i);
        if (seen.put(child, child) == null) {
          nodes.add(child);
        }
      }
    }
    return new ProgramGraph(output, nodes, assignLabels(nodes));
  }

  private static ExpressionMap<String> assignLabels(List<RaspExpr> nodes) {
    boolean[] ownsName = ownsName(nodes);
    ExpressionMap<String> labels = new ExpressionMap<>(nodes.size());
    Taken taken = new Taken(nodes.size());
    taken.add("tokens");
    taken.add("indices");
    taken.add("one");
    // First the unique user names, so that a generated label can never take one of them.
    boolean[] labelled = new boolean[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      RaspExpr expr = nodes.get(i);
      String label = expr instanceof Tokens ? "tokens"
          : expr instanceof Indices ? "indices"
          : ownsName[i] && taken.add(expr.name()) ? expr.name() : null;
      if (label != null) {
        labels.put(expr, label);
        labelled[i] = true;
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      RaspExpr expr = nodes.get(i);
      if (labelled[i]) {
        continue;
      }
      String label = expr.name() + "_" + (i + 1);
      while (!taken.add(label)) {
        label = label + "_";
      }
      labels.put(expr, label);
    }
    return labels;
  }

  /** Up to this many nodes, names are compared pairwise: cheaper than hashing them. */
  private static final int PAIRWISE = 24;

  /** For each node, whether it has a user name that no other node (primitives aside) carries. */
  private static boolean[] ownsName(List<RaspExpr> nodes) {
    int n = nodes.size();
    boolean[] owns = new boolean[n];
    if (n <= PAIRWISE) {
      // Each node's user name (null if it has none or is a primitive), read once: n interface calls, not n².
      String[] names = new String[n];
      for (int i = 0; i < n; i++) {
        names[i] = named(nodes.get(i)) ? nodes.get(i).meta().name() : null;
      }
      for (int i = 0; i < n; i++) {
        String name = names[i];
        boolean unique = name != null;
        for (int j = 0; j < n && unique; j++) {
          unique = j == i || names[j] == null || !names[j].equals(name);
        }
        owns[i] = unique;
      }
      return owns;
    }
    // Each user name's only expression, or SHARED where several expressions carry it.
    Map<String, Object> owners = new HashMap<>(2 * n);
    for (RaspExpr expr : nodes) {
      if (named(expr)) {
        owners.merge(expr.name(), expr, (first, second) -> SHARED);
      }
    }
    for (int i = 0; i < n; i++) {
      owns[i] = named(nodes.get(i)) && owners.get(nodes.get(i).name()) == nodes.get(i);
    }
    return owns;
  }

  private static boolean named(RaspExpr expr) {
    return expr.meta().hasName() && !isPrimitive(expr);
  }

  /** The labels taken so far: a list searched in order while small, a hash set beyond. */
  private static final class Taken {
    private final List<String> list;
    private final java.util.Set<String> set;

    Taken(int nodes) {
      list = nodes <= PAIRWISE ? new ArrayList<>(nodes + 3) : null;
      set = list == null ? new java.util.HashSet<>(2 * nodes + 6) : null;
    }

    /** Takes {@code label}; false if it was taken. */
    boolean add(String label) {
      if (set != null) {
        return set.add(label);
      }
      if (list.contains(label)) {
        return false;
      }
      list.add(label);
      return true;
    }
  }

  /** The owner of a name that several expressions carry. */
  private static final Object SHARED = new Object();

  private static boolean isPrimitive(RaspExpr expr) {
    return expr instanceof Tokens || expr instanceof Indices;
  }

  public String label(RaspExpr expr) {
    return labels.get(expr);
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
    for (int i = 0; i < nodes.size(); i++) { // indexed: no iterator per compile
      if (nodes.get(i) instanceof Tokens) {
        return true;
      }
    }
    return false;
  }
}
