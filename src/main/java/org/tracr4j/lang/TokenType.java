package org.tracr4j.lang;

/** The kinds of token of the {@code .rasp} language. */
enum TokenType {
  LEFT_PAREN("("), RIGHT_PAREN(")"), LEFT_BRACE("{"), RIGHT_BRACE("}"), LEFT_BRACKET("["), RIGHT_BRACKET("]"),
  COMMA(","), COLON(":"), SEMICOLON(";"), ASSIGN("="), ARROW("->"),
  PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
  EQUAL_EQUAL("=="), BANG_EQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="),

  IDENTIFIER(null), STRING(null), NUMBER(null),

  AND("and"), OR("or"), NOT("not"), IF("if"), ELSE("else"), DEF("def"), RETURN("return"),
  TRUE("true"), FALSE("false"), NONE("none"),

  EOF(null);

  private final String text;

  TokenType(String text) {
    this.text = text;
  }

  /** The fixed spelling of this token, or null for identifiers, literals and the end of file. */
  String text() {
    return text;
  }

  boolean isComparison() {
    return switch (this) {
      case EQUAL_EQUAL, BANG_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
      default -> false;
    };
  }

  /** Keywords are the token types whose spelling is a word. */
  static TokenType keyword(String word) {
    for (TokenType type : values()) {
      if (type.text != null && Character.isLetter(type.text.charAt(0)) && type.text.equals(word)) {
        return type;
      }
    }
    return null;
  }
}
