package org.tracr4j.rasp;

import java.util.List;

/**
 * A RASP expression: an s-op (a sequence to sequence function) or a selector (a sequence to attention
 * matrix function). Expressions are immutable records; identity is {@link Meta#id()} (records override
 * {@code equals}/{@code hashCode} to compare ids only, so shared sub-DAGs are never walked recursively).
 */
public sealed interface RaspExpr permits SOp, Selector {
  Meta meta();

  /** Direct sub-expressions, in a fixed order (it fixes graph node order and hence head order). */
  List<RaspExpr> children();

  /** The default name of this kind of expression: {@code map}, {@code aggregate}, {@code select}, ... */
  String defaultName();

  /** The user-given name, or the default name of the kind. */
  default String name() {
    return meta().hasName() ? meta().name() : defaultName();
  }

  /**
   * The identity of this expression (its meta's id). Hot loops call {@code meta().id()} instead: on an
   * interface with a dozen record implementations both calls are megamorphic, and that takes one, not two.
   */
  default long id() {
    return meta().id();
  }

  /** A short description for error messages: the name, and where it was written when known. */
  default String describe() {
    String origin = meta().origin();
    return origin == null ? name() : name() + " (" + origin + ")";
  }

  /** A copy with the given name (and a new identity). */
  RaspExpr named(String name);
}
