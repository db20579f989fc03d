package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorNot;

class RemoveDoubleNegationTest {
  private final RemoveDoubleNegation rule = new RemoveDoubleNegation();

  @Test
  void twoNegationsCancel() {
    Select a = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
    Select b = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);
    Selector inner = new SelectorOr(a, b, Meta.selector());
    SelectorNot before = new SelectorNot(new SelectorNot(inner, Meta.selector()), Meta.selector());
    assertThat(rule.apply(before)).containsSame(inner);
    assertSameSelection(before, inner);
  }

  @Test
  void itDoesNotApplyToASingleNegation() {
    Select a = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
    assertThat(rule.apply(new SelectorNot(a, Meta.selector()))).isEmpty();
  }
}
