package org.tracr4j.rasp;

/**
 * Decides whether a query attends to a key. Called as {@code test(key, query)}: keys first, as in RASP.
 * The eight {@link Comparison}s are the built-in predicates; a {@link Lambda} (selecting where its value is
 * truthy) or their combinations ({@link Predicates}) are the others; a Java closure works too but is opaque.
 */
@FunctionalInterface
public interface SelectorPredicate {
  boolean test(Value key, Value query);

  /** Returns {@code predicate} with {@code source} as its printed form. */
  static SelectorPredicate described(String source, SelectorPredicate predicate) {
    return new SelectorPredicate() {
      @Override
      public boolean test(Value key, Value query) {
        return predicate.test(key, query);
      }

      @Override
      public String toString() {
        return source;
      }
    };
  }
}
