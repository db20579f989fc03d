package org.tracr4j.viz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** Escaping for HTML text, attributes and the JSON embedded in a script element. */
final class Html {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Html() {}

  /** Text or attribute content with {@code & < > " '} escaped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code document} as JSON that is safe inside {@code <script type="application/json">}: a {@code </}
   * in a string would end the element, so every {@code <} is written as {@code \u003c}.
   */
  static String json(Object document) {
    try {
      return JSON.writeValueAsString(document).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report's data", e);
    }
  }

  /** A fixed-point SVG coordinate. */
  static String px(double value) {
    return value == Math.rint(value) ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
