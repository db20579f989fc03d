package org.tracr4j.compiler.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.tracr4j.rasp.BinaryFunction;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;

/**
 * Fuses an unnamed categorical element-wise map that exactly one expression reads into that expression,
 * so that the map needs no MLP (and often no layer) of its own. Named maps keep their residual features.
 *
 * <pre>
 *   map(f, sequence_map(g, x, y))           →   sequence_map((a, b) -> f(g(a, b)), x, y)
 *   sequence_map(g, map(f, x), y)           →   sequence_map((a, b) -> g(f(a), b), x, y)
 *   select(k, map(f, q), p)                 →   select(k, q, (a, b) -> p(a, f(b)))
 * </pre>
 * (and the same for the second operand of a sequence map and the keys of a select). Each fused function
 * does what RASP does between the two expressions: an input that is none gives none (a map keeps none,
 * a sequence map of a none is none), and a select compares with the map's result, none included. The
 * inner s-ops {@code x}, {@code y}, {@code q} must be categorical, as the outer expression's operands were.
 * Whether a map may fuse into a sequence map or into a select's keys (where its input may have more
 * values than its result) is the caller's cost decision ({@code mayWiden}).
 */
public final class FuseMaps {
  private FuseMaps() {}

  /**
   * {@code program} with every fusable map fused.
   *
   * @param mayWiden whether a map may be replaced by its input where the reader's width grows with the
   *     number of values (a sequence map's table, a select's keys)
   */
  public static Rewriter.Result fuse(SOp program, Predicate<ElementwiseMap> mayWiden) {
    return fuse(program, distinctExpressions(program), mayWiden);
  }

  /**
   * {@link #fuse(SOp, Predicate)}, given every expression of {@code program} once ({@code distinct}, in any
   * order: the compiler's graph has them already).
   */
  public static Rewriter.Result fuse(SOp program, List<RaspExpr> distinct, Predicate<ElementwiseMap> mayWiden) {
    Set<Long> singleUse = new HashSet<>();
    if (!hasCandidate(distinct, singleUse)) {
      return new Rewriter.Result(program, List.of());
    }
    Predicate<SOp> fusable = sop -> !sop.meta().hasName() && singleUse.contains(sop.id()) && sop.isCategorical();
    return new Rewriter(List.of(new MapOfSequenceMap(fusable), new SequenceMapOfMap(fusable, mayWiden),
        new SelectOfMap(fusable, mayWiden))).rewriteLogged(program);
  }

