package org.tracr4j;

/** The interpreter could not evaluate an expression on an input; the message names the expression. */
public final class EvaluationException extends Tracr4jException {
  private final String expression;

  public EvaluationException(String expression, String message) {
    super(expression + ": " + message);
    this.expression = expression;
  }

  /** Label or name of the expression that failed. */
  public String expression() {
    return expression;
  }
}
