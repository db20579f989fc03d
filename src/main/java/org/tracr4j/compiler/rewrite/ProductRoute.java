package org.tracr4j.compiler.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tracr4j.rasp.BinaryFunction;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * The product route for an OR that does not merge: one select on tuples of the differing keys and of the
 * differing queries, whose predicate evaluates the whole and/or tree. Always exact (no single head computes
 * an OR of selects over different s-ops: attention logits add across key features, so "either" cannot score
 * like "both" and above "neither"); it costs one categorical sequence map (an MLP) per tuple, whose value
 * set is the product of its parts'.
 *
 * <pre>
 *   select(k1, q1, p1) or (select(k1, q1, p2) and select(k2, q2, p3))
 *     →   select(K, Q, (K, Q) -> p1(K[0], Q[0]) or (p2(K[0], Q[0]) and p3(K[1], Q[1])))
 *         with K = sequence_map((x, y) -> (x, y), k1, k2), Q likewise (the same s-op when the lists agree)
 * </pre>
 * Applies to an OR (and, in {@link #forAndAndOr}, an AND) whose operands are and/or trees of selects (negations are already in the predicates). A
 * constant ({@code full}) side is read as its value, not as a tuple item. A tuple is none where one of its
 * items is; the predicate then claims to select, so the none analysis rejects an OR whose tuples may be none
 * (found by causal fuzzing: seed 8000753). Causal evaluation masks the tree and the select alike.
 */
public final class ProductRoute implements RewriteRule {
  private final boolean ands;

  private ProductRoute(boolean ands) {
    this.ands = ands;
  }

  /** The compiler's rule: ORs only (an AND of selects is one summed-QK head, which adds no layer). */
  public static ProductRoute forOr() {
    return new ProductRoute(false);
  }

  /** ANDs too: the product route for every combination, to compare its cost with the summed-QK head. */
  public static ProductRoute forAndAndOr() {
    return new ProductRoute(true);
  }

  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SelectorAnd.class, SelectorOr.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    boolean combination = expr instanceof SelectorOr || ands && expr instanceof SelectorAnd;
    if (!combination || !isTreeOfSelects((Selector) expr)) {
      return Optional.empty();
    }
    Selector or = (Selector) expr;
    List<Select> leaves = new ArrayList<>();
    collect(or, leaves);
    List<SOp> keys = distinct(leaves.stream().map(Select::keys).toList());
    List<SOp> queries = distinct(leaves.stream().map(Select::queries).toList());
    SOp keyTuple = tuple(keys);
    SOp queryTuple = keys.equals(queries) ? keyTuple : tuple(queries);
    Tree tree = tree(or, keys, queries);
    String source = "(k, q) -> " + tree.source();
    // A tuple is none where any item is, and a none key or query never attends in the model, while the
    // tree may still select there (one side of the or need not read the none item). Claiming that a none
    // tuple selects makes the none analysis reject such programs instead of compiling them wrong.
    SelectorPredicate predicate = SelectorPredicate.described(source,
        (key, query) -> key.isNone() || query.isNone() || tree.test(items(key, keys.size()), items(query, queries.size())));
    return Optional.of(Rasp.select(keyTuple, queryTuple, predicate));
  }

  static boolean isTreeOfSelects(Selector selector) {
    return switch (selector) {
      case Select s -> true;
      case SelectorAnd s -> isTreeOfSelects(s.first()) && isTreeOfSelects(s.second());
      case SelectorOr s -> isTreeOfSelects(s.first()) && isTreeOfSelects(s.second());
      default -> false;
    };
  }

  private static void collect(Selector selector, List<Select> leaves) {
    switch (selector) {
      case Select s -> leaves.add(s);
      case SelectorAnd s -> {
        collect(s.first(), leaves);
        collect(s.second(), leaves);
      }
      case SelectorOr s -> {
        collect(s.first(), leaves);
        collect(s.second(), leaves);
      }
      default -> throw new IllegalArgumentException("not an and/or tree of selects: " + selector);
    }
  }

  /** The s-ops in first-seen order, without repeats and without constants (they go into the predicate). */
  private static List<SOp> distinct(List<SOp> sops) {
    List<SOp> out = new ArrayList<>();
    for (SOp sop : sops) {
      if (!(sop instanceof Full) && !out.contains(sop)) {
        out.add(sop);
      }
    }
    return out;
  }

  /** One s-op as it is; several as a flat tuple built by sequence maps (pairs, then appends). */
  private static SOp tuple(List<SOp> sops) {
    if (sops.isEmpty()) {
      // Every side was a constant: any s-op will do as the tuple, the predicate ignores it.
      return Rasp.tokens();
    }
    if (sops.size() == 1) {
      return sops.get(0);
    }
    SOp tuple = Rasp.sequenceMap(BinaryFunction.described("(x, y) -> (x, y)",
        (x, y) -> new Value.Tuple(List.of(x, y))), sops.get(0), sops.get(1));
    for (SOp sop : sops.subList(2, sops.size())) {
      tuple = Rasp.sequenceMap(BinaryFunction.described("(x, y) -> (*x, y)", (x, y) -> {
        List<Value> items = new ArrayList<>(((Value.Tuple) x).items());
        items.add(y);
        return new Value.Tuple(items);
      }), tuple, sop);
    }
    return tuple;
  }

  /** The items of a tuple value (a single s-op's value is its own item); none gives none for every item. */
  private static List<Value> items(Value value, int size) {
    if (value.isNone()) {
      List<Value> nones = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        nones.add(Value.NONE);
      }
      return nones;
    }
    return size == 1 ? List.of(value) : ((Value.Tuple) value).items();
  }

  /** The selector tree as a predicate on tuple items. */
  private interface Tree {
    boolean test(List<Value> keys, List<Value> queries);

    String source();
  }

  private static Tree tree(Selector selector, List<SOp> keys, List<SOp> queries) {
    return switch (selector) {
      case Select s -> leaf(s, keys, queries);
      case SelectorAnd s -> combine(tree(s.first(), keys, queries), tree(s.second(), keys, queries), true);
      case SelectorOr s -> combine(tree(s.first(), keys, queries), tree(s.second(), keys, queries), false);
      default -> throw new IllegalArgumentException("not an and/or tree of selects: " + selector);
    };
  }

  private static Tree leaf(Select s, List<SOp> keys, List<SOp> queries) {
    int key = keys.indexOf(s.keys());
    int query = queries.indexOf(s.queries());
    Value keyConstant = s.keys() instanceof Full f ? f.fill() : null;
    Value queryConstant = s.queries() instanceof Full f ? f.fill() : null;
    String source = "(" + s.predicate() + ")(" + (key < 0 ? String.valueOf(keyConstant) : "k[" + key + "]") + ", "
        + (query < 0 ? String.valueOf(queryConstant) : "q[" + query + "]") + ")";
    return new Tree() {
      @Override
      public boolean test(List<Value> keyItems, List<Value> queryItems) {
        return s.predicate().test(key < 0 ? keyConstant : keyItems.get(key),
            query < 0 ? queryConstant : queryItems.get(query));
      }

      @Override
      public String source() {
        return source;
      }
    };
  }

  /** Both sides are evaluated, as the interpreter evaluates both matrices (a failing side fails the pair). */
  private static Tree combine(Tree first, Tree second, boolean conjunction) {
    return new Tree() {
      @Override
      public boolean test(List<Value> keyItems, List<Value> queryItems) {
        boolean a = first.test(keyItems, queryItems);
        boolean b = second.test(keyItems, queryItems);
        return conjunction ? a && b : a || b;
      }

      @Override
      public String source() {
        return "(" + first.source() + (conjunction ? " and " : " or ") + second.source() + ")";
      }
    };
  }
}
