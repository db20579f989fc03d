package org.tracr4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tracr4j.ModelTooLargeException;

/** Issue 10 §2: a model's size is known before its weights are allocated, without int overflow. */
class ModelSizeTest {

  @Test
  void theSizeIsEveryParameterOfTheWeights() {
    ModelConfig c = new ModelConfig(3, 2, 7, 4, 5, 6, 3, 9, false);
    long parameters = Weights.zeros(c).parameters(c).stream().mapToLong(p -> p.values().length).sum();
    ModelSize size = ModelSize.of(c);
    assertThat(size.parameters()).isEqualTo(parameters);
    assertThat(size.bytes()).isEqualTo(8 * parameters);
    assertThat(size.largestTensor()).isEqualTo("pos_embed.W_pos");
    assertThat(size.largestElements()).isEqualTo(9 * 7);
    ModelSize.require(c, ""); // fits
  }

  /** W_in would have 10^10 elements: as int arithmetic, a negative array size; here one line. */
  @Test
  void aTensorBeyondAJavaArrayIsRefusedWithOneLine() {
    ModelConfig c = new ModelConfig(2, 1, 100_000, 1, 100_000, 4, 2, 5, false);
    assertThat((long) (100_000 * 100_000)).isNotEqualTo(10_000_000_000L); // what int arithmetic computed
    assertThat(ModelSize.of(c).largestElements()).isEqualTo(10_000_000_000L);
    assertThatThrownBy(() -> ModelSize.require(c, "; largest value set: x, 3 values"))
        .isInstanceOf(ModelTooLargeException.class)
        .hasMessage("the model's tensor blocks.0.mlp.W_in would have 10,000,000,000 elements (d_model 100,000, "
            + "d_mlp 100,000, 2 layers, 1 head of 1, vocabulary 4, n_ctx 5; largest value set: x, 3 values), more "
            + "than a Java array holds (2,147,483,639); a smaller --max-seq-len or vocabulary is needed");
    assertThatThrownBy(() -> Weights.zeros(c)).isInstanceOf(ModelTooLargeException.class)
        .hasMessageContaining("mlp.W_in would need 10,000,000,000 elements");
  }

  /** Every tensor fits in an array, but 4,000 layers of them fit in no heap this test runs with. */
  @Test
  void weightsBeyondTheHeapAreRefusedWithHowToRaiseIt() {
    ModelConfig c = new ModelConfig(4_000, 1, 40_000, 1, 40_000, 4, 2, 5, false);
    assertThatThrownBy(() -> ModelSize.require(c, ""))
        .isInstanceOf(ModelTooLargeException.class)
        .hasMessageStartingWith("the model would have 12,801,120,452,002 parameters, 95,375.8 GB of float64 weights")
        .hasMessageContaining("of float64 weights (d_model 40,000, d_mlp 40,000, 4000 layers")
        .hasMessageContaining("(max heap); raise it, e.g. TRACR4J_JAVA_OPTS=-Xmx")
        .message().doesNotContain("\n");
  }

  @Test
  void sizesBeyondALongAreRefusedToo() {
    ModelConfig c = new ModelConfig(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
        1, 4, 2, 5, false);
    assertThatThrownBy(() -> ModelSize.require(c, "")).isInstanceOf(ModelTooLargeException.class)
        .hasMessageContaining("more than 2^63 parameters");
    assertThatThrownBy(() -> ModelSize.arrayLength("x", Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
        .isInstanceOf(ModelTooLargeException.class).hasMessage("x would need more than 2^63 elements, more than a "
            + "Java array holds (2,147,483,639)");
  }
}
