package org.tracr4j.lang;

import static org.tracr4j.lang.TokenType.AND;
import static org.tracr4j.lang.TokenType.ARROW;
import static org.tracr4j.lang.TokenType.ASSIGN;
import static org.tracr4j.lang.TokenType.COLON;
import static org.tracr4j.lang.TokenType.COMMA;
import static org.tracr4j.lang.TokenType.DEF;
import static org.tracr4j.lang.TokenType.ELSE;
import static org.tracr4j.lang.TokenType.EOF;
import static org.tracr4j.lang.TokenType.FALSE;
import static org.tracr4j.lang.TokenType.IDENTIFIER;
import static org.tracr4j.lang.TokenType.IF;
import static org.tracr4j.lang.TokenType.LEFT_BRACE;
import static org.tracr4j.lang.TokenType.LEFT_BRACKET;
import static org.tracr4j.lang.TokenType.LEFT_PAREN;
import static org.tracr4j.lang.TokenType.MINUS;
import static org.tracr4j.lang.TokenType.NONE;
import static org.tracr4j.lang.TokenType.NOT;
import static org.tracr4j.lang.TokenType.NUMBER;
import static org.tracr4j.lang.TokenType.OR;
import static org.tracr4j.lang.TokenType.PERCENT;
import static org.tracr4j.lang.TokenType.PLUS;
import static org.tracr4j.lang.TokenType.RETURN;
import static org.tracr4j.lang.TokenType.RIGHT_BRACE;
import static org.tracr4j.lang.TokenType.RIGHT_BRACKET;
import static org.tracr4j.lang.TokenType.RIGHT_PAREN;
import static org.tracr4j.lang.TokenType.SEMICOLON;
import static org.tracr4j.lang.TokenType.SLASH;
import static org.tracr4j.lang.TokenType.STAR;
import static org.tracr4j.lang.TokenType.STRING;
import static org.tracr4j.lang.TokenType.TRUE;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the grammar in {@code docs/rasp-language.md}: one method per rule, from
 * the lowest precedence to the highest. On a syntax error it reports, skips to the next statement
 * boundary and goes on, so one run reports every syntax error.
 */
final class Parser {
  /**
   * The deepest expression accepted: parentheses, operators, calls and lambdas nested in one statement
   * (documented in docs/rasp-language.md). Every stage after the parser walks expressions recursively, so a
   * deeper one is rejected here, with one error, rather than overflowing a stack later.
   */
  static final int MAX_DEPTH = 500;

  /** Unwinds from a syntax error to the statement being parsed; the error is already reported. */
  private static final class ParseError extends RuntimeException {
    ParseError() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final Diagnostics diagnostics;
  private int current;
  /** How many rules deep the parser is in the current statement (see {@link #MAX_DEPTH}). */
  private int depth;
  /** Inside a {@code def} body, where a {@code }} ends the body (elsewhere it closes a table). */
  private boolean inBody;