  /**
   * Fills {@code singleUse} with the ids of the expressions read by exactly one expression, once (the output
   * is read by none); whether some unnamed map or sequence map is read once, by an expression a rule could
   * fuse it into (most programs have none: no rewrite pass then). Reads are counted only where some
   * unnamed map or sequence map is read by such an expression at all.
   */
  private static boolean hasCandidate(List<RaspExpr> distinct, Set<Long> singleUse) {
    boolean maybe = false;
    for (int i = 0; i < distinct.size() && !maybe; i++) { // indexed, as below: no iterators per compile
      maybe = readsUnnamedMap(distinct.get(i), null);
    }
    if (!maybe) {
      return false;
    }
    Map<Long, Integer> uses = new HashMap<>();
    for (RaspExpr expr : distinct) {
      for (RaspExpr child : expr.children()) {
        uses.merge(child.id(), 1, Integer::sum);
      }
    }
    uses.forEach((id, count) -> {
      if (count == 1) {
        singleUse.add(id);
      }
    });
    for (int i = 0; i < distinct.size(); i++) {
      if (readsUnnamedMap(distinct.get(i), singleUse)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code expr} is a map, sequence map or select reading an unnamed map or sequence map (one read
   * once only, when {@code singleUse} is given).
   */
  private static boolean readsUnnamedMap(RaspExpr expr, Set<Long> singleUse) {
    if (expr instanceof ElementwiseMap || expr instanceof SequenceMap || expr instanceof Select) {
      List<RaspExpr> children = expr.children();
      for (int i = 0; i < children.size(); i++) {
        RaspExpr child = children.get(i);
        if ((child instanceof ElementwiseMap || child instanceof SequenceMap) && !child.meta().hasName()
            && (singleUse == null || singleUse.contains(child.id()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<RaspExpr> distinctExpressions(SOp program) {
    List<RaspExpr> distinct = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    seen.add(program.id());
    distinct.add(program);
    for (int next = 0; next < distinct.size(); next++) {
      for (RaspExpr child : distinct.get(next).children()) {
        if (seen.add(child.id())) {
          distinct.add(child);
        }
      }
    }
    return distinct;
  }

  private static boolean categoricalMap(SOp sop, Predicate<SOp> fusable) {
    return sop instanceof ElementwiseMap m && fusable.test(m) && m.inner().isCategorical();
  }

  /** RASP's map: none stays none. */
  private static Value applyMap(UnaryFunction f, Value x) {
    return x.isNone() ? Value.NONE : f.apply(x);
  }

  /**
   * One operand of a fused expression: the map's input and function where the map is fused into its
   * reader, else the operand itself ({@code map} null).
   */
  private record Operand(SOp sop, UnaryFunction map) {
    static Operand of(SOp operand, boolean fused) {
      return fused ? new Operand(((ElementwiseMap) operand).inner(), ((ElementwiseMap) operand).function())
          : new Operand(operand, null);
    }

    boolean fused() {
      return map != null;
    }

    /** What the unfused operand holds where its input holds {@code x} (a map without a result: none). */
    Value value(Value x) {
      if (map == null) {
        return x;
      }
      Value y = applyMap(map, x);
      return y == null ? Value.NONE : y;
    }

    /** The operand in a fused function's description, {@code parameter} naming the input. */
    String describe(String parameter) {
      return map == null ? parameter : "(" + map + ")(" + parameter + ")";
    }
  }

  /** {@code map(f, sequence_map(g, x, y))} → one sequence map. */
  static final class MapOfSequenceMap implements RewriteRule {
    private final Predicate<SOp> fusable;

    MapOfSequenceMap(Predicate<SOp> fusable) {
      this.fusable = fusable;
    }

    @Override
    public Optional<RaspExpr> apply(RaspExpr expr) {
      if (expr instanceof ElementwiseMap m && m.inner() instanceof SequenceMap s && fusable.test(s)
          && s.first().isCategorical() && s.second().isCategorical()) {
        UnaryFunction f = m.function();
        BinaryFunction g = s.function();
        BinaryFunction h = BinaryFunction.described("(x, y) -> (" + f + ")((" + g + ")(x, y))", (x, y) -> {
          Value z = g.apply(x, y);
          return z == null || z.isNone() ? Value.NONE : f.apply(z);
        });
        return Optional.of(new SequenceMap(h, s.first(), s.second(), Meta.sop().encoded(m.encoding())));
      }
      return Optional.empty();
    }
  }

  /** {@code sequence_map(g, map(f, x), y)} (either operand) → one sequence map. */
  static final class SequenceMapOfMap implements RewriteRule {
    private final Predicate<SOp> fusable;
    private final Predicate<ElementwiseMap> mayWiden;

    SequenceMapOfMap(Predicate<SOp> fusable, Predicate<ElementwiseMap> mayWiden) {
      this.fusable = fusable;
      this.mayWiden = mayWiden;
    }

    @Override
    public Optional<RaspExpr> apply(RaspExpr expr) {
      if (!(expr instanceof SequenceMap s) || s.first().equals(s.second())) {
        return Optional.empty();
      }
      Operand first = Operand.of(s.first(),
          categoricalMap(s.first(), fusable) && mayWiden.test((ElementwiseMap) s.first()));
      Operand second = Operand.of(s.second(),
          categoricalMap(s.second(), fusable) && mayWiden.test((ElementwiseMap) s.second()));
      if (!first.fused() && !second.fused()) {
        return Optional.empty();
      }
      BinaryFunction g = s.function();
      BinaryFunction h = BinaryFunction.described("(x, y) -> (" + g + ")(" + first.describe("x") + ", "
          + second.describe("y") + ")", (x, y) -> {
            Value a = first.value(x);
            Value b = second.value(y);
            return a.isNone() || b.isNone() ? Value.NONE : g.apply(a, b);
          });
      return Optional.of(new SequenceMap(h, first.sop(), second.sop(), Meta.sop().encoded(s.encoding())));
    }
  }

  /** {@code select(k, map(f, q), p)} (queries always, keys when they may widen) → one select. */
  static final class SelectOfMap implements RewriteRule {
    private final Predicate<SOp> fusable;
    private final Predicate<ElementwiseMap> mayWiden;

    SelectOfMap(Predicate<SOp> fusable, Predicate<ElementwiseMap> mayWiden) {
      this.fusable = fusable;
      this.mayWiden = mayWiden;
    }

    @Override
    public Optional<RaspExpr> apply(RaspExpr expr) {
      if (!(expr instanceof Select s) || s.keys().equals(s.queries())) {
        return Optional.empty();
      }
      Operand keys = Operand.of(s.keys(),
          categoricalMap(s.keys(), fusable) && mayWiden.test((ElementwiseMap) s.keys()));
      Operand queries = Operand.of(s.queries(), categoricalMap(s.queries(), fusable));
      if (!keys.fused() && !queries.fused()) {
        return Optional.empty();
      }
      SelectorPredicate p = s.predicate();
      SelectorPredicate fused = SelectorPredicate.described("(k, q) -> (" + p + ")(" + keys.describe("k") + ", "
          + queries.describe("q") + ")", (k, q) -> p.test(keys.value(k), queries.value(q)));
      return Optional.of(new Select(keys.sop(), queries.sop(), fused, Meta.selector()));
    }
  }
}
