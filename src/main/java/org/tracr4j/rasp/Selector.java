package org.tracr4j.rasp;

/**
 * A selector: for an input of length n, an n×n boolean matrix whose row q says which keys query q attends
 * to. {@link #and}, {@link #or} and {@link #not} simplify to a single {@link Select} when they can
 * (tracr-reference §1.4), so the result stays compilable as one attention head.
 */
public sealed interface Selector extends RaspExpr permits Select, SelectorAnd, SelectorOr, SelectorNot {

  @Override
  Selector named(String name);

  default Selector and(Selector other) {
    return Selectors.and(this, other);
  }

  default Selector or(Selector other) {
    return Selectors.or(this, other);
  }

  default Selector not() {
    return Selectors.not(this);
  }
}
