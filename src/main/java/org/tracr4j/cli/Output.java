package org.tracr4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tracr4j.rasp.Value;

/**
 * How commands print sequences: plain or JSON. Plain text is the same for {@code eval} and {@code run} on the
 * same answer: values separated by spaces; none as {@code _}; numbers in one format (integral values as
 * integers, others in Java's shortest round-trip form), so {@code 2}, {@code 2.0} and a model's {@code
 * 2.0000000001} print alike once decoded; a string that would read back as something else ({@code "_"},
 * {@code "3"}, {@code "true"}, one with spaces) in double quotes, so a token {@code _} never prints as none.
 * JSON keeps the raw values.
 */
public final class Output {
  /** A holder, so that commands printing plain text never start Jackson (tens of milliseconds at start-up). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private Output() {}

  public static String plain(List<Value> values) {
    return values.stream().map(Output::token).collect(Collectors.joining(" "));
  }

  /** A numerical s-op's values: booleans (a mean of one selected boolean stays one) print as 0 and 1. */
  public static String plainNumerical(List<Value> values) {
    return values.stream().map(v -> v instanceof Value.Bool b ? (b.value() ? "1" : "0") : token(v))
        .collect(Collectors.joining(" "));
  }

  /** One value as plain text (see the class comment). */
  public static String token(Value value) {
    return switch (value) {
      case Value.None none -> "_";
      case Value.Int i -> Long.toString(i.value());
      case Value.Real r -> number(r.value());
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Str s -> readsBack(s.value()) ? s.value() : '"' + s.value() + '"';
      case Value.Tuple t -> t.items().stream().map(Output::token).collect(Collectors.joining(", ", "(", ")"));
    };
  }

  /** Integral values below 2^53 as integers ({@code 2}, {@code -0} as {@code 0}), others as Java prints them. */
  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 0x1p53) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }

  private static boolean readsBack(String text) {
    return !text.isEmpty() && !text.equals("_") && text.chars().noneMatch(Character::isWhitespace)
        && !text.startsWith("\"") && Value.parseToken(text) instanceof Value.Str;
  }

  /** {@code {"input": [...], "output": [...]}} with typed values, null for none. */
  public static String json(List<Value> input, List<Value> output) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("input", input.stream().map(Value::toJava).toList());
    document.put("output", output.stream().map(Value::toJava).toList());
    return json(document);
  }

  public static String json(Object document) {
    try {
      return Json.MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
