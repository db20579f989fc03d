package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import org.tracr4j.RaspSyntaxException;
import org.tracr4j.RaspSyntaxException.Problem;

/** The errors of one source file, collected by every stage; duplicates are kept once. */
final class Diagnostics {
  private final String file;
  private final SequencedSet<Problem> problems = new LinkedHashSet<>();

  Diagnostics(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void report(int line, int column, String message) {
    problems.add(new Problem(file, line, column, message));
  }

  void report(Token token, String message) {
    report(token.line(), token.column(), message);
  }

  boolean hasErrors() {
    return !problems.isEmpty();
  }

  /** Throws every problem so far, sorted by position, if there is any. */
  void throwIfAny() {
    if (hasErrors()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort((a, b) -> a.line() != b.line()
          ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
      throw new RaspSyntaxException(sorted);
    }
  }
}
