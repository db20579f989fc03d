package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;

class NegateSelectTest {
  private final NegateSelect rule = new NegateSelect();

  @Test
  void theNegationOfASelectIsASelectWithTheNegatedPredicate() {
    Select lessThan = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.LT);
    SelectorNot before = new SelectorNot(lessThan, Meta.selector());
    Select after = (Select) rule.apply(before).orElseThrow();
    assertThat(after.keys()).isSameAs(Rasp.tokens());
    assertThat(after.queries()).isSameAs(Rasp.indices());
    assertSameSelection(before, after);
  }

  @Test
  void itDoesNotApplyToTheNegationOfACombination() {
    Select a = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
    Select b = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);
    assertThat(rule.apply(new SelectorNot(new SelectorAnd(a, b, Meta.selector()), Meta.selector()))).isEmpty();
    assertThat(rule.apply(a)).isEmpty();
  }
}
