package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.chamber.AtBos;

/** The two modes' answers where they are numbers or constructions (the rest is pinned by the compiler tests). */
class BuildModeTest {
  private static final BasisDirection BOS = new BasisDirection("tokens", "bos");

  @Test
  void eachOptionValueHasItsMode() {
    for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
      assertThat(BuildMode.of(mode, 100).mode()).isEqualTo(mode);
    }
  }

  @Test
  void theExactModeRaisesLUntilEveryInputIsAQuarterGapFromARamp() {
    BuildMode exact = BuildMode.of(CompileOptions.Mode.EXACT, 100);
    assertThat(exact.largeNumber(0.001)).isEqualTo(4000);
    assertThat(exact.largeNumber(1)).isEqualTo(100);
    assertThat(exact.largeNumber(Double.POSITIVE_INFINITY)).isEqualTo(100);
    assertThat(BuildMode.of(CompileOptions.Mode.TRACR, 100).largeNumber(0.001)).isEqualTo(100);
  }

  @Test
  void onlyTheExactModeSilencesBosAndRescalesQueries() {
    BuildMode exact = BuildMode.of(CompileOptions.Mode.EXACT, 100);
    BuildMode tracr = BuildMode.of(CompileOptions.Mode.TRACR, 100);
    assertThat(exact.discretisingAtBos(BOS)).isEqualTo(new AtBos.Silenced(BOS));
    assertThat(tracr.discretisingAtBos(BOS)).isEqualTo(new AtBos.Written());
    assertThat(exact.queryScale(16)).isEqualTo(4);
    assertThat(tracr.queryScale(16)).isEqualTo(1);
  }

  @Test
  void tracrSizesTheKeySideByTheWiderOfQueriesAndKeys() {
    assertThat(BuildMode.of(CompileOptions.Mode.TRACR, 100).headWidth(7, 3, 2)).isEqualTo(7);
    assertThat(BuildMode.of(CompileOptions.Mode.EXACT, 100).headWidth(7, 3, 2)).isEqualTo(3);
    assertThat(BuildMode.of(CompileOptions.Mode.EXACT, 100).headWidth(7, 3, 5)).isEqualTo(5);
  }
}
