package org.tracr4j;

import java.util.List;

/**
 * A `.rasp` program could not be parsed or resolved. Holds every error found (the parser recovers at
 * statement boundaries); each is formatted {@code file:line:column: message}.
 */
public final class RaspSyntaxException extends Tracr4jException {
  /** One located error. Lines and columns start at 1. */
  public record Problem(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + message;
    }
  }

  private final List<Problem> problems;

  public RaspSyntaxException(List<Problem> problems) {
    super(problems.isEmpty() ? "syntax error" : problems.get(0).toString()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
