package org.tracr4j.lang;

import java.util.List;
import org.tracr4j.rasp.Value;

/** The expressions of the {@code .rasp} syntax tree. Each knows the token that locates it in errors. */
sealed interface Expr {
  /** The token an error about this expression points at. */
  Token location();

  /** A number, string, {@code true}, {@code false} or {@code none}. */
  record Literal(Token token, Value value) implements Expr {
    @Override
    public Token location() {
      return token;
    }
  }

  /** A name: a built-in s-op, a bound name, a function parameter or a lambda parameter. */
  record Name(Token name) implements Expr {
    @Override
    public Token location() {
      return name;
    }
  }

  /** A bare comparison operator such as {@code ==}: a selector predicate ({@code select(k, q, ==)}). */
  record ComparisonSymbol(Token operator) implements Expr {
    @Override
    public Token location() {
      return operator;
    }
  }

  /** {@code -x} or {@code not x}. */
  record Unary(Token operator, Expr operand) implements Expr {
    @Override
    public Token location() {
      return operator;
    }
  }

  /** Arithmetic, comparison, {@code and} or {@code or}. */
  record Binary(Expr left, Token operator, Expr right) implements Expr {
    @Override
    public Token location() {
      return operator;
    }
  }

  /** {@code whenTrue if condition else whenFalse} (lambda bodies and constants). */
  record Conditional(Expr whenTrue, Token ifToken, Expr condition, Expr whenFalse) implements Expr {
    @Override
    public Token location() {
      return ifToken;
    }
  }

  /** {@code callee(arguments...)}: a built-in, library or user function. */
  record Call(Token callee, List<Expr> arguments) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }

    @Override
    public Token location() {
      return callee;
    }
  }

  /** {@code x -> body} or {@code (x, y) -> body}. */
  record Lambda(List<Token> parameters, Token arrow, Expr body) implements Expr {
    public Lambda {
      parameters = List.copyOf(parameters);
    }

    @Override
    public Token location() {
      return parameters.isEmpty() ? arrow : parameters.get(0);
    }
  }

  /** {@code [a, b, c]}: a list of constants (library arguments such as a pattern). */
  record ListLiteral(Token open, List<Expr> elements) implements Expr {
    public ListLiteral {
      elements = List.copyOf(elements);
    }

    @Override
    public Token location() {
      return open;
    }
  }

  /** {@code (expr)}: kept so that errors and printing see the parentheses. */
  record Grouping(Token open, Expr inner) implements Expr {
    @Override
    public Token location() {
      return inner.location();
    }
  }

  /**
   * {@code {key: value, ..., else: value}}: a table, the function given by its entries. Keys are constants
   * or, for a table of several arguments, tuples of constants; {@code otherwise} (after {@code else}) is
   * null when absent.
   */
  record Table(Token open, List<Entry> entries, Expr otherwise) implements Expr {
    public Table {
      entries = List.copyOf(entries);
    }

    @Override
    public Token location() {
      return open;
    }
  }

  /** One {@code key: value} of a table. */
  record Entry(Expr key, Token colon, Expr value) {}

  /** {@code {...}[a, b]}: a table looked up at the values of {@code arguments} (in a lambda body). */
  record Lookup(Table table, Token bracket, List<Expr> arguments) implements Expr {
    public Lookup {
      arguments = List.copyOf(arguments);
    }

    @Override
    public Token location() {
      return bracket;
    }
  }

  /** {@code (a, b)}: a table key of several values. */
  record Tuple(Token open, List<Expr> elements) implements Expr {
    public Tuple {
      elements = List.copyOf(elements);
    }

    @Override
    public Token location() {
      return open;
    }
  }
}
