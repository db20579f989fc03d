package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorOr;

class MergeAlignedSelectsTest {
  private final MergeAlignedSelects rule = new MergeAlignedSelects();

  @Test
  void selectsOverTheSameKeysAndQueriesMerge() {
    Select less = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.LT);
    Select greater = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GT);
    for (var before : java.util.List.of(new SelectorAnd(less, greater, Meta.selector()),
        new SelectorOr(less, greater, Meta.selector()))) {
      Select after = (Select) rule.apply(before).orElseThrow();
      assertThat(after.keys()).isSameAs(Rasp.tokens());
      assertThat(after.queries()).isSameAs(Rasp.indices());
      assertSameSelection(before, after);
    }
  }

  @Test
  void aConstantSideIsAbsorbed() {
    Select byToken = Rasp.select(Rasp.tokens(), Rasp.full(1), Comparison.GEQ);
    Select byIndex = Rasp.select(Rasp.full(1), Rasp.indices(), Comparison.LEQ);
    SelectorAnd before = new SelectorAnd(byToken, byIndex, Meta.selector());
    Select after = (Select) rule.apply(before).orElseThrow();
    assertThat(after.keys()).isSameAs(Rasp.tokens());
    assertThat(after.queries()).isSameAs(Rasp.indices());
    assertSameSelection(before, after);
  }

  @Test
  void selectsOverDifferentSopsStayComposite() {
    Select byToken = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
    Select byIndex = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);
    assertThat(rule.apply(new SelectorAnd(byToken, byIndex, Meta.selector()))).isEmpty();
    assertThat(rule.apply(new SelectorOr(byToken, byIndex, Meta.selector()))).isEmpty();
  }
}
