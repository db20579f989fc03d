package org.tracr4j;

import java.util.List;

/**
 * The compiler cannot compile a program faithfully. Lists every finding as {@code label: reason}, so a user
 * sees all problems at once rather than the first.
 */
public final class UnsupportedProgramException extends Tracr4jException {
  /**
   * One offending expression, the rule it breaks and why (input is set for dynamic findings, else null).
   */
  public record Finding(RuleCode rule, String expression, String reason, String input) {
    public Finding {
      java.util.Objects.requireNonNull(rule, "rule");
      java.util.Objects.requireNonNull(expression, "expression");
      java.util.Objects.requireNonNull(reason, "reason");
    }

    public Finding(RuleCode rule, String expression, String reason) {
      this(rule, expression, reason, null);
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

  /** The rule codes of the findings, in order (a code repeats when several expressions break it). */
  public List<RuleCode> rules() {
    return findings.stream().map(Finding::rule).toList();
  }
}
