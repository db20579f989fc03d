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
      return Rasp.select(s.keys(), s.queries(), Predicates.not(s.predicate()));
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
      p1 = Predicates.withKey(p1, f.fill());
    }
    if (b.keys() instanceof Full f) {
      keys = a.keys();
      p2 = Predicates.withKey(p2, f.fill());
    }
    if (a.queries() instanceof Full f) {
      queries = b.queries();
      p1 = Predicates.withQuery(p1, f.fill());
    }
    if (b.queries() instanceof Full f) {
      queries = a.queries();
      p2 = Predicates.withQuery(p2, f.fill());
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
    return Rasp.select(keys, queries, conjunction ? Predicates.and(p1, p2) : Predicates.or(p1, p2));
  }
}
