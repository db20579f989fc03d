package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Weights written as entries: their dense form, and a model over them that runs as the dense one does. */
class WeightEntriesTest {
  private static final ModelConfig CONFIG = new ModelConfig(2, 2, 5, 3, 4, 4, 3, 4, false);

  @Test
  void denseFormHoldsWhatWasWrittenInFreshArrays() {
    WeightEntries.Builder builder = WeightEntries.builder(CONFIG);
    builder.wE()[2 * 5 + 1] = 1;
    builder.wPos()[3 * 5 + 4] = 1;
    builder.wU()[4 * 3 + 2] = 1;
    builder.wQ(1, 1).add(4, 2, 0.5).add(4, 2, 0.25);
    builder.wK(0, 1).set(3, 0, 1);
    builder.wV(1, 0).add(2, 1, -3);
    builder.wO(1, 1).set(2, 4, 7);
    builder.wIn(0).add(0, 3, 2).add(0, 3, -2); // adds up to zero: no entry
    builder.wOut(1).add(3, 0, 9).set(3, 0, -1);
    WeightEntries entries = builder.build();
    Weights dense = entries.toDense();
    assertThat(dense.wE()[2 * 5 + 1]).isEqualTo(1);
    assertThat(dense.wPos()[3 * 5 + 4]).isEqualTo(1);
    assertThat(dense.wU()[4 * 3 + 2]).isEqualTo(1);
    Weights.Layer second = dense.layers().get(1);
    assertThat(second.wQ()[Weights.qkvIndex(CONFIG, 1, 4, 2)]).isEqualTo(0.75);
    assertThat(dense.layers().get(0).wK()[Weights.qkvIndex(CONFIG, 1, 3, 0)]).isEqualTo(1);
    assertThat(second.wV()[Weights.qkvIndex(CONFIG, 0, 2, 1)]).isEqualTo(-3);
    assertThat(second.wO()[Weights.outputIndex(CONFIG, 1, 2, 4)]).isEqualTo(7);
    assertThat(dense.layers().get(0).wIn()).containsOnly(0.0);
    assertThat(second.wOut()[3 * 5 + 0]).isEqualTo(-1);
    assertThat(entries.layers[0].wIn().isZero()).isTrue();
    dense.check(CONFIG);
    dense.wE()[0] = 5;
    assertThat(entries.toDense().wE()[0]).isZero();
  }

  @Test
  void denseWeightsAndTheirEntriesAgree() {
    Model model = TestModels.random(3, 2, 2, 8, 4, 6, 4, 5, 6, false);
    Weights dense = model.weights();
    assertThat(WeightEntries.of(model.config(), dense).toDense()).usingRecursiveComparison().isEqualTo(dense);
  }

  /** A model over entries runs, exports and compares as the model over the same dense weights. */
  @Test
  void aCompiledModelRunsAsItsDenseTwin() {
    Model dense = TestModels.random(7, 2, 2, 8, 4, 6, 4, 5, 6, true);
    Model compiled = Model.compiled(dense.config(), WeightEntries.of(dense.config(), dense.weights()),
        dense.vocabulary(), dense.output(), dense.metadata(), labelsOnly(dense));
    assertThat(compiled.weights()).usingRecursiveComparison().isEqualTo(dense.weights());
    Random random = new Random(1);
    for (int length = 0; length <= 5; length++) {
      int[] ids = dense.encode(TestModels.randomInput(random, 4, length));
      assertThat(compiled.forward(new int[][] {ids})).isDeepEqualTo(dense.forward(new int[][] {ids}));
    }
  }

  @Test
  void refusesEntriesOfAnotherShape() {
    Model dense = TestModels.random(7, 2, 2, 8, 4, 6, 4, 5, 6, true);
    ModelConfig other = new ModelConfig(1, 2, 8, 4, 6, 6, 4, 6, true);
    assertThatThrownBy(() -> Model.compiled(other, WeightEntries.of(dense.config(), dense.weights()),
        dense.vocabulary(), dense.output(), dense.metadata(), labelsOnly(dense)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
  }

  private static Provenance labelsOnly(Model model) {
    List<Provenance.Feature> residual = model.residualLabels().stream()
        .map(label -> new Provenance.Feature(label, label, Provenance.Role.INTERMEDIATE,
            Provenance.Encoding.NUMERICAL, null))
        .toList();
    List<Provenance.Layer> layers = java.util.stream.IntStream.range(0, model.config().layers())
        .mapToObj(l -> new Provenance.Layer(List.of(), List.of(), List.of())).toList();
    return new Provenance(residual, List.of(), layers);
  }
}
