package org.tracr4j.generate;

/**
 * The kinds of statement a generated program is made of: one per construct the compiler supports. The
 * generator's weights are keyed by these, and {@link GeneratedProgram#constructCounts()} counts them.
 */
public enum Construct {
  /** {@code map} from a categorical s-op to a categorical s-op (lookup-table MLP). */
  CATEGORICAL_MAP,
  /** {@code numerical(map(...))} of a categorical s-op with numeric outputs. */
  CATEGORICAL_TO_NUMERICAL_MAP,
  /** {@code numerical(map(...))} of a numerical s-op (discretising MLP). */
  NUMERICAL_TO_NUMERICAL_MAP,
  /** categorical {@code map} of a numerical s-op (discretising MLP). */
  NUMERICAL_TO_CATEGORICAL_MAP,
  /** {@code sequence_map} of two categorical s-ops. */
  SEQUENCE_MAP,
  /** {@code numerical(linear_sequence_map(...))} of two numerical s-ops. */
  LINEAR_SEQUENCE_MAP,
  /** {@code select(keys, queries, predicate)}, a comparison or a lambda. */
  SELECT,
  /** {@code a and b} of two selectors over the same keys and queries (simplifies to one select). */
  SELECTOR_AND,
  /** {@code a or b} of two selectors over the same keys and queries (simplifies to one select). */
  SELECTOR_OR,
  /** {@code not a} of a selector (simplifies to one select). */
  SELECTOR_NOT,
  /** {@code aggregate(selector, sop)} that picks at most one distinct value per query. */
  CATEGORICAL_AGGREGATE,
  /** {@code numerical(aggregate(selector, sop, 0))} of a 0/1 numerical s-op. */
  NUMERICAL_AGGREGATE,
  /** {@code selector_width(selector)}, categorical. */
  SELECTOR_WIDTH,
  /** {@code numerical(selector_width(selector))}. */
  NUMERICAL_SELECTOR_WIDTH,
  /** A call of a library program ({@code make_hist()}, {@code shift_by(1, v2)}, ...). */
  LIBRARY_CALL
}
