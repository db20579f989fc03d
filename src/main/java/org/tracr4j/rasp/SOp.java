package org.tracr4j.rasp;

/**
 * A sequence operation: maps an input sequence to a sequence of the same length. The fluent operator
 * methods build maps and sequence maps as Tracr's Python operator overloads do (tracr-reference §1.7):
 * with a constant they build a {@link ElementwiseMap}, with another s-op a {@link SequenceMap}.
 */
public sealed interface SOp extends RaspExpr
    permits Tokens, Indices, Length, ElementwiseMap, SequenceMap, LinearSequenceMap, Full, Aggregate, SelectorWidth {

  default Encoding encoding() {
    return meta().encoding();
  }

  /** A copy with the same operands and the given meta (used by renaming and re-encoding). */
  SOp withMeta(Meta meta);

  @Override
  default SOp named(String name) {
    return withMeta(meta().named(name));
  }

  default SOp withEncoding(Encoding encoding) {
    return withMeta(meta().encoded(encoding));
  }

  default SOp numerical() {
    return withEncoding(Encoding.NUMERICAL);
  }

  default SOp categorical() {
    return withEncoding(Encoding.CATEGORICAL);
  }

  // meta().encoding(), not encoding(): one megamorphic interface call instead of two (see RaspExpr#id).
  default boolean isNumerical() {
    return meta().encoding() == Encoding.NUMERICAL;
  }

  default boolean isCategorical() {
    return meta().encoding() == Encoding.CATEGORICAL;
  }

  default SOp add(Object other) {
    return Operators.apply(Operators.Binary.ADD, this, other);
  }

  default SOp subtract(Object other) {
    return Operators.apply(Operators.Binary.SUBTRACT, this, other);
  }

  default SOp multiply(Object other) {
    return Operators.apply(Operators.Binary.MULTIPLY, this, other);
  }

  default SOp divide(Object other) {
    return Operators.apply(Operators.Binary.DIVIDE, this, other);
  }

  default SOp modulo(Object other) {
    return Operators.apply(Operators.Binary.MODULO, this, other);
  }

  default SOp eq(Object other) {
    return Operators.apply(Operators.Binary.EQ, this, other);
  }

  default SOp ne(Object other) {
    return Operators.apply(Operators.Binary.NE, this, other);
  }

  default SOp lt(Object other) {
    return Operators.apply(Operators.Binary.LT, this, other);
  }

  default SOp le(Object other) {
    return Operators.apply(Operators.Binary.LE, this, other);
  }

  default SOp gt(Object other) {
    return Operators.apply(Operators.Binary.GT, this, other);
  }

  default SOp ge(Object other) {
    return Operators.apply(Operators.Binary.GE, this, other);
  }

  default SOp and(Object other) {
    return Operators.apply(Operators.Binary.AND, this, other);
  }

  default SOp or(Object other) {
    return Operators.apply(Operators.Binary.OR, this, other);
  }

  default SOp not() {
    return Operators.not(this);
  }

  default SOp negate() {
    return Operators.negate(this);
  }
}
