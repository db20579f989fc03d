package org.tracr4j.lang;

/**
 * Binding strength of the {@code .rasp} expression forms, loosest first, as the grammar in
 * docs/rasp-language.md orders them. The printers parenthesise a sub-expression only where its form binds
 * more loosely than its context.
 */
final class Precedence {
  static final int LAMBDA = 0;
  static final int CONDITIONAL = 1;
  static final int OR = 2;
  static final int AND = 3;
  static final int NOT = 4;
  static final int COMPARISON = 5;
  static final int SUM = 6;
  static final int PRODUCT = 7;
  static final int UNARY = 8;
  static final int ATOM = 9;

  private Precedence() {}
}
