package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      Object element = elements.get(i);
      if (element instanceof String string) {
        text.append('\'').append(string).append('\'');
      } else {
        text.append(element);
      }
    }
    return text.append(elements.size() == 1 ? ",)" : ")").toString();
  }
}
