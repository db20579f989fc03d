package org.tracr4j.compiler.rewrite;

import java.util.List;
import java.util.Optional;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;

/**
 * Applies rewrite rules to a program, bottom-up: each expression's operands first, then the rules at the
 * expression, in order, again on every result until none applies. Shared sub-expressions are rewritten once.
 * An expression whose operands did not change is kept as it is; one whose operands changed is rebuilt with
 * the same identity (name, origin, id), so labels and lookups by the original expressions still hold.
 */
public final class Rewriter {
  /** A rule that keeps applying to its own results is a bug; stop long before the stack would. */
  private static final int MAX_STEPS_AT_ONE_EXPRESSION = 1_000;

  private final List<RewriteRule> rules;

  /** The rules applied before an expression's operands ({@link RewriteRule#beforeOperands}). */
  private final List<RewriteRule> topDownRules;

  /**
   * Per expression class, the rules of {@link #rules} (and of {@link #topDownRules}) that can apply to it,
   * filled as classes are met. Not a {@link ClassValue}: the map fusion makes a rewriter per compile, and
   * every ClassValue leaves an entry in each class's own weak map until a collection clears it; with a
   * few hundred thousand compiles those maps filled with dead entries and a lookup slowed a whole compile
   * about tenfold for stretches of a second. Concurrent: the standard rewriters are shared by threads.
   */
  private final KindTable rulesByKind;
  private final KindTable topDownRulesByKind;

  public Rewriter(List<RewriteRule> rules) {
    this.rules = List.copyOf(rules);
    this.topDownRules = this.rules.stream().filter(RewriteRule::beforeOperands).toList();
    this.rulesByKind = new KindTable(this.rules);
    this.topDownRulesByKind = new KindTable(this.topDownRules);
  }

  /** The rules that can apply to each expression class, computed on first use. */
  private record KindTable(List<RewriteRule> rules,
      java.util.concurrent.ConcurrentHashMap<Class<?>, List<RewriteRule>> byClass) {
    KindTable(List<RewriteRule> rules) {
      this(rules, new java.util.concurrent.ConcurrentHashMap<>());
    }

    List<RewriteRule> get(Class<?> kind) {
      List<RewriteRule> known = byClass.get(kind);
      return known != null ? known : byClass.computeIfAbsent(kind, this::applyingTo);
    }

    private List<RewriteRule> applyingTo(Class<?> kind) {
      return rules.stream().filter(rule -> rule.kinds() == null || rule.kinds().contains(kind)).toList();
    }
  }

  /**
   * The compiler's rules: numerical inputs of categorical operations converted, negations pushed into
   * selects, aligned selects merged, then every OR that did not merge by the product route (ANDs stay: the
   * lowering computes an AND of selects in one head).
   */
  public static Rewriter standard() {
    return STANDARD;
  }

  // The rules hold no state, so both routes share them (and {@link #repeats} can compare them).
  private static final RewriteRule CATEGORICAL_INPUTS = new CategoricalInputs();
  private static final RewriteRule REMOVE_DOUBLE_NEGATION = new RemoveDoubleNegation();
  private static final RewriteRule PUSH_NEGATION_DOWN = new PushNegationDown();
  private static final RewriteRule NEGATE_SELECT = new NegateSelect();
  private static final RewriteRule MERGE_ALIGNED_SELECTS = new MergeAlignedSelects();
  private static final RewriteRule PRODUCT_ROUTE = ProductRoute.forOr();

  private static final Rewriter STANDARD = new Rewriter(List.of(CATEGORICAL_INPUTS, REMOVE_DOUBLE_NEGATION,
      PUSH_NEGATION_DOWN, NEGATE_SELECT, MERGE_ALIGNED_SELECTS, PRODUCT_ROUTE));

  private static final Rewriter SPLITTING_DISJOINT_WIDTHS = new Rewriter(List.of(CATEGORICAL_INPUTS,
      REMOVE_DOUBLE_NEGATION, PUSH_NEGATION_DOWN, new DisjointWidthSplit(), NEGATE_SELECT, MERGE_ALIGNED_SELECTS,
      PRODUCT_ROUTE));

