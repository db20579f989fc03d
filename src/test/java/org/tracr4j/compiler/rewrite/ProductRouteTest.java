package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.compiler.rewrite.SameSelection.assertSameSelection;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.testing.Exhaustive;

class ProductRouteTest {
  private final Select less = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT);
  private final Select equal = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
  private final Select earlier = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);

  private Selector stableSort() {
    return new SelectorOr(less, new SelectorAnd(equal, earlier, Meta.selector()), Meta.selector());
  }

  @Test
  void anOrBecomesOneSelectOnTuplesOfItsKeysAndQueries() {
    Selector before = stableSort();
    Select after = (Select) ProductRoute.forOr().apply(before).orElseThrow();
    // Keys and queries are both (tokens, indices): one tuple s-op serves both sides.
    assertThat(after.keys()).isSameAs(after.queries()).isInstanceOf(SequenceMap.class);
    assertThat(after.keys().children()).containsExactly(Rasp.tokens(), Rasp.indices());
    assertSameSelection(before, after);
  }

  @Test
  void differentKeyAndQuerySopsGiveTwoTuples() {
    Select mixed = Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GT);
    Selector before = new SelectorOr(mixed, earlier, Meta.selector());
    Select after = (Select) ProductRoute.forOr().apply(before).orElseThrow();
    assertThat(after.keys()).isNotSameAs(after.queries());
    assertSameSelection(before, after);
  }

  @Test
  void aConstantSideIsReadAsItsValue() {
    Select byConstant = Rasp.select(Rasp.full(1), Rasp.tokens(), Comparison.LT);
    Selector before = new SelectorOr(byConstant, earlier, Meta.selector());
    Select after = (Select) ProductRoute.forOr().apply(before).orElseThrow();
    assertThat(after.keys()).isSameAs(Rasp.indices());
    assertSameSelection(before, after);
  }

  @Test
  void theCompilersRuleLeavesAndsToTheSummedQkHead() {
    assertThat(ProductRoute.forOr().apply(new SelectorAnd(equal, earlier, Meta.selector()))).isEmpty();
    Selector and = new SelectorAnd(equal, earlier, Meta.selector());
    assertSameSelection(and, (Selector) ProductRoute.forAndAndOr().apply(and).orElseThrow());
  }

  @Test
  void theProductRouteCompilesExactlyForAndsAndOrs() {
    CompileOptions options = CompileOptions.of(SameSelection.VOCAB, 4);
    Rewriter product = new Rewriter(List.of(ProductRoute.forAndAndOr()));
    for (Selector selector : List.of(stableSort(), new SelectorAnd(equal, earlier, Meta.selector()))) {
      SOp program = product.rewrite(Rasp.selectorWidth(selector));
      Exhaustive.assertAgrees(program, options);
      Exhaustive.assertAgrees(program, options.withCausal(true));
    }
  }

  /** Causal fuzzing, seed 8000753: an or whose tuple may be none was compiled wrong; now it is rejected. */
  @Test
  void anOrOverAnSopThatMayBeNoneIsRejectedNotMiscompiled() {
    SOp maybeNone = org.tracr4j.rasp.Library.shiftBy(1, Rasp.tokens()).named("shifted");
    Selector either = new SelectorOr(Rasp.select(maybeNone, maybeNone, (k, q) -> org.tracr4j.rasp.ValueOperations.equal(k, q)),
        Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LEQ), Meta.selector());
    SOp program = Rasp.selectorWidth(either);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.tracr4j.compiler.Compiler.compile(program,
        CompileOptions.of(SameSelection.VOCAB, 3)))
        .isInstanceOf(org.tracr4j.UnsupportedProgramException.class)
        .satisfies(e -> assertThat(((org.tracr4j.UnsupportedProgramException) e).rules())
            .contains(org.tracr4j.RuleCode.SELECTS_ON_NONE));
  }
}