  Parser(List<Token> tokens, Diagnostics diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  /** program = { statement } EOF */
  List<Stmt> parse() {
    List<Stmt> statements = new ArrayList<>();
    while (!isAtEnd()) {
      Stmt statement = recovering(this::topLevelStatement);
      if (statement != null) {
        statements.add(statement);
      }
    }
    return statements;
  }

  /** Runs one statement rule; on a syntax error skips to the next statement and returns null. */
  private Stmt recovering(java.util.function.Supplier<Stmt> rule) {
    int start = current;
    try {
      Stmt statement = rule.get();
      checkDepth(statement);
      return statement;
    } catch (ParseError error) {
      depth = 0;
      if (current == start) {
        advance();
      }
      synchronize();
      return null;
    }
  }

  /** statement = definition | assignment | return */
  private Stmt topLevelStatement() {
    if (match(DEF)) {
      return definition();
    }
    return statement("a statement (`name = expr;`, `return expr;` or `def`)");
  }

  /** assignment = IDENTIFIER "=" expression ";" ;  return = "return" expression ";" */
  private Stmt statement(String expected) {
    if (match(RETURN)) {
      Token keyword = previous();
      Expr value = expression();
      consume(SEMICOLON, "`;` after the returned expression");
      return new Stmt.Return(keyword, value);
    }
    if (check(IDENTIFIER)) {
      Token name = advance();
      consume(ASSIGN, "`=` after `" + name.lexeme() + "` (a statement is `name = expr;`)");
      Expr value = expression();
      consume(SEMICOLON, "`;` after the statement");
      return new Stmt.Assign(name, value);
    }
    throw error(peek(), "expected " + expected + ", found " + peek().describe());
  }

  /** definition = "def" IDENTIFIER "(" [ parameters ] ")" "{" { assignment } return "}" */
  private Stmt definition() {
    Token name = consume(IDENTIFIER, "a function name after `def`");
    Token open = consume(LEFT_PAREN, "`(` after the function name");
    List<Token> parameters = new ArrayList<>();
    if (!check(RIGHT_PAREN)) {
      parameters = parameters();
    }
    consumeClosing(RIGHT_PAREN, open, "the parameters of `" + name.lexeme() + "`");
    Token brace = consume(LEFT_BRACE, "`{` to start the body of `" + name.lexeme() + "`");
    boolean outer = inBody;
    inBody = true;
    try {
      return new Stmt.Def(name, parameters, body(name, brace));
    } finally {
      inBody = outer;
    }
  }

  private List<Stmt> body(Token name, Token brace) {
    List<Stmt> body = new ArrayList<>();
    while (!check(RIGHT_BRACE) && !isAtEnd()) {
      if (match(DEF)) {
        diagnostics.report(previous(), "functions cannot be defined inside a function");
        recovering(this::definition);
        continue;
      }
      Stmt statement = recovering(() -> statement("a statement of the body of `" + name.lexeme() + "`"));
      if (statement != null) {
        body.add(statement);
      }
    }
    Token close = consumeClosing(RIGHT_BRACE, brace, "the body of `" + name.lexeme() + "`");
    checkBody(name, body, close);
    return body;
  }

  private void checkBody(Token name, List<Stmt> body, Token close) {
    for (int i = 0; i < body.size() - 1; i++) {
      if (body.get(i) instanceof Stmt.Return r) {
        error(r.keyword(), "`return` must be the last statement of `" + name.lexeme() + "`");
      }
    }
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return)) {
      error(close, "function `" + name.lexeme() + "` must end with `return expr;`");
    }
  }

  /** parameters = IDENTIFIER { "," IDENTIFIER } (names distinct) */
  private List<Token> parameters() {
    List<Token> parameters = new ArrayList<>();
    do {
      Token parameter = consume(IDENTIFIER, "a parameter name");
      for (Token earlier : parameters) {
        if (earlier.lexeme().equals(parameter.lexeme())) {
          error(parameter, "duplicate parameter `" + parameter.lexeme() + "`");
        }
      }
      parameters.add(parameter);
    } while (match(COMMA));
    return parameters;
  }

  /** expression = lambda | conditional */
  private Expr expression() {
    enter();
    try {
      if (isLambdaStart()) {
        return lambda();
      }
      return conditional();
    } finally {
      depth--;
    }
  }

  /** Counts one level of nesting; past {@link #MAX_DEPTH} reports it and unwinds the statement. */
  private void enter() {
    // The statement's own expression is level 0, so MAX_DEPTH parentheses inside it are accepted.
    if (++depth > MAX_DEPTH + 1) {
      throw error(peek(), "expression nested more than " + MAX_DEPTH + " levels deep; name some inner parts "
          + "(`x = ...;`) to flatten it");
    }
  }

