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
    if (parameters.size() == 1) {
      String expression = expression(parameters.get(0), inputs, outputs);
      if (expression != null) {
        return head + expression;
      }
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

  /**
   * A simple expression of {@code x} giving {@code outputs.get(i)} on every input {@code inputs.get(i)}
   * (none left out), or null: {@code x}, {@code a * x + b}, {@code not x}, {@code x < c} (any comparison
   * with one of the inputs), {@code p if x < c else q}. Checked on every row, so it is the table.
   */
  static String expression(String x, List<List<Value>> inputs, List<Value> outputs) {
    List<Value> xs = new ArrayList<>();
    List<Value> ys = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!inputs.get(i).get(0).isNone()) {
        xs.add(inputs.get(i).get(0));
        ys.add(outputs.get(i));
      }
    }
    if (xs.size() < 2 || ys.stream().anyMatch(Value::isNone)) {
      return null;
    }
    String affine = affine(x, xs, ys);
    if (affine != null) {
      return affine;
    }
    if (xs.stream().allMatch(v -> v instanceof Value.Bool) && ys.stream().allMatch(v -> v instanceof Value.Bool)
        && java.util.stream.IntStream.range(0, xs.size()).allMatch(i -> !xs.get(i).equals(ys.get(i)))) {
      return "not " + x;
    }
    List<Value> distinct = new ArrayList<>(ys.stream().distinct().toList());
    if (distinct.size() != 2) {
      return null;
    }
    if (distinct.get(1).equals(Value.TRUE) || distinct.get(0).isNumber() && distinct.get(1).isNumber()
        && distinct.get(1).asDouble() > distinct.get(0).asDouble()) {
      java.util.Collections.reverse(distinct); // true, or the larger number, as the value the test gives
    }
    for (int hi = 0; hi < 2; hi++) {
      for (Comparison comparison : List.of(Comparison.EQ, Comparison.NEQ, Comparison.LT, Comparison.LEQ,
          Comparison.GT, Comparison.GEQ)) {
        for (Value constant : xs.stream().distinct().toList()) {
          if (decides(comparison, constant, xs, ys, distinct.get(hi))) {
            Value high = distinct.get(hi);
            Value low = distinct.get(1 - hi);
            String test = x + " " + comparison.symbol() + " " + literal(constant);
            return high.equals(Value.TRUE) && low.equals(Value.FALSE) && high instanceof Value.Bool
                && low instanceof Value.Bool ? test : literal(high) + " if " + test + " else " + literal(low);
          }
        }
      }
    }
    return null;
  }

  /** Whether {@code ys[i] == high} exactly where {@code xs[i] comparison constant} (comparable values only). */
  private static boolean decides(Comparison comparison, Value constant, List<Value> xs, List<Value> ys,
      Value high) {
    for (int i = 0; i < xs.size(); i++) {
      boolean test;
      try {
        test = comparison.test(xs.get(i), constant);
      } catch (RuntimeException incomparable) {
        return false;
      }
      if (test != ys.get(i).equals(high) || (ys.get(i) instanceof Value.Bool) != (high instanceof Value.Bool)) {
        return false;
      }
    }
    return true;
  }

  /** {@code a * x + b} through every (x, y) when all are numbers and both coefficients print exactly. */
  private static String affine(String x, List<Value> xs, List<Value> ys) {
    if (!xs.stream().allMatch(Value::isNumber) || !ys.stream().allMatch(Value::isNumber)
        || xs.stream().distinct().count() < 2) {
      return null;
    }
    int j = 1;
    while (xs.get(j).equals(xs.get(0))) {
      j++;
    }
    double x0 = xs.get(0).asDouble();
    double a = (ys.get(j).asDouble() - ys.get(0).asDouble()) / (xs.get(j).asDouble() - x0);
    double b = ys.get(0).asDouble() - a * x0;
    boolean integers = ys.stream().allMatch(v -> v instanceof Value.Int) && xs.stream().allMatch(v -> v instanceof Value.Int);
    if (integers && (a != Math.rint(a) || b != Math.rint(b))) {
      return null;
    }
    for (int i = 0; i < xs.size(); i++) {
      double y = a * xs.get(i).asDouble() + b;
      if (Math.abs(y - ys.get(i).asDouble()) > 1e-9 * Math.max(1, Math.abs(y))) {
        return null;
      }
    }
    if (a == 0) {
      return null; // a constant has two outputs only with none, handled by the table
    }
    Value slope = integers ? Value.of((long) a) : Value.of(a);
    Value offset = integers ? Value.of((long) Math.abs(b)) : Value.of(Math.abs(b));
    String term = a == 1 ? x : literal(slope) + " * " + x;
    return b == 0 ? term : term + (b > 0 ? " + " : " - ") + literal(offset);
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
