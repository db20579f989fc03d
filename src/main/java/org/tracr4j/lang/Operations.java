package org.tracr4j.lang;

import org.tracr4j.rasp.Operators;

/** The RASP operator each operator token stands for. */
final class Operations {
  private Operations() {}

  static Operators.Binary binary(TokenType type) {
    return switch (type) {
      case PLUS -> Operators.Binary.ADD;
      case MINUS -> Operators.Binary.SUBTRACT;
      case STAR -> Operators.Binary.MULTIPLY;
      case SLASH -> Operators.Binary.DIVIDE;
      case PERCENT -> Operators.Binary.MODULO;
      case EQUAL_EQUAL -> Operators.Binary.EQ;
      case BANG_EQUAL -> Operators.Binary.NE;
      case LESS -> Operators.Binary.LT;
      case LESS_EQUAL -> Operators.Binary.LE;
      case GREATER -> Operators.Binary.GT;
      case GREATER_EQUAL -> Operators.Binary.GE;
      case AND -> Operators.Binary.AND;
      case OR -> Operators.Binary.OR;
      default -> throw new IllegalArgumentException("not a binary operator: " + type);
    };
  }
}
