package org.tracr4j.rasp;

/**
 * An element-wise function of two arguments, for {@link SequenceMap}. Must be pure. Usually a {@link Lambda};
 * a Java closure is opaque (see {@link UnaryFunction}).
 */
@FunctionalInterface
public interface BinaryFunction {
  Value apply(Value x, Value y);

  /** Returns {@code function} with {@code source} as its printed form. */
  static BinaryFunction described(String source, BinaryFunction function) {
    return new BinaryFunction() {
      @Override
      public Value apply(Value x, Value y) {
        return function.apply(x, y);
      }

      @Override
      public String toString() {
        return source;
      }
    };
  }
}