  /**
   * Rejects a statement whose expression tree is deeper than {@link #MAX_DEPTH}: a long chain such as
   * {@code 1 + 1 + ... + tokens} parses in a loop but nests as deeply as parentheses. Walks without
   * recursion, since the tree may be deep.
   */
  private void checkDepth(Stmt statement) {
    Expr root = switch (statement) {
      case Stmt.Assign a -> a.value();
      case Stmt.Return r -> r.value();
      case Stmt.Def d -> null;
    };
    if (root == null) {
      return;
    }
    java.util.ArrayDeque<Expr> pending = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
    pending.push(root);
    depths.push(0);
    while (!pending.isEmpty()) {
      Expr expr = pending.pop();
      int level = depths.pop();
      if (level > MAX_DEPTH) {
        throw error(expr.location(), "expression nested more than " + MAX_DEPTH + " levels deep; name some "
            + "inner parts (`x = ...;`) to flatten it");
      }
      for (Expr child : children(expr)) {
        pending.push(child);
        // Parentheses add no level: (1 + (1 + tokens)) is as deep as 1 + 1 + tokens.
        depths.push(expr instanceof Expr.Grouping ? level : level + 1);
      }
    }
  }

  private static List<Expr> children(Expr expr) {
    return switch (expr) {
      case Expr.Literal l -> List.of();
      case Expr.Name n -> List.of();
      case Expr.ComparisonSymbol c -> List.of();
      case Expr.Unary u -> List.of(u.operand());
      case Expr.Binary b -> List.of(b.left(), b.right());
      case Expr.Conditional c -> List.of(c.whenTrue(), c.condition(), c.whenFalse());
      case Expr.Call c -> c.arguments();
      case Expr.Lambda l -> List.of(l.body());
      case Expr.ListLiteral l -> l.elements();
      case Expr.Grouping g -> List.of(g.inner());
      case Expr.Table t -> {
        List<Expr> parts = new ArrayList<>();
        for (Expr.Entry entry : t.entries()) {
          parts.add(entry.key());
          parts.add(entry.value());
        }
        if (t.otherwise() != null) {
          parts.add(t.otherwise());
        }
        yield parts;
      }
      case Expr.Lookup l -> {
        List<Expr> parts = new ArrayList<>(l.arguments());
        parts.add(l.table());
        yield parts;
      }
      case Expr.Tuple t -> t.elements();
    };
  }

  /** lambda = ( IDENTIFIER | "(" [ parameters ] ")" ) "->" expression */
  private Expr lambda() {
    List<Token> parameters;
    if (check(IDENTIFIER)) {
      parameters = List.of(advance());
    } else {
      Token open = advance();
      parameters = check(RIGHT_PAREN) ? List.of() : parameters();
      consumeClosing(RIGHT_PAREN, open, "the lambda parameters");
    }
    Token arrow = consume(ARROW, "`->` after the lambda parameters");
    return new Expr.Lambda(parameters, arrow, expression());
  }

  /** conditional = disjunction [ "if" disjunction "else" expression ] */
  private Expr conditional() {
    Expr whenTrue = disjunction();
    if (match(IF)) {
      Token ifToken = previous();
      Expr condition = disjunction();
      consume(ELSE, "`else` after the condition of `if`");
      return new Expr.Conditional(whenTrue, ifToken, condition, expression());
    }
    return whenTrue;
  }

  /** disjunction = conjunction { "or" conjunction } */
  private Expr disjunction() {
    Expr expr = conjunction();
    while (match(OR)) {
      Token operator = previous();
      expr = new Expr.Binary(expr, operator, conjunction());
    }
    return expr;
  }

  /** conjunction = negation { "and" negation } */
  private Expr conjunction() {
    Expr expr = negation();
    while (match(AND)) {
      Token operator = previous();
      expr = new Expr.Binary(expr, operator, negation());
    }
    return expr;
  }

  /** negation = "not" negation | comparison */
  private Expr negation() {
    if (match(NOT)) {
      Token operator = previous();
      enter();
      try {
        return new Expr.Unary(operator, negation());
      } finally {
        depth--;
      }
    }
    return comparison();
  }

