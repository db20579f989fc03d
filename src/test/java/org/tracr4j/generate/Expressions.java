package org.tracr4j.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tracr4j.rasp.RaspExpr;

/** Walks expression DAGs for the tests. */
final class Expressions {
  private Expressions() {}

  /** Every expression reachable from {@code root}, each once. */
  static List<RaspExpr> reachable(RaspExpr root) {
    List<RaspExpr> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    Deque<RaspExpr> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      RaspExpr expr = pending.pop();
      if (seen.add(expr.id())) {
        out.add(expr);
        pending.addAll(expr.children());
      }
    }
    return out;
  }
}
