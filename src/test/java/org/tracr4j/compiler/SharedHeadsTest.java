package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions.Mode;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.testing.Exhaustive;
import org.tracr4j.testing.Sequences;

/** Aggregates of one layer with the same attention pattern share one head in the exact mode. */
class SharedHeadsTest {
  private static final CompileOptions OPTIONS = CompileOptions.of(Sequences.charVocab("ab()"), 5);

  @Test
  void pairBalanceComputesOpensAndClosesInOneHead() {
    SOp program = Library.makePairBalance(Rasp.tokens(), "(", ")");
    Model exact = Compiler.compile(program, OPTIONS).model();
    Model tracr = Compiler.compile(program, OPTIONS.withMode(Mode.TRACR)).model();
    assertThat(exact.config().heads()).isEqualTo(1);
    assertThat(tracr.config().heads()).isEqualTo(2);
    Provenance.Layer layer = exact.provenance().orElseThrow().layers().get(1);
    assertThat(layer.headsAt(0)).extracting(Provenance.Head::expression).containsExactly("opens", "closes");
    assertThat(exact.metadata().get(Compiler.CONSTRUCTIONS))
        .contains("opens: head shared with closes (same attention pattern; 2 aggregates, one head)");
    assertThat(tracr.metadata()).doesNotContainKey(Compiler.CONSTRUCTIONS);
    assertThat(exact.params()).isLessThan(tracr.params());
  }

  @Test
  void sharedHeadsAgreeWithTheInterpreterOnEveryInput() {
    for (SOp program : List.of(Library.makePairBalance(Rasp.tokens(), "(", ")"),
        Library.makeShuffleDyck(List.of("()")))) {
      assertThat(Exhaustive.assertAgrees(program, OPTIONS)).isPositive();
      assertThat(Exhaustive.assertAgrees(program, OPTIONS.withCausal(true))).isPositive();
    }
  }

  @Test
  void differentPatternsKeepTheirOwnHeads() {
    // select_all and select_last differ: has_neg and last_zero never share.
    Model model = Compiler.compile(Library.makeShuffleDyck(List.of("()")), OPTIONS).model();
    for (Provenance.Layer layer : model.provenance().orElseThrow().layers()) {
      for (Provenance.Head head : layer.heads()) {
        if (head.expression().equals("has_neg")) {
          assertThat(layer.headsAt(head.index())).hasSize(1);
        }
      }
    }
  }
}
