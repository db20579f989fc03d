package org.tracr4j.rasp;

/**
 * The eight built-in selector predicates. Each means {@code key <op> query}: for example
 * {@code select(indices, indices, LT)} selects, for query position q, the keys k with k < q.
 * A none key or query is an error (Tracr: "key is None!").
 */
public enum Comparison implements SelectorPredicate {
  EQ("=="),
  NEQ("!="),
  LT("<"),
  LEQ("<="),
  GT(">"),
  GEQ(">="),
  TRUE("true"),
  FALSE("false");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /** The symbol as written in {@code .rasp} programs. */
  public String symbol() {
    return symbol;
  }

  /** Looks up a comparison by its {@code .rasp} symbol; null when there is none. */
  public static Comparison fromSymbol(String symbol) {
    for (Comparison c : values()) {
      if (c.symbol.equals(symbol)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public boolean test(Value key, Value query) {
    if (key.isNone()) {
      throw new ArithmeticException("key is none");
    }
    if (query.isNone()) {
      throw new ArithmeticException("query is none");
    }
    return switch (this) {
      case EQ -> ValueOperations.equal(key, query);
      case NEQ -> !ValueOperations.equal(key, query);
      case LT -> ValueOperations.order(key, query) < 0;
      case LEQ -> ValueOperations.order(key, query) <= 0;
      case GT -> ValueOperations.order(key, query) > 0;
      case GEQ -> ValueOperations.order(key, query) >= 0;
      case TRUE -> true;
      case FALSE -> false;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
