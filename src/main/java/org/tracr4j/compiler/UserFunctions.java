package org.tracr4j.compiler;

import java.util.function.Supplier;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * The compiler calls a program's functions on every value of a value set, including inputs a run never
 * reaches (e.g. 1/x at x = 0). A call that fails the way the interpreter would report as an evaluation error
 * (arithmetic, wrong type, bad argument) has no result here: there is no RASP answer for the model to match.
 */
final class UserFunctions {
  private UserFunctions() {}

  /** The function's result (none for a null result), or null when the call fails. */
  static Value call(Supplier<Value> call) {
    try {
      Value v = call.get();
      return v == null ? Value.NONE : v;
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The function's result (none for a null result), or null when the call fails, after telling {@code
   * onFailure} why (the interpreter's message for the same failure).
   */
  static Value call(Supplier<Value> call, java.util.function.Consumer<String> onFailure) {
    try {
      Value v = call.get();
      return v == null ? Value.NONE : v;
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      onFailure.accept(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return null;
    }
  }

  /** The function's result when it is a value (not none, not a failure), else null. */
  static Value value(Supplier<Value> call) {
    Value v = call(call);
    return v == null || v.isNone() ? null : v;
  }

  /** Whether {@code predicate} selects the key for the query; a failing comparison (e.g. with none) does not. */
  static boolean selects(SelectorPredicate predicate, Value key, Value query) {
    try {
      return predicate.test(key, query);
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      return false;
    }
  }
}