  /**
   * {@link #standard()} with the width of a disjoint OR split into a sum of widths
   * ({@link DisjointWidthSplit}) before any OR goes by the product route: the second route the exact mode
   * compiles, keeping the cheaper model that has no more layers.
   */
  public static Rewriter splittingDisjointWidths() {
    return SPLITTING_DISJOINT_WIDTHS;
  }

  /**
   * Whether this rewriter gives {@code result} on the program that {@code other} rewrote to {@code result},
   * without running: this rewriter's rules are {@code other}'s with some left out, in the same order, and
   * none of those left out applied. At every step {@code other} then chose the rule this rewriter chooses
   * (the rules left out all declined), so both passes take the same steps (rules are pure functions of
   * the expression). Most programs meet no disjoint OR, so the exact mode's two routes are one pass.
   */
  public boolean repeats(Rewriter other, Result result) {
    int next = 0;
    for (int r = 0; r < other.rules.size(); r++) { // indexed: no iterator per compile
      RewriteRule rule = other.rules.get(r);
      if (next < rules.size() && rules.get(next) == rule) {
        next++;
      } else if (appliedAny(result, rule)) {
        return false;
      }
    }
    return next == rules.size();
  }

  private static boolean appliedAny(Result result, RewriteRule rule) {
    if (result.applied().isEmpty()) {
      return false; // the usual case, without the rule's name
    }
    String name = rule.getClass().getSimpleName();
    for (Applied applied : result.applied()) {
      if (applied.rule().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One application of a rule.
   *
   * @param rule the rule's class name
   * @param expression the rewritten expression's description (name, and origin when known)
   */
  public record Applied(String rule, String expression) {}

  /**
   * The rewritten program and the rules applied, in order.
   *
   * @param program the rewritten output s-op
   * @param applied every rule application
   */
  public record Result(SOp program, List<Applied> applied) {
    public Result {
      applied = List.copyOf(applied);
    }
  }

  public SOp rewrite(SOp program) {
    return rewriteLogged(program).program();
  }

  public Result rewriteLogged(SOp program) {
    if (rules.isEmpty()) {
      return new Result(program, List.of());
    }
    Pass pass = new Pass();
    SOp rewritten = (SOp) pass.rewrite(program);
    return new Result(rewritten, pass.applied);
  }

  public Selector rewrite(Selector selector) {
    return (Selector) new Pass().rewrite(selector);
  }

  /** One rewrite of one program, with its memo. */
  private final class Pass {
    private final ExpressionMap<RaspExpr> done = new ExpressionMap<>();
    /** Every expression the rewritten program can contain so far (results of {@link #rewrite}), by id. */
    private final ExpressionMap<RaspExpr> existing = new ExpressionMap<>();
    private final List<Applied> applied = new java.util.ArrayList<>();

    RaspExpr rewrite(RaspExpr expr) {
      RaspExpr known = done.get(expr);
      if (known != null) {
        return known;
      }
      // Negations go down before the operands are rewritten. Bottom-up, a NOT over an OR would meet the OR
      // already turned into a product-route select, and negating that select flips its "a none tuple
      // selects" guard (ProductRoute), so the none analysis no longer rejects what the model cannot select
      // (causal fuzz, program seed 22041979, compiled wrong).
      RaspExpr start = expr;
      for (int step = 0; step < MAX_STEPS_AT_ONE_EXPRESSION; step++) {
        Optional<RaspExpr> pushed = firstApplying(start, topDownRulesByKind.get(start.getClass()));
        if (pushed.isEmpty()) {
          break;
        }
        start = pushed.get();
      }
      RaspExpr current = withRewrittenOperands(start);
      if (start != expr) {
        current = withMeta(current, expr.meta());
      }
      for (int step = 0; ; step++) {
        if (step == MAX_STEPS_AT_ONE_EXPRESSION) {
          throw new IllegalStateException("rewrite rules do not terminate at " + expr.describe());
        }
        Optional<RaspExpr> next = firstApplying(current);
        if (next.isEmpty()) {
          break;
        }
        RaspExpr result = next.get();
        if (result instanceof SOp != current instanceof SOp) {
          throw new IllegalStateException("a rewrite rule turned " + current.describe() + " into " + result);
        }
        if (existing.containsKey(result)) {
          current = result;
          break;
        }
        // A new expression: rewrite its operands (the rule may have built new ones), then look again.
        RaspExpr rebuilt = withRewrittenOperands(result);
        current = withMeta(rebuilt, current.meta());
      }
      done.put(expr, current);
      existing.put(current, current);
      return current;
    }

    /**
     * {@code expr} with its operands rewritten: {@code expr} itself when none changed (most do not), so
     * that nothing is allocated for them.
     */
    private RaspExpr withRewrittenOperands(RaspExpr expr) {
      List<RaspExpr> operands = expr.children();
      RaspExpr[] rewritten = null;
      for (int i = 0; i < operands.size(); i++) {
        RaspExpr operand = operands.get(i);
        RaspExpr result = rewrite(operand);
        if (result != operand && rewritten == null) {
          rewritten = operands.toArray(new RaspExpr[0]);
        }
        if (rewritten != null) {
          rewritten[i] = result;
        }
      }
      return rewritten == null ? expr : withOperands(expr, java.util.Arrays.asList(rewritten));
    }

    private Optional<RaspExpr> firstApplying(RaspExpr expr) {
      return firstApplying(expr, rulesByKind.get(expr.getClass()));
    }

    private Optional<RaspExpr> firstApplying(RaspExpr expr, List<RewriteRule> rules) {
      for (int i = 0; i < rules.size(); i++) { // indexed: no iterator per expression
        RewriteRule rule = rules.get(i);
        Optional<RaspExpr> result = rule.apply(expr);
        if (result.isPresent()) {
          applied.add(new Applied(rule.getClass().getSimpleName(), expr.describe()));
          return result;
        }
      }
      return Optional.empty();
    }
  }

  /** {@code expr} with new operands (in {@link RaspExpr#children()} order) and its own identity. */
  private static RaspExpr withOperands(RaspExpr expr, List<RaspExpr> operands) {
    if (sameObjects(operands, expr.children())) {
      return expr;
    }
    return switch (expr) {
      case Tokens t -> t;
      case Indices i -> i;
      case Length l -> l;
      case Full f -> f;
      case ElementwiseMap m -> new ElementwiseMap(m.function(), sop(operands, 0), m.meta());
      case SequenceMap m -> new SequenceMap(m.function(), sop(operands, 0), sop(operands, 1), m.meta());
      case LinearSequenceMap m -> new LinearSequenceMap(sop(operands, 0), sop(operands, 1), m.firstFactor(),
          m.secondFactor(), m.meta());
      case Aggregate a -> new Aggregate(selector(operands, 0), sop(operands, 1), a.defaultValue(), a.meta());
      case SelectorWidth w -> new SelectorWidth(selector(operands, 0), w.meta());
      case Select s -> new Select(sop(operands, 0), sop(operands, 1), s.predicate(), s.meta());
      case SelectorAnd s -> new SelectorAnd(selector(operands, 0), selector(operands, 1), s.meta());
      case SelectorOr s -> new SelectorOr(selector(operands, 0), selector(operands, 1), s.meta());
      case SelectorNot s -> new SelectorNot(selector(operands, 0), s.meta());
    };
  }

  /** {@code expr} (built by a rule, operands final) with the identity of the expression it replaces. */
  private static RaspExpr withMeta(RaspExpr expr, Meta meta) {
    return switch (expr) {
      case SOp sop -> sop.withMeta(meta);
      case Select s -> new Select(s.keys(), s.queries(), s.predicate(), meta);
      case SelectorAnd s -> new SelectorAnd(s.first(), s.second(), meta);
      case SelectorOr s -> new SelectorOr(s.first(), s.second(), meta);
      case SelectorNot s -> new SelectorNot(s.inner(), meta);
    };
  }

  /** Records compare by id; an operand rewritten to a new object with the same id still changed. */
  private static boolean sameObjects(List<RaspExpr> left, List<RaspExpr> right) {
    for (int i = 0; i < left.size(); i++) {
      if (left.get(i) != right.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static SOp sop(List<RaspExpr> operands, int index) {
    return (SOp) operands.get(index);
  }

  private static Selector selector(List<RaspExpr> operands, int index) {
    return (Selector) operands.get(index);
  }
}
