package org.tracr4j.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.tracr4j.CorruptModelException;

/**
 * Typed access to the keys of one JSON file; every failure is a {@link CorruptModelException} naming the
 * file and the key's path ({@code tracr4j.max_seq_len}). Paths are dotted; a node's own key is the last
 * part.
 */
record JsonFields(String file) {

  JsonNode field(JsonNode node, String path) {
    JsonNode value = node.get(key(path));
    if (value == null) {
      throw corrupt("key " + path + " is missing");
    }
    return value;
  }

  int integer(JsonNode node, String path, int minimum) {
    return integer(node, key(path), path, minimum);
  }

  /** An integer under {@code key}, reported as {@code path} (for keys that may hold dots: tokens). */
  int integer(JsonNode node, String key, String path, int minimum) {
    JsonNode value = node.get(key);
    if (value == null) {
      throw corrupt("key " + path + " is missing");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < minimum) {
      throw corrupt(path + " must be an integer of at least " + minimum + ", found " + value);
    }
    return value.intValue();
  }

  String text(JsonNode node, String path) {
    JsonNode value = field(node, path);
    if (!value.isTextual()) {
      throw corrupt(path + " must be a string, found " + value);
    }
    return value.textValue();
  }

  /** A string, or null where the key holds JSON null. */
  String textOrNull(JsonNode node, String path) {
    return field(node, path).isNull() ? null : text(node, path);
  }

  boolean bool(JsonNode node, String path) {
    JsonNode value = field(node, path);
    if (!value.isBoolean()) {
      throw corrupt(path + " must be true or false, found " + value);
    }
    return value.booleanValue();
  }

  JsonNode array(JsonNode node, String path) {
    JsonNode value = field(node, path);
    if (!value.isArray()) {
      throw corrupt(path + " must be an array, found " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return value;
  }

  JsonNode object(JsonNode node, String path) {
    JsonNode value = field(node, path);
    if (!value.isObject()) {
      throw corrupt(path + " must be an object");
    }
    return value;
  }

  void expectText(JsonNode node, String path, String expected) {
    String value = text(node, path);
    if (!value.equals(expected)) {
      throw corrupt(path + " must be \"" + expected + "\", found \"" + value + "\"");
    }
  }

  /**
   * A JSON value as a typed Java value: null, {@code Boolean}, {@code String}, {@code Long} (integral),
   * {@code Double}, or (when {@code lists}) a {@code List} of those.
   */
  Object value(JsonNode value, String path, boolean lists) {
    return switch (value.getNodeType()) {
      case NULL -> null;
      case BOOLEAN -> value.booleanValue();
      case STRING -> value.textValue();
      case NUMBER -> {
        if (value.isIntegralNumber() && !value.canConvertToLong()) {
          throw corrupt(path + " holds " + value + ", outside the 64-bit range");
        }
        yield value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
      }
      case ARRAY -> {
        if (!lists) {
          throw corrupt(path + " holds " + value + "; values must be numbers, booleans, strings or null");
        }
        java.util.List<Object> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
          items.add(value(item, path, true));
        }
        yield java.util.Collections.unmodifiableList(items);
      }
      default -> throw corrupt(path + " holds " + value
          + "; values must be numbers, booleans, strings" + (lists ? ", arrays" : "") + " or null");
    };
  }

  CorruptModelException corrupt(String problem) {
    return new CorruptModelException(file, problem);
  }

  private static String key(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
