package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tuple used as the value of a hidden direction, such as {@code (k, 0)} in the discretising MLP or
 * {@code ('length_5', 0, 'indices', 1)} in the categorical sequence map.
 *
 * <p>Ordered lexicographically, element by element with the {@link BasisDirection} value order; a prefix
 * comes first. Printed like a Python tuple: elements by {@code toString()}, Java strings in single quotes.
 *
 * @param elements the elements (may contain {@code null})
 */
public record TupleValue(List<Object> elements) implements Comparable<TupleValue> {

  public TupleValue {
    elements = Collections.unmodifiableList(new ArrayList<>(elements));
  }

  public static TupleValue of(Object... elements) {
    return new TupleValue(Arrays.asList(elements));
  }

  @Override
  public int compareTo(TupleValue other) {
    int shared = Math.min(elements.size(), other.elements.size());
    for (int i = 0; i < shared; i++) {
      int byElement = BasisDirection.compareValues(elements.get(i), other.elements.get(i));
      if (byElement != 0) {
        return byElement;
      }
    }
    return Integer.compare(elements.size(), other.elements.size());
  }

  @Override
  public String toString() {
    if (elements.size() == 1) {
      return "(" + print(elements.get(0)) + ",)";
    }
    return elements.stream().map(TupleValue::print).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String print(Object element) {
    return element instanceof String text ? "'" + text + "'" : String.valueOf(element);
  }
}
