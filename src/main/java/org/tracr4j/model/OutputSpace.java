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
 */
public record OutputSpace(OutputEncoding encoding, List<Object> values) {

  public OutputSpace {
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
