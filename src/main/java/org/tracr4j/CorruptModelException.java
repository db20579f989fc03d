package org.tracr4j;

/** A model file is truncated, corrupted or inconsistent; the message names the file and the problem. */
public final class CorruptModelException extends Tracr4jException {
  public CorruptModelException(String file, String problem) {
    super(file + ": " + problem);
  }

  public CorruptModelException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
