package org.tracr4j;

import java.util.List;

/**
 * The compiler cannot compile a program faithfully. Lists every finding as {@code label: reason}, so a user
 * sees all problems at once rather than the first.
 */
public final class UnsupportedProgramException extends Tracr4jException {
  /** One offending expression and why it cannot be compiled (input is set for dynamic findings). */
  public record Finding(String expression, String reason, String input) {
    public Finding(String expression, String reason) {
      this(expression, reason, null);
    }

    @Override
    public String toString() {
      return expression + ": " + reason + (input == null ? "" : " (input: " + input + ")");
    }
  }

  private final List<Finding> findings;

  public UnsupportedProgramException(List<Finding> findings) {
    super(summary(findings));
    this.findings = List.copyOf(findings);
  }

  public UnsupportedProgramException(String expression, String reason) {
    this(List.of(new Finding(expression, reason)));
  }

  private static String summary(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "unsupported program";
    }
    String first = "unsupported program: " + findings.get(0);
    return findings.size() == 1 ? first : first + " (and " + (findings.size() - 1) + " more)";
  }

  public List<Finding> findings() {
    return findings;
  }
}
