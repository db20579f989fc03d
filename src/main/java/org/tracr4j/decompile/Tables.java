package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Value;

/**
 * Prints recovered functions as {@code .rasp}: a lookup table as a table literal ({@code {"a": 1, "b": 1,
 * else: 2}}), the most frequent result as its {@code else}; a selector table as one of the eight comparisons
 * when one fits, else a table keyed by {@code (key, query)} pairs.
 */
final class Tables {
  private Tables() {}

  /** A {@code .rasp} literal for {@code value}. */
  static String literal(Value value) {
    return switch (value) {
      case Value.None ignored -> "none";
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Int i -> Long.toString(i.value());
      case Value.Real r -> realLiteral(r.value());
      case Value.Str s -> quote(s.value());
      case Value.Tuple t -> throw new IllegalArgumentException("no literal for the tuple " + t);
    };
  }

  private static String realLiteral(double x) {
    String text = Double.toString(x);
    return text;
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(ch);
      }
    }
    return out.append('"').toString();
  }

  /**
   * A function of {@code parameters} giving {@code outputs.get(i)} on the argument tuple {@code inputs.get(i)},
   * as a table literal ({@code {"a": 1, "b": 2, else: 0}}, keyed by tuples for several parameters); the most
   * frequent result is the {@code else}. Rows whose arguments include none are left out (a map is not called
   * on none).
   */
  static String lambda(List<String> parameters, List<List<Value>> inputs, List<Value> outputs) {
    Map<Value, List<List<Value>>> byOutput = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).stream().anyMatch(Value::isNone)) {
        continue;
      }
      byOutput.computeIfAbsent(outputs.get(i), k -> new ArrayList<>()).add(inputs.get(i));
    }
    String head = (parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")")
        + " -> ";
    if (byOutput.size() <= 1) {
      return head + (byOutput.isEmpty() ? "none" : literal(byOutput.keySet().iterator().next()));
    }
    Value fallback = null;
    for (Map.Entry<Value, List<List<Value>>> entry : byOutput.entrySet()) {
      if (fallback == null || entry.getValue().size() > byOutput.get(fallback).size()) {
        fallback = entry.getKey();
      }
    }
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<Value> row = inputs.get(i);
      if (row.stream().anyMatch(Value::isNone) || outputs.get(i).equals(fallback)) {
        continue;
      }
      entries.add(key(row) + ": " + literal(outputs.get(i)));
    }
    String table = "{" + String.join(", ", entries) + ", else: " + literal(fallback) + "}";
    return parameters.size() <= 2 ? table : head + table + "[" + String.join(", ", parameters) + "]";
  }

  private static String key(List<Value> row) {
    if (row.size() == 1) {
      return literal(row.get(0));
    }
    return "(" + String.join(", ", row.stream().map(Tables::literal).toList()) + ")";
  }

  /**
   * A selector predicate: {@code selected[q][k]} for query name q and key name k. A comparison when one
   * matches on every pair (none-valued names excluded), else a table of the (key, query) pairs, listing the
   * selected pairs or the others, whichever are fewer.
   */
  static String predicate(List<Value> keys, List<Value> queries, boolean[][] selected) {
    for (Comparison comparison : Comparison.values()) {
      if (matches(comparison, keys, queries, selected)) {
        return comparison.symbol();
      }
    }
    int chosen = 0;
    int total = 0;
    for (int q = 0; q < queries.size(); q++) {
      for (int k = 0; k < keys.size(); k++) {
        if (!queries.get(q).isNone() && !keys.get(k).isNone()) {
          total++;
          chosen += selected[q][k] ? 1 : 0;
        }
      }
    }
    boolean listTrue = chosen <= total - chosen;
    List<String> entries = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      for (int k = 0; k < keys.size(); k++) {
        if (!queries.get(q).isNone() && !keys.get(k).isNone() && selected[q][k] == listTrue) {
          entries.add("(" + literal(keys.get(k)) + ", " + literal(queries.get(q)) + "): " + listTrue);
        }
      }
    }
    return "{" + String.join(", ", entries) + ", else: " + !listTrue + "}";
  }

  private static boolean matches(Comparison comparison, List<Value> keys, List<Value> queries,
      boolean[][] selected) {
    for (int q = 0; q < queries.size(); q++) {
      for (int k = 0; k < keys.size(); k++) {
        if (queries.get(q).isNone() || keys.get(k).isNone()) {
          continue;
        }
        boolean test;
        try {
          test = comparison.test(keys.get(k), queries.get(q));
        } catch (RuntimeException incomparable) {
          return false;
        }
        if (test != selected[q][k]) {
          return false;
        }
      }
    }
    return true;
  }
}
