package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.rasp.Value;

/**
 * Turns {@code .rasp} source text into tokens. Reports bad characters, unknown operators and unterminated
 * strings to the diagnostics and carries on, so that one run finds every lexical error.
 */
final class Scanner {
  /** Characters that make up comparison and assignment operators; a run of them is one operator. */
  private static final String OPERATOR_CHARACTERS = "=<>!";

  private final String source;
  private final Diagnostics diagnostics;
  private final List<Token> tokens = new ArrayList<>();
  private int start;
  private int current;
  private int line = 1;
  private int lineStart;
  private int startLine;
  private int startColumn;

  Scanner(String source, Diagnostics diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  List<Token> scanTokens() {
    while (!isAtEnd()) {
      start = current;
      startLine = line;
      startColumn = current - lineStart + 1;
      scanToken();
    }
    tokens.add(new Token(TokenType.EOF, "", null, line, current - lineStart + 1));
    return tokens;
  }

  private void scanToken() {
    char c = advance();
    switch (c) {
      case '(' -> add(TokenType.LEFT_PAREN);
      case ')' -> add(TokenType.RIGHT_PAREN);
      case '{' -> add(TokenType.LEFT_BRACE);
      case '}' -> add(TokenType.RIGHT_BRACE);
      case '[' -> add(TokenType.LEFT_BRACKET);
      case ']' -> add(TokenType.RIGHT_BRACKET);
      case ',' -> add(TokenType.COMMA);
      case ':' -> add(TokenType.COLON);
      case ';' -> add(TokenType.SEMICOLON);
      case '+' -> add(TokenType.PLUS);
      case '*' -> add(TokenType.STAR);
      case '/' -> add(TokenType.SLASH);
      case '%' -> add(TokenType.PERCENT);
      case '-' -> add(match('>') ? TokenType.ARROW : TokenType.MINUS);
      case '#' -> {
        while (!isAtEnd() && peek() != '\n') {
          advance();
        }
      }
      case ' ', '\t', '\r' -> { }
      case '\n' -> newLine();
      case '"', '\'' -> string(c);
      default -> {
        if (OPERATOR_CHARACTERS.indexOf(c) >= 0) {
          operator();
        } else if (isDigit(c) || (c == '.' && isDigit(peek()))) {
          number();
        } else if (isIdentifierStart(c)) {
          identifier();
        } else {
          error("unexpected character `" + c + "`");
        }
      }
    }
  }

  private void operator() {
    while (!isAtEnd() && OPERATOR_CHARACTERS.indexOf(peek()) >= 0) {
      advance();
    }
    String text = source.substring(start, current);
    TokenType type = switch (text) {
      case "=" -> TokenType.ASSIGN;
      case "==" -> TokenType.EQUAL_EQUAL;
      case "!=" -> TokenType.BANG_EQUAL;
      case "<" -> TokenType.LESS;
      case "<=" -> TokenType.LESS_EQUAL;
      case ">" -> TokenType.GREATER;
      case ">=" -> TokenType.GREATER_EQUAL;
      default -> null;
    };
    if (type == null) {
      String suggestion = Suggestions.closest(text, List.of("<=", ">=", "==", "!=", "<", ">", "="));
      error("unknown operator `" + text + "`" + (suggestion == null ? "" : "; did you mean `" + suggestion + "`?"));
      return;
    }
    add(type);
  }

  private void number() {
    while (isDigit(peek())) {
      advance();
    }
    boolean real = false;
    if (peek() == '.' && isDigit(peekNext())) {
      real = true;
      advance();
      while (isDigit(peek())) {
        advance();
      }
    }
    if ((peek() == 'e' || peek() == 'E')
        && (isDigit(peekNext()) || ((peekNext() == '-' || peekNext() == '+') && isDigit(peekAfterNext())))) {
      real = true;
      advance();
      advance();
      while (isDigit(peek())) {
        advance();
      }
    }
    String text = source.substring(start, current);
    if (real) {
      add(TokenType.NUMBER, Value.of(Double.parseDouble(text)));
      return;
    }
    try {
      add(TokenType.NUMBER, Value.of(Long.parseLong(text)));
    } catch (NumberFormatException tooLarge) {
      error("integer `" + text + "` does not fit in 64 bits");
    }
  }

  private void identifier() {
    while (isIdentifierPart(peek())) {
      advance();
    }
    String text = source.substring(start, current);
    TokenType keyword = TokenType.keyword(text);
    if (keyword == null) {
      add(TokenType.IDENTIFIER);
      return;
    }
    Value literal = switch (keyword) {
      case TRUE -> Value.TRUE;
      case FALSE -> Value.FALSE;
      case NONE -> Value.NONE;
      default -> null;
    };
    add(keyword, literal);
  }

  private void string(char quote) {
    StringBuilder value = new StringBuilder();
    while (!isAtEnd() && peek() != quote && peek() != '\n') {
      char c = advance();
      if (c == '\\' && !isAtEnd() && peek() != '\n') {
        char escaped = advance();
        value.append(switch (escaped) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> escaped;
        });
      } else {
        value.append(c);
      }
    }
    if (isAtEnd() || peek() == '\n') {
      error("unterminated string: expected a closing " + quote + " on the same line");
      return;
    }
    advance();
    add(TokenType.STRING, Value.of(value.toString()));
  }

  private void newLine() {
    line++;
    lineStart = current;
  }

  private void add(TokenType type) {
    add(type, null);
  }

  private void add(TokenType type, Value literal) {
    tokens.add(new Token(type, source.substring(start, current), literal, startLine, startColumn));
  }

  private void error(String message) {
    diagnostics.report(startLine, startColumn, message);
  }

  private boolean match(char expected) {
    if (isAtEnd() || source.charAt(current) != expected) {
      return false;
    }
    current++;
    return true;
  }

  private char advance() {
    return source.charAt(current++);
  }

  private char peek() {
    return isAtEnd() ? '\0' : source.charAt(current);
  }

  private char peekNext() {
    return current + 1 >= source.length() ? '\0' : source.charAt(current + 1);
  }

  private char peekAfterNext() {
    return current + 2 >= source.length() ? '\0' : source.charAt(current + 2);
  }

  private boolean isAtEnd() {
    return current >= source.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }
}
