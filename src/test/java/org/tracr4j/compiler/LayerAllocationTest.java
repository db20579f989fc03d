package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;

class LayerAllocationTest {
  private static List<List<String>> labels(ProgramGraph graph, List<List<SOp>> layers) {
    return layers.stream().map(l -> l.stream().map(graph::label).toList()).toList();
  }

  @Test
  void componentsAreOrderedByDepthThenByTheirOwnOrder() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 1_000; trial++) {
      int count = random.nextInt(40);
      int maxDepth = 1 + random.nextInt(12);
      int[] depthOf = new int[count + random.nextInt(3)]; // the array may be longer than the components
      for (int c = 0; c < depthOf.length; c++) {
        depthOf[c] = random.nextInt(maxDepth + 1);
      }
      // What a stable sort by depth gives: the reference the counting sort must equal.
      List<Integer> expected = new ArrayList<>(IntStream.range(0, count).boxed().toList());
      expected.sort(Comparator.comparingInt(c -> depthOf[c]));
      assertThat(LayerAllocation.byDepth(depthOf, count, maxDepth)).containsExactly(
          expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void reverseTakesFourLayersAsInTracr() {
    ProgramGraph graph = ProgramGraph.of(Library.makeReverse(Rasp.tokens()));
    LayerPlan plan = LayerAllocation.allocate(graph);
    // tracr-reference §2.5: layer_0/attn, layer_0/mlp, layer_1/mlp, layer_2/mlp, layer_3/attn.
    assertThat(labels(graph, plan.attention()))
        .containsExactly(List.of("length"), List.of(), List.of(), List.of("reverse"));
    assertThat(labels(graph, plan.mlp()))
        .containsExactly(List.of("length"), List.of("opp_idx"), List.of("opp_idx-1"), List.of());
  }

  @Test
  void fracPrevsPutsItsMlpBeforeItsHead() {
    ProgramGraph graph = ProgramGraph.of(Library.makeFracPrevs(Rasp.tokens().eq("x").named("is_x")));
    LayerPlan plan = LayerAllocation.allocate(graph);
    assertThat(labels(graph, plan.mlp())).containsExactly(List.of("is_x"), List.of());
    assertThat(labels(graph, plan.attention())).containsExactly(List.of(), List.of("frac_prevs"));
  }

  @Test
  void attentionFollowedByMlpIsCondensedIntoOneLayer() {
    SOp shifted = Library.shiftBy(1, Rasp.tokens());
    SOp mapped = shifted.eq("a").named("is_a");
    ProgramGraph graph = ProgramGraph.of(mapped);
    LayerPlan plan = LayerAllocation.allocate(graph);
    assertThat(plan.layers()).isEqualTo(1);
    assertThat(plan.layerOf(shifted)).isEqualTo(0);
    assertThat(plan.layerOf(mapped)).isEqualTo(0);
  }

  @Test
  void labelsAreUniqueAndKeepUserNames() {
    ProgramGraph graph = ProgramGraph.of(Library.makeShuffleDyck2());
    List<String> all = graph.nodes().stream().map(graph::label).toList();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(all).contains("tokens", "indices", "shuffle_dyck2");
    assertThat(all.stream().filter(l -> l.startsWith("opens_")).count()).isEqualTo(2);
  }
}
