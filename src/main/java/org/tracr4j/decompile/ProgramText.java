package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The recovered program as {@code .rasp} statements, one per recovered s-op, in the order computed. */
final class ProgramText {
  private final List<String> names = new ArrayList<>();
  private final List<String> expressions = new ArrayList<>();
  private int counter;
  private int printed;

  String fresh() {
    counter++;
    return "v" + counter;
  }

  void define(String name, String expression) {
    names.add(name);
    expressions.add(expression);
  }

  /**
   * Re-annotates an earlier statement as numerical (an s-op another block reads as a number); false when
   * {@code name} is not a statement ({@code tokens}, {@code indices}).
   */
  boolean makeNumerical(String name) {
    int i = names.indexOf(name);
    if (i >= 0 && !expressions.get(i).startsWith("numerical(")) {
      expressions.set(i, "numerical(" + expressions.get(i) + ")");
    }
    return i >= 0;
  }

  /** Statements of the last {@link #text}. */
  int statements() {
    return printed;
  }

  /**
   * The program: statements that compute the same as an earlier one are dropped (their readers read the
   * earlier one), statements the output does not need are dropped, and the rest are ordered by depth and
   * text and numbered {@code v1, v2, ...} in that order, so that the text depends only on what the model
   * computes, not on the order in which its blocks were read.
   */
  String text(String header, String output) {
    Map<String, String> rename = new HashMap<>();
    List<String> keptNames = new ArrayList<>();
    List<String> keptExpressions = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String expression = substitute(expressions.get(i), rename);
      int same = keptExpressions.indexOf(expression);
      if (same >= 0) {
        rename.put(names.get(i), keptNames.get(same));
        continue;
      }
      keptNames.add(names.get(i));
      keptExpressions.add(expression);
    }
    String result = rename.getOrDefault(output, output);
    Set<String> live = new HashSet<>(Set.of(result));
    for (int i = keptNames.size() - 1; i >= 0; i--) {
      if (live.contains(keptNames.get(i))) {
        live.addAll(identifiers(keptExpressions.get(i)));
      }
    }
    // Canonical order: by depth (the longest chain of statements a statement reads), then by text with the
    // names already given; numbered in that order. Nothing of the order blocks were read in remains.
    List<Integer> order = new ArrayList<>();
    Map<String, Integer> depth = new HashMap<>();
    for (int i = 0; i < keptNames.size(); i++) {
      if (live.contains(keptNames.get(i))) {
        int d = 0;
        for (String read : identifiers(keptExpressions.get(i))) {
          d = Math.max(d, depth.getOrDefault(read, 0));
        }
        depth.put(keptNames.get(i), d + 1);
        order.add(i);
      }
    }
    Map<String, String> number = new HashMap<>();
    List<String> finalNames = new ArrayList<>();
    List<String> finalExpressions = new ArrayList<>();
    int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int d = 1; d <= deepest; d++) {
      List<String[]> level = new ArrayList<>();
      for (int i : order) {
        if (depth.get(keptNames.get(i)) == d) {
          level.add(new String[] {keptNames.get(i), substitute(keptExpressions.get(i), number)});
        }
      }
      level.sort(java.util.Comparator.comparing(statement -> statement[1]));
      for (String[] statement : level) {
        String name = "v" + (finalNames.size() + 1);
        finalExpressions.add(statement[1]);
        number.put(statement[0], name);
        finalNames.add(name);
      }
    }
    result = number.getOrDefault(result, result);
    printed = finalNames.size();
    StringBuilder out = new StringBuilder(header);
    for (int i = 0; i < finalNames.size(); i++) {
      out.append(finalNames.get(i)).append(" = ").append(finalExpressions.get(i)).append(";\n");
    }
    if (finalNames.isEmpty() || !finalNames.get(finalNames.size() - 1).equals(result)) {
      out.append("return ").append(result).append(";\n");
    }
    return out.toString();
  }

  /** {@code expression} with the statement names in {@code rename} replaced (outside string literals). */
  private static String substitute(String expression, Map<String, String> rename) {
    if (rename.isEmpty()) {
      return expression;
    }
    StringBuilder out = new StringBuilder();
    scan(expression, (word, isName) -> out.append(isName ? rename.getOrDefault(word, word) : word));
    return out.toString();
  }

  /** The statement names ({@code v} and digits) an expression reads. */
  private static Set<String> identifiers(String expression) {
    Set<String> out = new HashSet<>();
    scan(expression, (word, isName) -> {
      if (isName) {
        out.add(word);
      }
    });
    return out;
  }

  /** Splits {@code expression} into statement names and the text between them; strings stay whole. */
  private static void scan(String expression, java.util.function.BiConsumer<String, Boolean> part) {
    int i = 0;
    int n = expression.length();
    StringBuilder other = new StringBuilder();
    while (i < n) {
      char ch = expression.charAt(i);
      if (ch == '"') {
        int j = i + 1;
        while (j < n && expression.charAt(j) != '"') {
          j += expression.charAt(j) == '\\' ? 2 : 1;
        }
        other.append(expression, i, Math.min(n, j + 1));
        i = j + 1;
      } else if (Character.isLetterOrDigit(ch) || ch == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_')) {
          j++;
        }
        String word = expression.substring(i, j);
        if (word.matches("v[0-9]+")) {
          part.accept(other.toString(), false);
          other.setLength(0);
          part.accept(word, true);
        } else {
          other.append(word);
        }
        i = j;
      } else {
        other.append(ch);
        i++;
      }
    }
    part.accept(other.toString(), false);
  }
}
