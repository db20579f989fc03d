package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;

/** The recovered program as {@code .rasp} statements, one per recovered s-op, in the order computed. */
final class ProgramText {
  private final List<String> names = new ArrayList<>();
  private final List<String> expressions = new ArrayList<>();
  private int counter;

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

  int statements() {
    return names.size();
  }

  String text(String header, String output) {
    StringBuilder out = new StringBuilder(header);
    for (int i = 0; i < names.size(); i++) {
      out.append(names.get(i)).append(" = ").append(expressions.get(i)).append(";\n");
    }
    if (names.isEmpty() || !names.get(names.size() - 1).equals(output)) {
      out.append("return ").append(output).append(";\n");
    }
    return out.toString();
  }
}
