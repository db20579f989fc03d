package org.tracr4j.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.tracr4j.rasp.Value;

/** Short ways to write value sequences and vocabularies in tests. */
public final class Sequences {
  private Sequences() {}

  /** One single-character string per character: {@code chars("abc")} is {@code [a, b, c]}. */
  public static List<Value> chars(String text) {
    List<Value> out = new ArrayList<>();
    text.codePoints().forEach(c -> out.add(Value.of(Character.toString(c))));
    return List.copyOf(out);
  }

  public static List<Value> ints(long... numbers) {
    return Arrays.stream(numbers).mapToObj(Value::of).toList();
  }

  /** Plain Java values converted with {@link Value#ofJava} ({@code null} is none). */
  public static List<Value> values(Object... objects) {
    List<Value> out = new ArrayList<>();
    for (Object object : objects) {
      out.add(Value.ofJava(object));
    }
    return List.copyOf(out);
  }

  /** {@code n} copies of {@code value}. */
  public static List<Value> repeat(Object value, int n) {
    Value v = Value.ofJava(value);
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(v);
    }
    return List.copyOf(out);
  }

  /** A vocabulary: the distinct values, sorted by the value order. */
  public static List<Value> vocab(List<Value> tokens) {
    return List.copyOf(new TreeSet<>(tokens));
  }

  /** A vocabulary of single characters: {@code charVocab("dcba")} is {@code [a, b, c, d]}. */
  public static List<Value> charVocab(String characters) {
    return vocab(chars(characters));
  }

  /** A vocabulary of integers. */
  public static List<Value> intVocab(long... numbers) {
    return vocab(ints(numbers));
  }
}
