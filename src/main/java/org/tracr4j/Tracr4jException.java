package org.tracr4j;

/**
 * The one documented exception type of tracr4j: every user-facing failure (bad program, unsupported
 * construction, bad input, corrupt model file, a model too large to build) is one of its subclasses. Its message is a single readable
 * line that names where the problem is (file:line:column, expression label, token or position, file).
 *
 * <p>It lives in the root package so that every stage can throw it without depending on another stage.
 * Exit codes are the command line's business ({@code cli.ErrorHandler} maps each subclass to one).
 */
public abstract sealed class Tracr4jException extends RuntimeException
    permits RaspSyntaxException, EvaluationException, UnsupportedProgramException,
        InvalidInputException, CorruptModelException, UndecompilableModelException, ModelTooLargeException {

  protected Tracr4jException(String message) {
    super(message);
  }

  protected Tracr4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
