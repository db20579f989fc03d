package org.tracr4j.craft.chamber;

import java.util.List;
import java.util.function.BiPredicate;
import org.tracr4j.craft.BasisDirection;

/**
 * A query-key predicate (query direction, key direction) that can also list every key one query selects at
 * once. An order comparison on numbers answers a query with a binary search in its sorted keys, where
 * {@link CategoricalAttention} would otherwise test all {@code |Q|·|K|} pairs (a sort's {@code <} on 800 keys
 * is 640,000 tests). Whatever the route, the selected keys must be exactly those {@link #test} accepts.
 */
public interface RowPredicate extends BiPredicate<BasisDirection, BasisDirection> {

  /** Takes one run of selected key positions, {@code from} inclusive to {@code to} exclusive. */
  @FunctionalInterface
  interface RunConsumer {
    void accept(int from, int to);
  }

  /** The keys each query selects, among the keys {@link #against} was given. */
  @FunctionalInterface
  interface Rows {
    /**
     * Hands the positions (in the key list) of the keys {@code query} selects to {@code runs}, as disjoint
     * non-empty runs in any order, each position once.
     */
    void selected(BasisDirection query, RunConsumer runs);
  }

  /** How queries select among {@code keys} (in this order), or null when only pair tests are available. */
  Rows against(List<BasisDirection> keys);
}
