package org.tracr4j.cli;

/**
 * A user error found by the command line itself (an unreadable file, a bad option combination), with the
 * exit code to use. Errors of the stages are {@link org.tracr4j.Tracr4jException}s.
 */
final class CliException extends RuntimeException {
  /** sysexits: a command used wrongly. */
  static final int USAGE = 64;
  /** sysexits: an input file missing or unreadable. */
  static final int NO_INPUT = 66;

  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