  /** comparison = sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum ] (no chaining) */
  private Expr comparison() {
    Expr expr = sum();
    if (peek().type().isComparison()) {
      Token operator = advance();
      expr = new Expr.Binary(expr, operator, sum());
      if (peek().type().isComparison()) {
        throw error(peek(), "comparisons cannot be chained; combine them with `and`");
      }
    }
    return expr;
  }

  /** sum = product { ( "+" | "-" ) product } */
  private Expr sum() {
    Expr expr = product();
    while (match(PLUS, MINUS)) {
      Token operator = previous();
      expr = new Expr.Binary(expr, operator, product());
    }
    return expr;
  }

  /** product = unary { ( "*" | "/" | "%" ) unary } */
  private Expr product() {
    Expr expr = unary();
    while (match(STAR, SLASH, PERCENT)) {
      Token operator = previous();
      expr = new Expr.Binary(expr, operator, unary());
    }
    return expr;
  }

  /** unary = "-" unary | call */
  private Expr unary() {
    if (match(MINUS)) {
      Token operator = previous();
      enter();
      try {
        return new Expr.Unary(operator, unary());
      } finally {
        depth--;
      }
    }
    return call();
  }

  /** call = IDENTIFIER "(" [ arguments ] ")" | primary */
  private Expr call() {
    if (check(IDENTIFIER) && checkNext(LEFT_PAREN)) {
      Token callee = advance();
      Token open = advance();
      List<Expr> arguments = new ArrayList<>();
      if (!check(RIGHT_PAREN)) {
        do {
          arguments.add(expression());
        } while (match(COMMA));
      }
      consumeClosing(RIGHT_PAREN, open, "the arguments of `" + callee.lexeme() + "`");
      return new Expr.Call(callee, arguments);
    }
    return primary();
  }

  /**
   * primary = NUMBER | STRING | "true" | "false" | "none" | IDENTIFIER | comparison_operator
   *         | "(" expression ")" | "(" expression "," expression { "," expression } ")"
   *         | table [ "[" expression { "," expression } "]" ] | "[" [ expression { "," expression } ] "]"
   */
  private Expr primary() {
    if (match(NUMBER, STRING, TRUE, FALSE, NONE)) {
      return new Expr.Literal(previous(), previous().literal());
    }
    if (match(IDENTIFIER)) {
      return new Expr.Name(previous());
    }
    if (peek().type().isComparison()) {
      return new Expr.ComparisonSymbol(advance());
    }
    if (match(LEFT_PAREN)) {
      Token open = previous();
      Expr inner = expression();
      if (match(COMMA)) {
        List<Expr> elements = new ArrayList<>(List.of(inner));
        do {
          elements.add(expression());
        } while (match(COMMA));
        consumeClosing(RIGHT_PAREN, open, "the tuple");
        return new Expr.Tuple(open, elements);
      }
      consumeClosing(RIGHT_PAREN, open, "the parenthesized expression");
      return new Expr.Grouping(open, inner);
    }
    if (match(LEFT_BRACE)) {
      return lookup(table(previous()));
    }
    if (match(LEFT_BRACKET)) {
      Token open = previous();
      List<Expr> elements = new ArrayList<>();
      if (!check(RIGHT_BRACKET)) {
        do {
          elements.add(expression());
        } while (match(COMMA));
      }
      consumeClosing(RIGHT_BRACKET, open, "the list");
      return new Expr.ListLiteral(open, elements);
    }
    throw error(peek(), "expected an expression, found " + peek().describe());
  }

  /** table = "{" entry { "," entry } [ "," "else" ":" expression ] "}" ;  entry = expression ":" expression */
  private Expr.Table table(Token open) {
    List<Expr.Entry> entries = new ArrayList<>();
    Expr otherwise = null;
    do {
      if (match(ELSE)) {
        consume(COLON, "`:` after `else` in the table");
        otherwise = expression();
        break;
      }
      Expr key = expression();
      Token colon = consume(COLON, "`:` after the table key");
      entries.add(new Expr.Entry(key, colon, expression()));
    } while (match(COMMA));
    consumeClosing(RIGHT_BRACE, open, "the table");
    if (entries.isEmpty()) {
      throw error(open, "a table needs at least one `key: value` entry");
    }
    return new Expr.Table(open, entries, otherwise);
  }

