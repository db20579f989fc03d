package org.tracr4j.compiler.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.Meta;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Exhaustive;

class DisjointWidthSplitTest {
  private final Select less = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LT);
  private final Select equal = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.EQ);
  private final Select atMost = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.LEQ);
  private final Select notBelow = Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.GEQ);
  private final Select earlier = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.LT);
  private final Select later = Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.GT);
  private final DisjointWidthSplit rule = new DisjointWidthSplit();

  private static Selector or(Selector a, Selector b) {
    return new SelectorOr(a, b, Meta.selector());
  }

  private static Selector and(Selector a, Selector b) {
    return new SelectorAnd(a, b, Meta.selector());
  }

  private static Selector not(Selector a) {
    return new SelectorNot(a, Meta.selector());
  }

  /** Weiss's stable sort: the tokens smaller, plus the equal tokens earlier. */
  private Selector stableSort() {
    return or(less, and(equal, earlier));
  }

  @Test
  void theWidthOfADisjointOrIsTheSumOfTwoWidths() {
    SOp split = (SOp) rule.apply(Rasp.selectorWidth(stableSort())).orElseThrow();
    assertThat(split).isInstanceOf(SequenceMap.class);
    assertThat(split.children()).allMatch(child -> child instanceof SelectorWidth);
    assertAgreesEverywhere(split);
  }

  @Test
  void aNumericalWidthBecomesALinearSum() {
    SOp split = (SOp) rule.apply(Rasp.numerical(Rasp.selectorWidth(stableSort()))).orElseThrow();
    assertThat(split).isInstanceOf(LinearSequenceMap.class);
    assertThat(split.isNumerical()).isTrue();
    assertAgreesEverywhere(split);
  }

  /** not (k >= q) admits only k < q, which excludes k == q; not (a or b) requires not a and not b. */
  @Test
  void negatedComparisonsAreRequiredToo() {
    List<Selector> disjoint = List.of(
        or(not(notBelow), and(equal, earlier)),
        or(equal, not(or(atMost, earlier))),
        or(and(later, less), and(equal, earlier)));
    for (Selector selector : disjoint) {
      assertThat(DisjointWidthSplit.disjoint(((SelectorOr) selector).first(), ((SelectorOr) selector).second()))
          .as("%s", selector).isTrue();
      assertAgreesEverywhere((SOp) rule.apply(Rasp.selectorWidth(selector)).orElseThrow());
    }
  }

  @Test
  void overlappingOrUnrelatedSidesAreNotSplit() {
    List<Selector> notDisjoint = List.of(
        or(atMost, equal),                                   // k == q meets both
        or(less, earlier),                                   // different s-ops: nothing is known
        or(less, Rasp.select(Rasp.tokens(), Rasp.tokens(), (k, q) -> k.equals(q))), // a lambda
        or(not(and(less, earlier)), equal));                 // not (a and b) requires nothing
    for (Selector selector : notDisjoint) {
      assertThat(rule.apply(Rasp.selectorWidth(selector))).as("%s", selector).isEmpty();
    }
  }

  /**
   * The compiler compiles both routes and keeps the cheaper with no more layers: at a small size the
   * product route's tuples are smaller, at a larger one the split is; the model agrees either way.
   */
  @Test
  void theCompilerKeepsTheCheaperRoute() {
    SOp program = Rasp.selectorWidth(stableSort()).named("target");
    for (int size : List.of(3, 8)) {
      List<Value> vocab = java.util.stream.LongStream.rangeClosed(1, size).mapToObj(Value::of).toList();
      CompileOptions options = CompileOptions.of(vocab, size + 2);
      Model chosen = Compiler.compile(program, options).model();
      Model product = Compiler.compile(Rewriter.standard().rewrite(program), options).model();
      Model split = Compiler.compile(Rewriter.splittingDisjointWidths().rewrite(program), options).model();
      assertThat(chosen.config().layers()).isLessThanOrEqualTo(product.config().layers());
      assertThat(chosen.params()).isEqualTo(Math.min(product.params(),
          split.config().layers() <= product.config().layers() ? split.params() : Long.MAX_VALUE));
      List<Value> input = vocab.subList(0, Math.min(vocab.size(), 4)).reversed();
      assertThat(chosen.run(input).stream().map(Value::ofJava).toList())
          .isEqualTo(Interpreter.standard().evaluate(program, input));
    }
    CompileOptions large = CompileOptions.of(
        java.util.stream.LongStream.rangeClosed(1, 8).mapToObj(Value::of).toList(), 10);
    assertThat(Compiler.compile(program, large).model().metadata().get(Compiler.REWRITES))
        .contains("DisjointWidthSplit");
  }

  private static void assertAgreesEverywhere(SOp program) {
    CompileOptions options = CompileOptions.of(SameSelection.VOCAB, 4);
    Exhaustive.assertAgrees(program, options);
    Exhaustive.assertAgrees(program, options.withCausal(true));
  }
}
