package org.tracr4j;

/** An input sequence is not acceptable: a token outside the vocabulary, a sequence too long, and so on. */
public final class InvalidInputException extends Tracr4jException {
  public InvalidInputException(String message) {
    super(message);
  }
}
