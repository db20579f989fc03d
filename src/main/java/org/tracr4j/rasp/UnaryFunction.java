package org.tracr4j.rasp;

/**
 * An element-wise function of an {@link ElementwiseMap}. Must be pure. The language, the operator builders,
 * the library and the generator pass a {@link Lambda}, which every stage can read and print; a Java closure
 * works too but is opaque: it prints only as its {@link #toString()}, which {@link #described} sets.
 */
@FunctionalInterface
public interface UnaryFunction {
  Value apply(Value x);

  /** Returns {@code function} with {@code source} as its printed form. */
  static UnaryFunction described(String source, UnaryFunction function) {
    return new UnaryFunction() {
      @Override
      public Value apply(Value x) {
        return function.apply(x);
      }

      @Override
      public String toString() {
        return source;
      }
    };
  }
}
