package org.tracr4j.viz;

import java.util.List;

/**
 * One expression as the page shows it.
 *
 * @param label its label (as in the residual labels)
 * @param kind the expression kind: {@code map}, {@code aggregate}, {@code select}, …
 * @param definition one line such as {@code aggregate(flip, tokens)}, operands by label
 * @param encoding {@code categorical} or {@code numerical}; {@code selector} for selectors
 * @param inputs the labels of its operands
 * @param location where the model computes it: {@code embedding}, {@code L1 attn H0}, {@code L0 mlp n0–19}
 * @param layer the layer computing it, -1 for the inputs
 * @param stage the trace stage whose residual holds its value (0 is the embedding); for a selector, the
 *     stage of the first head that uses it
 * @param interpreted the interpreter's value at each input position (BOS excluded)
 * @param decoded the model's value decoded from the residual at {@code stage}, per input position; empty
 *     for selectors
 * @param agrees per input position, whether the two agree (always true for selectors)
 * @param selection for a selector, the interpreter's matrix {@code [query][key]}; else null
 */
public record ExpressionView(String label, String kind, String definition, String encoding,
    List<String> inputs, String location, int layer, int stage, List<String> interpreted,
    List<String> decoded, List<Boolean> agrees, boolean[][] selection) {

  public ExpressionView {
    inputs = List.copyOf(inputs);
    interpreted = List.copyOf(interpreted);
    decoded = List.copyOf(decoded);
    agrees = List.copyOf(agrees);
  }

  public boolean isSelector() {
    return selection != null;
  }

  /** The first input position where model and interpreter disagree, or -1. */
  public int firstDisagreement() {
    return agrees.indexOf(false);
  }
}
