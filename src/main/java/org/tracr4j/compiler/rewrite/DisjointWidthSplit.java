package org.tracr4j.compiler.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tracr4j.rasp.BinaryFunction;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.ValueOperations;

/**
 * The width of an OR of two selectors that never select the same key for the same query is the sum of
 * their widths: two selector widths (each side an AND of selects is one summed-QK head) and one
 * discretising sum, instead of the product route's tuples, whose value sets multiply.
 *
 * <pre>
 *   selector_width(a or b)   →   sequence_map((x, y) -> x + y, selector_width(a), selector_width(b))
 *                                (numerical: numerical(linear_sequence_map(…, 1, 1)))
 *   when a and b are disjoint
 * </pre>
 * Disjoint is proved without value sets: each side must satisfy some comparison on the same keys and
 * queries (a select it is the AND of, possibly negated), and the two comparisons admit no common key-query
 * relation ({@code <}, {@code ==}, {@code >}: at most one holds for any pair of values, since equal values
 * order as equal and unorderable values fail to order). Weiss's stable sort is the example:
 * {@code select(tokens, tokens, <) or (select(tokens, tokens, ==) and select(indices, indices, <))}.
 * Exact per query: the keys of {@code a or b} are those of a plus those of b when none is in both; the causal
 * mask removes the same keys from all three. Runs before the operands are rewritten (the OR is still an
 * OR, not yet a product-route select). Whether it beats the product route (it adds an MLP after the widths,
 * which can cost a layer where the product route's tuple MLP fits an earlier one) is decided by compiling
 * both ({@code BuildMode.routes}).
 */
public final class DisjointWidthSplit implements RewriteRule {
  @Override
  public boolean beforeOperands() {
    return true;
  }

  @Override
  public java.util.Set<Class<? extends RaspExpr>> kinds() {
    return java.util.Set.of(SelectorWidth.class);
  }

  @Override
  public Optional<RaspExpr> apply(RaspExpr expr) {
    if (!(expr instanceof SelectorWidth width) || !(width.selector() instanceof SelectorOr or)
        || !disjoint(or.first(), or.second())) {
      return Optional.empty();
    }
    SOp first = Rasp.selectorWidth(or.first());
    SOp second = Rasp.selectorWidth(or.second());
    if (width.isNumerical()) {
      return Optional.of(Rasp.numerical(Rasp.linearSequenceMap(Rasp.numerical(first), Rasp.numerical(second),
          1L, 1L)));
    }
    return Optional.of(Rasp.sequenceMap(BinaryFunction.described("(x, y) -> x + y",
        ValueOperations::add), first, second));
  }

  /** True when some comparison every selection of {@code a} meets excludes one of {@code b}'s. */
  static boolean disjoint(Selector a, Selector b) {
    for (Leaf x : requiredLeaves(a)) {
      for (Leaf y : requiredLeaves(b)) {
        if (x.keys().equals(y.keys()) && x.queries().equals(y.queries()) && (x.relations() & y.relations()) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A comparison on keys and queries, as the set of relations it admits: bit 0 {@code k < q}, bit 1
   * {@code k == q}, bit 2 {@code k > q}.
   */
  private record Leaf(SOp keys, SOp queries, int relations) {}

  /** The comparisons a selector's every selected pair satisfies (its AND-conjuncts that are comparisons). */
  private static List<Leaf> requiredLeaves(Selector selector) {
    List<Leaf> leaves = new ArrayList<>();
    collect(selector, false, leaves);
    return leaves;
  }

  private static void collect(Selector selector, boolean negated, List<Leaf> leaves) {
    switch (selector) {
      case Select s when s.predicate() instanceof Comparison c -> {
        int relations = relations(c);
        leaves.add(new Leaf(s.keys(), s.queries(), negated ? ~relations & 0b111 : relations));
      }
      case SelectorAnd s when !negated -> {
        collect(s.first(), false, leaves);
        collect(s.second(), false, leaves);
      }
      // not (a or b) = (not a) and (not b): both are required.
      case SelectorOr s when negated -> {
        collect(s.first(), true, leaves);
        collect(s.second(), true, leaves);
      }
      case SelectorNot s -> collect(s.inner(), !negated, leaves);
      default -> { }
    }
  }

  private static int relations(Comparison c) {
    return switch (c) {
      case LT -> 0b001;
      case EQ -> 0b010;
      case GT -> 0b100;
      case LEQ -> 0b011;
      case GEQ -> 0b110;
      case NEQ -> 0b101;
      case TRUE -> 0b111;
      case FALSE -> 0b000;
    };
  }
}
