package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;

/**
 * The rewriter offers an expression only to the rules whose {@link RewriteRule#kinds} name its class: a
 * rule that applied to a kind it does not list would silently stop applying. Every rule is tried on every
 * sub-expression of generated programs (before and after the standard rewrite, so that the selector trees
 * the rules build are met too).
 */
class RuleKindsTest {
  private static final List<RewriteRule> RULES = List.of(new CategoricalInputs(), new RemoveDoubleNegation(),
      new PushNegationDown(), new NegateSelect(), new MergeAlignedSelects(), ProductRoute.forOr(),
      ProductRoute.forAndAndOr(), new DisjointWidthSplit());

  @Test
  void everyRuleAppliesOnlyToTheKindsItLists() {
    List<Value> vocab = List.of(Value.of(1), Value.of(2), Value.of("a"));
    Random random = new Random(20261202);
    Set<String> appliedRules = new HashSet<>();
    // Two the generator rarely writes: a select of a numerical s-op, and a negated select.
    SOp numerical = Rasp.numerical(Rasp.map(UnaryFunction.described("x -> x", x -> x), Rasp.tokens()));
    List<SOp> programs = new java.util.ArrayList<>(List.of(
        Rasp.selectorWidth(Rasp.select(numerical, Rasp.tokens(), Comparison.EQ)),
        Rasp.selectorWidth(new SelectorNot(Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.LT), Meta.selector()))));
    for (int i = 0; i < 400; i++) {
      programs.add(new ProgramGenerator(GeneratorConfig.defaults(1 + random.nextInt(10), vocab, 4))
          .generate(7000 + i).program());
    }
    for (SOp program : programs) {
      for (SOp root : List.of(program, Rewriter.standard().rewrite(program))) {
        for (RaspExpr expr : subExpressions(root)) {
          for (RewriteRule rule : RULES) {
            if (rule.apply(expr).isPresent()) {
              appliedRules.add(rule.getClass().getSimpleName());
              assertThat(rule.kinds()).as(rule.getClass().getSimpleName() + " at " + expr.describe())
                  .contains(expr.getClass());
            }
          }
        }
      }
    }
    // The check saw rules apply (a corpus where none applies would prove nothing).
    assertThat(appliedRules).contains("CategoricalInputs", "NegateSelect", "ProductRoute", "PushNegationDown", "DisjointWidthSplit");
  }

  private static Set<RaspExpr> subExpressions(RaspExpr root) {
    Set<RaspExpr> seen = new HashSet<>();
    Deque<RaspExpr> work = new ArrayDeque<>(List.of(root));
    while (!work.isEmpty()) {
      RaspExpr expr = work.pop();
      if (seen.add(expr)) {
        work.addAll(expr.children());
      }
    }
    return seen;
  }
}
