package org.tracr4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The unembedded output space: its encoding and the value of each column of W_U.
 *
 * @param encoding how outputs decode
 * @param values one value per column (output id = index): {@code Long}, {@code Double}, {@code Boolean},
 *     {@code String}, or null for none. {@code Integer} and {@code Float} are widened. A numerical space
 *     has exactly one column, whose value (often null) is only a label.
 * @param valueSet for a numerical output, every number it can take (the compiler's value set, sorted), so a
 *     reader can decode the model's number to the nearest of them; empty when unknown (a categorical
 *     output, a hand-built model, a directory written before it was recorded, or more than {@link
 *     #MAX_VALUE_SET} values)
 */
public record OutputSpace(OutputEncoding encoding, List<Object> values, List<Double> valueSet) {
  /** The most values recorded in {@link #valueSet()}; a larger set is left out (decoding falls back to raw). */
  public static final int MAX_VALUE_SET = 65_536;

  /** An output space without a value set. */
  public OutputSpace(OutputEncoding encoding, List<Object> values) {
    this(encoding, values, List.of());
  }

  public OutputSpace {
    valueSet = valueSet.stream().sorted().distinct().toList();
    if (!valueSet.isEmpty() && (encoding != OutputEncoding.NUMERICAL
        || valueSet.stream().anyMatch(v -> !Double.isFinite(v)) || valueSet.size() > MAX_VALUE_SET)) {
      throw new IllegalArgumentException("an output value set holds at most " + MAX_VALUE_SET
          + " finite numbers, of a numerical output");
    }
    if (encoding == null) {
      throw new IllegalArgumentException("output encoding is missing");
    }
    List<Object> normalised = new ArrayList<>(values.size());
    for (Object value : values) {
      normalised.add(normalise(value));
    }
    values = Collections.unmodifiableList(normalised);
    if (encoding == OutputEncoding.NUMERICAL && values.size() != 1) {
      throw new IllegalArgumentException(
          "a numerical output space has one column, got " + values.size());
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the output space has no values");
    }
  }

  public int size() {
    return values.size();
  }

  /** Widens Integer/Short/Byte to Long and Float to Double; rejects other types and non-finite doubles. */
  static Object normalise(Object value) {
    return switch (value) {
      case null -> null;
      case Long l -> l;
      case Integer i -> (long) i;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case Double d when Double.isFinite(d) -> d;
      case Float f when Float.isFinite(f) -> (double) f;
      case Boolean b -> b;
      case String s -> s;
      default -> throw new IllegalArgumentException("output value " + value + " of type "
          + value.getClass().getSimpleName() + " is not a Long, a finite Double, a Boolean, a String or null");
    };
  }
}
