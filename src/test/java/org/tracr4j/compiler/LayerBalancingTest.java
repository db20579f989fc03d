package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions.Mode;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.SOp;
import org.tracr4j.testing.Exhaustive;
import org.tracr4j.testing.Sequences;

class LayerBalancingTest {
  private static final CompileOptions OPTIONS = CompileOptions.of(Sequences.charVocab("()"), 5);

  @Test
  void shuffleDyckMovesLastZeroToTheFreeHeadSlotOfTheLastLayer() {
    SOp program = Library.makeShuffleDyck(List.of("()"));
    CompiledProgram exact = Compiler.compile(program, OPTIONS);
    CompiledProgram tracr = Compiler.compile(program, OPTIONS.withMode(Mode.TRACR));
    Model model = exact.model();
    assertThat(model.config().heads()).isEqualTo(1);
    assertThat(model.config().layers()).isLessThanOrEqualTo(tracr.model().config().layers());
    assertThat(model.metadata().get(Compiler.CONSTRUCTIONS)).contains("last_zero: layer 4 instead of Tracr's 3");
    assertThat(exact.plan().attention()).allMatch(layer -> layer.size() <= 2);
    assertThat(tracr.model().config().heads()).isEqualTo(2);
    assertThat(Exhaustive.assertAgrees(program, OPTIONS)).isPositive();
  }

  @Test
  void aProgramWithoutSlackKeepsTracrsAllocation() {
    CompiledProgram sort = Compiler.compile(Library.makeSortUnique(org.tracr4j.rasp.Rasp.tokens(),
        org.tracr4j.rasp.Rasp.tokens()), CompileOptions.of(Sequences.intVocab(1, 2, 3), 4));
    assertThat(sort.model().metadata().getOrDefault(Compiler.CONSTRUCTIONS, "")).doesNotContain("instead of Tracr's");
  }
}
