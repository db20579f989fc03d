package org.tracr4j.craft.chamber;

import java.util.Objects;
import org.tracr4j.craft.BasisDirection;

/**
 * What a discretising MLP ({@link NumericalMlp}, {@link NumericalToCategoricalMlp}) writes at the BOS
 * position, where its input is 0.
 */
public sealed interface AtBos {
  /** Tracr's weights: BOS gets {@code f} of the grid point nearest 0 (tracr-reference §8 "BOS pollution"). */
  record Written() implements AtBos {}

  /**
   * The BOS-silencing row {@code W1[bos, h] = −β} on every neuron: the MLP writes exactly 0 at BOS.
   *
   * @param bos the direction that is 1 only at BOS
   */
  record Silenced(BasisDirection bos) implements AtBos {
    public Silenced {
      Objects.requireNonNull(bos, "bos");
    }
  }
}
