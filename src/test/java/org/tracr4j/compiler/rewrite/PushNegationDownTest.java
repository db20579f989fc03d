package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;

class PushNegationDownTest {
  private final PushNegationDown rule = new PushNegationDown();
  private final Select byToken = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT);
  private final Select byIndex = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.GT);

  @Test
  void notAndBecomesOrOfNots() {
    SelectorNot before = new SelectorNot(new SelectorAnd(byToken, byIndex, Meta.selector()), Meta.selector());
    Selector after = (Selector) rule.apply(before).orElseThrow();
    // The combinators negate each select at once, so De Morgan leaves an or of two selects.
    assertThat(after).isInstanceOf(SelectorOr.class);
    assertThat(((SelectorOr) after).first()).isInstanceOf(Select.class);
    assertSameSelection(before, after);
  }

  @Test
  void notOrBecomesAndOfNots() {
    SelectorNot before = new SelectorNot(new SelectorOr(byToken, byIndex, Meta.selector()), Meta.selector());
    Selector after = (Selector) rule.apply(before).orElseThrow();
    assertThat(after).isInstanceOf(SelectorAnd.class);
    assertSameSelection(before, after);
  }

  @Test
  void itDoesNotApplyToANegatedSelect() {
    assertThat(rule.apply(new SelectorNot(byToken, Meta.selector()))).isEmpty();
  }
}
