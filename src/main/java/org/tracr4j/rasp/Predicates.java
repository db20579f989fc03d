package org.tracr4j.rasp;

import java.util.List;

/**
 * Combinations of selector predicates: {@code not p}, {@code p and q}, {@code p or q}, and a predicate
 * with its key or query fixed to a constant (Tracr's selector merge absorbing a {@link Full}). Comparisons
 * and lambdas combine into one {@link Lambda} (a comparison becomes a {@link Term.Compare}), so the result
 * prints and can be read; a Java closure makes the result a closure.
 */
public final class Predicates {
  private Predicates() {}

  public static SelectorPredicate not(SelectorPredicate p) {
    Term t = term(p);
    if (t != null) {
      return new Lambda(names(p), new Term.Unary(Term.UnaryOperator.NOT, t));
    }
    return SelectorPredicate.described("not (" + p + ")", (k, q) -> !p.test(k, q));
  }

  public static SelectorPredicate and(SelectorPredicate left, SelectorPredicate right) {
    return combined(left, right, true);
  }

  public static SelectorPredicate or(SelectorPredicate left, SelectorPredicate right) {
    return combined(left, right, false);
  }

  /** {@code (k, q) -> p(key, q)}. */
  public static SelectorPredicate withKey(SelectorPredicate p, Value key) {
    Term t = term(p);
    if (t != null) {
      return new Lambda(names(p), t.substituted(List.of(new Term.Constant(key), new Term.Parameter(1))));
    }
    return (k, q) -> p.test(key, q);
  }

  /** {@code (k, q) -> p(k, query)}. */
  public static SelectorPredicate withQuery(SelectorPredicate p, Value query) {
    Term t = term(p);
    if (t != null) {
      return new Lambda(names(p), t.substituted(List.of(new Term.Parameter(0), new Term.Constant(query))));
    }
    return (k, q) -> p.test(k, query);
  }

  /** The predicate as a term of its key (parameter 0) and query (parameter 1); null for a Java closure. */
  public static Term term(SelectorPredicate predicate) {
    return switch (predicate) {
      case Comparison c -> Term.Compare.of(c);
      case Lambda l when l.arity() == 2 -> l.body();
      default -> null;
    };
  }

  private static List<String> names(SelectorPredicate predicate) {
    return predicate instanceof Lambda l ? l.parameters() : List.of("k", "q");
  }

  private static SelectorPredicate combined(SelectorPredicate left, SelectorPredicate right, boolean conjunction) {
    Term l = term(left);
    Term r = term(right);
    if (l != null && r != null) {
      return new Lambda(names(left), new Term.Binary(conjunction ? Operators.Binary.AND : Operators.Binary.OR, l, r));
    }
    String source = "(" + left + ") " + (conjunction ? "and" : "or") + " (" + right + ")";
    return SelectorPredicate.described(source, conjunction
        ? (k, q) -> left.test(k, q) && right.test(k, q)
        : (k, q) -> left.test(k, q) || right.test(k, q));
  }
}
