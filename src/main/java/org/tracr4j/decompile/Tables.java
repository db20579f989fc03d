package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Value;

/**
 * Prints recovered functions as {@code .rasp} lambdas: a lookup table becomes a conditional chain
 * ({@code x -> 1 if x == "a" or x == "b" else 2}), with the most frequent result as the final {@code else};
 * a selector table becomes one of the eight comparisons when one fits, else a lambda predicate.
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
   * A lambda over {@code parameters} giving {@code outputs.get(i)} on the argument tuple {@code inputs.get(i)};
   * rows whose arguments include none are left out (a map is not called on none).
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
    if (byOutput.isEmpty()) {
      return head + "none";
    }
    Value fallback = null;
    for (Map.Entry<Value, List<List<Value>>> entry : byOutput.entrySet()) {
      if (fallback == null || entry.getValue().size() > byOutput.get(fallback).size()) {
        fallback = entry.getKey();
      }
    }
    StringBuilder body = new StringBuilder();
    for (Map.Entry<Value, List<List<Value>>> entry : byOutput.entrySet()) {
      if (entry.getKey().equals(fallback) && sameKind(entry.getKey(), fallback)) {
        continue;
      }
      body.append(literal(entry.getKey())).append(" if ").append(condition(parameters, entry.getValue()))
          .append(" else ");
    }
    return head + body + literal(fallback);
  }

  /** Value equality in a table must not merge 1 and 1.0 or true and 1 when they print differently. */
  private static boolean sameKind(Value a, Value b) {
    return a.getClass() == b.getClass();
  }

  private static String condition(List<String> parameters, List<List<Value>> rows) {
    List<String> alternatives = new ArrayList<>();
    for (List<Value> row : rows) {
      List<String> terms = new ArrayList<>();
      for (int p = 0; p < parameters.size(); p++) {
        terms.add(parameters.get(p) + " == " + literal(row.get(p)));
      }
      alternatives.add(String.join(" and ", terms));
    }
    return String.join(" or ", alternatives);
  }

  /**
   * A selector predicate: {@code selected[q][k]} for query name q and key name k. A comparison when one
   * matches on every pair (none-valued names excluded), else {@code (k, q) -> ...} listing, per group of
   * queries selecting the same keys, those keys.
   */
  static String predicate(List<Value> keys, List<Value> queries, boolean[][] selected) {
    for (Comparison comparison : Comparison.values()) {
      if (matches(comparison, keys, queries, selected)) {
        return comparison.symbol();
      }
    }
    Map<String, List<String>> queriesByKeySet = new LinkedHashMap<>();
    for (int q = 0; q < queries.size(); q++) {
      if (queries.get(q).isNone()) {
        continue;
      }
      List<String> chosen = new ArrayList<>();
      boolean all = true;
      for (int k = 0; k < keys.size(); k++) {
        if (keys.get(k).isNone()) {
          continue;
        }
        if (selected[q][k]) {
          chosen.add("k == " + literal(keys.get(k)));
        } else {
          all = false;
        }
      }
      if (chosen.isEmpty()) {
        continue;
      }
      String keySet = all ? "" : String.join(" or ", chosen);
      queriesByKeySet.computeIfAbsent(keySet, s -> new ArrayList<>()).add("q == " + literal(queries.get(q)));
    }
    if (queriesByKeySet.isEmpty()) {
      return "false";
    }
    List<String> alternatives = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : queriesByKeySet.entrySet()) {
      String queryPart = entry.getValue().size() == 1 ? entry.getValue().get(0)
          : "(" + String.join(" or ", entry.getValue()) + ")";
      alternatives.add(entry.getKey().isEmpty() ? queryPart : queryPart + " and (" + entry.getKey() + ")");
    }
    return "(k, q) -> " + String.join(" or ", alternatives);
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