  /** An optional lookup after a table: {@code {...}[x]}. */
  private Expr lookup(Expr.Table table) {
    if (!match(LEFT_BRACKET)) {
      return table;
    }
    Token bracket = previous();
    List<Expr> arguments = new ArrayList<>();
    do {
      arguments.add(expression());
    } while (match(COMMA));
    consumeClosing(RIGHT_BRACKET, bracket, "the table lookup");
    return new Expr.Lookup(table, bracket, arguments);
  }

  /** A lambda starts with {@code x ->}, {@code () ->} or {@code (x, y, ...) ->}. */
  private boolean isLambdaStart() {
    if (check(IDENTIFIER)) {
      return checkNext(ARROW);
    }
    if (!check(LEFT_PAREN)) {
      return false;
    }
    int i = current + 1;
    if (typeAt(i) == RIGHT_PAREN) {
      return typeAt(i + 1) == ARROW;
    }
    while (typeAt(i) == IDENTIFIER) {
      if (typeAt(i + 1) == RIGHT_PAREN) {
        return typeAt(i + 2) == ARROW;
      }
      if (typeAt(i + 1) != COMMA) {
        return false;
      }
      i += 2;
    }
    return false;
  }

  /** Skips to the next statement: after a `;`, or before `def`, `return`, `name =` or the `}` of a body. */
  private void synchronize() {
    while (!isAtEnd()) {
      if (current > 0 && previous().type() == SEMICOLON) {
        return;
      }
      switch (peek().type()) {
        case DEF, RETURN -> {
          return;
        }
        case RIGHT_BRACE -> {
          if (inBody) {
            return;
          }
        }
        case IDENTIFIER -> {
          if (checkNext(ASSIGN) && current > 0 && peek().line() > previous().line()) {
            return;
          }
        }
        default -> { }
      }
      advance();
    }
  }

  private Token consume(TokenType type, String expected) {
    if (check(type)) {
      return advance();
    }
    throw error(missingAt(), "expected " + expected + ", found " + peek().describe());
  }

  /** Consumes a closing bracket; the message names where the opening one is. */
  private Token consumeClosing(TokenType type, Token open, String of) {
    if (check(type)) {
      return advance();
    }
    boolean list = of.startsWith("the arguments") || of.startsWith("the list") || of.startsWith("the table") || of.equals("the tuple");
    throw error(missingAt(), "unclosed `" + open.lexeme() + "` of " + of + " at " + open.line() + ":"
        + open.column() + ": expected " + (list ? "`,` or " : "") + "`" + type.text() + "`, found "
        + peek().describe());
  }

  /**
   * Where to report a missing token: at the next token if it is on the same line as the previous one, else
   * just after the previous token (a missing {@code ;} is reported at the end of its line, not the next).
   */
  private Token missingAt() {
    Token next = peek();
    if (current == 0 || next.line() == previous().line()) {
      return next;
    }
    Token last = previous();
    return new Token(last.type(), "", null, last.line(), last.endColumn());
  }

  private ParseError error(Token token, String message) {
    diagnostics.report(token, message);
    return new ParseError();
  }

  private boolean match(TokenType... types) {
    for (TokenType type : types) {
      if (check(type)) {
        advance();
        return true;
      }
    }
    return false;
  }

  private boolean check(TokenType type) {
    return peek().type() == type;
  }

  private boolean checkNext(TokenType type) {
    return typeAt(current + 1) == type;
  }

  private TokenType typeAt(int index) {
    return index < tokens.size() ? tokens.get(index).type() : EOF;
  }

  private Token advance() {
    if (!isAtEnd()) {
      current++;
    }
    return previous();
  }

  private boolean isAtEnd() {
    return peek().type() == EOF;
  }

  private Token peek() {
    return tokens.get(current);
  }

  private Token previous() {
    return tokens.get(current - 1);
  }
}
