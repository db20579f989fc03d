package org.tracr4j.export;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words, for the one-line {@code CorruptModelException} messages. */
final class ReadFailure {
  private ReadFailure() {}

  /** "no such file", "permission denied", "too large to load", else the exception itself. */
  static String reason(Throwable e) {
    return switch (e) {
      case NoSuchFileException ignored -> "no such file";
      case AccessDeniedException ignored -> "permission denied";
      case OutOfMemoryError ignored -> "too large to load";
      default -> e.toString();
    };
  }
}
