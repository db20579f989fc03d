package org.tracr4j.lang;

import org.tracr4j.rasp.Value;

/**
 * One token: its type, its text as written, its value for literals (null otherwise), and where it starts
 * (line and column from 1).
 */
record Token(TokenType type, String lexeme, Value literal, int line, int column) {

  /** How the token is shown in messages: {@code `foo`}, or "the end of the file". */
  String describe() {
    return type == TokenType.EOF ? "the end of the file" : "`" + lexeme + "`";
  }

  /** The column just after the token (for errors about something missing after it). */
  int endColumn() {
    return column + lexeme.length();
  }
}
