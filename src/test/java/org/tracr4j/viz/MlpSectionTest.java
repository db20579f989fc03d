package org.tracr4j.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MlpSectionTest {
  @Test
  void neuronsAreLabelledWithWhatTheyStandFor() {
    List<String> names = List.of("_hidden_hist_:(1, 0)", "_hidden_hist_clean_bos", "other", "");
    assertThat(MlpSection.neuronLabel(0, names, "hist")).isEqualTo("n0 (1, 0)");
    assertThat(MlpSection.neuronLabel(1, names, "hist")).isEqualTo("n1 clean_bos");
    assertThat(MlpSection.neuronLabel(2, names, "hist")).isEqualTo("n2 other");
    assertThat(MlpSection.neuronLabel(3, names, "hist")).isEqualTo("n3");
    assertThat(MlpSection.neuronLabel(9, names, "hist")).isEqualTo("n9");
    assertThat(MlpSection.neuronLabel(0, List.of("_hidden_x_:" + "y".repeat(60)), "x")).hasSize(43).endsWith("…");
  }
}
