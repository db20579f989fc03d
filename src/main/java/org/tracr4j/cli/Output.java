package org.tracr4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.tracr4j.rasp.Value;

/** How commands print sequences: plain (values separated by spaces, none as {@code _}) or JSON. */
public final class Output {
  /** A holder, so that commands printing plain text never start Jackson (tens of milliseconds at start-up). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private Output() {}

  public static String plain(List<Value> values) {
    return values.stream().map(Value::toString).collect(Collectors.joining(" "));
  }

  /** {@code {"input": [...], "output": [...]}} with typed values, null for none. */
  public static String json(List<Value> input, List<Value> output) {
    java.util.Map<String, Object> document = new LinkedHashMap<>();
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
