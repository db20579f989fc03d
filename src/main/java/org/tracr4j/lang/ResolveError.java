package org.tracr4j.lang;

/** A located error found while building a program; the resolver reports it and skips the statement. */
final class ResolveError extends RuntimeException {
  private final transient Token token;

  ResolveError(Token token, String message) {
    super(message, null, false, false);
    this.token = token;
  }

  Token token() {
    return token;
  }

  /** Thrown when a statement uses a name whose definition already failed: nothing more to report. */
  static final class AlreadyReported extends RuntimeException {
    AlreadyReported() {
      super(null, null, false, false);
    }
  }
}
