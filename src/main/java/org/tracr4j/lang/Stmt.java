package org.tracr4j.lang;

import java.util.List;

/** The statements of the {@code .rasp} syntax tree. */
sealed interface Stmt {
  /** {@code name = value;} binds the name and names the expression. */
  record Assign(Token name, Expr value) implements Stmt {}

  /** {@code return value;}: the output of the program, or the result of a function. */
  record Return(Token keyword, Expr value) implements Stmt {}

  /** {@code def name(parameters) { body }}; the body ends with a return (the parser checks). */
  record Def(Token name, List<Token> parameters, List<Stmt> body) implements Stmt {
    public Def {
      parameters = List.copyOf(parameters);
      body = List.copyOf(body);
    }
  }
}
