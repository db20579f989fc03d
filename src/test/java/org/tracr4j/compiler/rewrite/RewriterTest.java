package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;

class RewriterTest {
  private final Rewriter rewriter = Rewriter.standard();
  private final Select less = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT);
  private final Select equal = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
  private final Select byIndex = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);

  @Test
  void aProgramWithNothingToRewriteIsReturnedAsItIs() {
    SOp program = Rasp.aggregate(less, Rasp.tokens()).named("out");
    assertThat(rewriter.rewrite(program)).isSameAs(program);
  }

  @Test
  void negationsEndInPredicatesAndAlignedSelectsMerge() {
    // not (not (a or b)) and not c, all over the same keys and queries: one select.
    Selector before = new SelectorAnd(
        new SelectorNot(new SelectorNot(new SelectorOr(less, equal, Meta.selector()), Meta.selector()),
            Meta.selector()),
        new SelectorNot(equal, Meta.selector()), Meta.selector());
    Selector after = rewriter.rewrite(before);
    assertThat(after).isInstanceOf(Select.class);
    assertSameSelection(before, after);
  }

  @Test
  void deMorganLeavesAnAndOrTreeOverSelects() {
    Selector before = new SelectorNot(new SelectorAnd(less, new SelectorNot(byIndex, Meta.selector()),
        Meta.selector()), Meta.selector());
    Rewriter negations = new Rewriter(List.of(new RemoveDoubleNegation(), new PushNegationDown(),
        new NegateSelect()));
    Selector after = negations.rewrite(before);
    assertThat(after).isInstanceOf(SelectorOr.class);
    assertThat(((SelectorOr) after).first()).isInstanceOf(Select.class);
    assertThat(((SelectorOr) after).second()).isInstanceOf(Select.class);
    assertSameSelection(before, after);
  }

  @Test
  void theStandardRulesPushNegationsFirstLeaveAndsOfSelectsAndTurnEveryOrIntoOneSelect() {
    // not (less or not byIndex) = (not less) and byIndex: the negation goes down before the or is
    // rewritten, so it stays an and of selects (one head); the other or becomes one select.
    Selector before = new SelectorAnd(new SelectorNot(new SelectorOr(less, new SelectorNot(byIndex,
        Meta.selector()), Meta.selector()), Meta.selector()), new SelectorOr(equal, byIndex, Meta.selector()),
        Meta.selector());
    Selector after = rewriter.rewrite(before);
    assertThat(after).isInstanceOf(SelectorAnd.class);
    SelectorAnd conjunction = (SelectorAnd) ((SelectorAnd) after).first();
    assertThat(conjunction.first()).isInstanceOf(Select.class);
    assertThat(conjunction.second()).isInstanceOf(Select.class);
    assertThat(((SelectorAnd) after).second()).isInstanceOf(Select.class);
    assertSameSelection(before, after);
  }

  @Test
  void aRewrittenExpressionKeepsTheIdentityAndNameOfWhatItReplaces() {
    Selector combined = new SelectorAnd(less, equal, Meta.selector()).named("both");
    SOp program = Rasp.aggregate(combined, Rasp.tokens()).named("out");
    SOp after = rewriter.rewrite(program);
    assertThat(after.id()).isEqualTo(program.id());
    assertThat(after.name()).isEqualTo("out");
    Selector selector = ((Aggregate) after).selector();
    assertThat(selector).isInstanceOf(Select.class);
    assertThat(selector.id()).isEqualTo(combined.id());
    assertThat(selector.name()).isEqualTo("both");
  }

  @Test
  void aSharedSubExpressionIsRewrittenOnce() {
    Selector shared = new SelectorNot(less, Meta.selector());
    SOp first = Rasp.aggregate(shared, Rasp.tokens());
    SOp second = Rasp.selectorWidth(shared);
    SOp after = rewriter.rewrite(Rasp.sequenceMap((x, y) -> x, first, second));
    List<?> operands = after.children();
    Selector left = ((Aggregate) operands.get(0)).selector();
    Selector right = ((org.tracr4j.rasp.SelectorWidth) operands.get(1)).selector();
    assertThat(left).isSameAs(right).isInstanceOf(Select.class);
  }

  @Test
  void aRouteWhoseExtraRuleNeverAppliedRepeatsTheShorterRoute() {
    Selector disjoint = new SelectorOr(less, new SelectorAnd(equal, byIndex, Meta.selector()), Meta.selector());
    SOp plain = Rasp.aggregate(new SelectorOr(less, byIndex, Meta.selector()), Rasp.tokens());
    Rewriter.Result split = Rewriter.splittingDisjointWidths().rewriteLogged(plain);
    assertThat(split.applied()).isNotEmpty();
    assertThat(rewriter.repeats(Rewriter.splittingDisjointWidths(), split)).isTrue();
    assertThat(rewriter.rewriteLogged(plain).applied()).isEqualTo(split.applied());

    Rewriter.Result widths = Rewriter.splittingDisjointWidths().rewriteLogged(Rasp.selectorWidth(disjoint));
    assertThat(widths.applied()).extracting(Rewriter.Applied::rule).contains("DisjointWidthSplit");
    assertThat(rewriter.repeats(Rewriter.splittingDisjointWidths(), widths)).isFalse();
  }

  @Test
  void aRouteWithRulesTheOtherLacksDoesNotRepeatIt() {
    SOp program = Rasp.aggregate(less, Rasp.tokens());
    Rewriter.Result none = new Rewriter(List.of()).rewriteLogged(program);
    assertThat(none.program()).isSameAs(program);
    assertThat(rewriter.repeats(new Rewriter(List.of()), none)).isFalse();
    assertThat(new Rewriter(List.of()).repeats(rewriter, rewriter.rewriteLogged(program))).isTrue();
  }
}
