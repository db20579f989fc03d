package org.tracr4j.rasp;

/**
 * An element-wise function of a {@link ElementwiseMap}. Must be pure. {@link #toString()} should give its source
 * (e.g. {@code x -> x + 1}) so that programs print readably; {@link #described} attaches one.
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
