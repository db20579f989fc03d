package org.tracr4j.rasp;

/**
 * Selector combinators with Tracr's simplification (tracr-reference §1.4): {@code not} of a Select negates
 * its predicate; {@code and}/{@code or} of two Selects merge into one Select when their keys and queries
 * line up (the same s-op, or a {@link Full} constant absorbed into the predicate). Otherwise the result is a
 * composite selector.
 */
final class Selectors {
  private Selectors() {}

  static Selector not(Selector selector) {
    if (selector instanceof Select s) {
      SelectorPredicate p = s.predicate();
      return Rasp.select(s.keys(), s.queries(),
          SelectorPredicate.described("not (" + p + ")", (k, q) -> !p.test(k, q)));
    }
    return new SelectorNot(selector, Meta.selector());
  }

  static Selector and(Selector first, Selector second) {
    Selector merged = merge(first, second, true);
    return merged != null ? merged : new SelectorAnd(first, second, Meta.selector());
  }

  static Selector or(Selector first, Selector second) {
    Selector merged = merge(first, second, false);
    return merged != null ? merged : new SelectorOr(first, second, Meta.selector());
  }

  /** The merge algorithm of tracr-reference §1.4, steps 1-6 in order; null when no merge applies. */
  private static Selector merge(Selector first, Selector second, boolean conjunction) {
    if (!(first instanceof Select a) || !(second instanceof Select b)) {
      return null;
    }
    SOp keys = null;
    SOp queries = null;
    SelectorPredicate p1 = a.predicate();
    SelectorPredicate p2 = b.predicate();
    if (a.keys() instanceof Full f) {
      keys = b.keys();
      SelectorPredicate old = p1;
      p1 = (k, q) -> old.test(f.fill(), q);
    }
    if (b.keys() instanceof Full f) {
      keys = a.keys();
      SelectorPredicate old = p2;
      p2 = (k, q) -> old.test(f.fill(), q);
    }
    if (a.queries() instanceof Full f) {
      queries = b.queries();
      SelectorPredicate old = p1;
      p1 = (k, q) -> old.test(k, f.fill());
    }
    if (b.queries() instanceof Full f) {
      queries = a.queries();
      SelectorPredicate old = p2;
      p2 = (k, q) -> old.test(k, f.fill());
    }
    if (a.keys().equals(b.keys())) {
      keys = a.keys();
    }
    if (a.queries().equals(b.queries())) {
      queries = a.queries();
    }
    if (keys == null || queries == null) {
      return null;
    }
    SelectorPredicate left = p1;
    SelectorPredicate right = p2;
    String source = "(" + a.predicate() + ") " + (conjunction ? "and" : "or") + " (" + b.predicate() + ")";
    SelectorPredicate combined = conjunction
        ? (k, q) -> left.test(k, q) && right.test(k, q)
        : (k, q) -> left.test(k, q) || right.test(k, q);
    return Rasp.select(keys, queries, SelectorPredicate.described(source, combined));
  }
}
