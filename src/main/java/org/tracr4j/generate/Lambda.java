package org.tracr4j.generate;

import java.util.List;
import java.util.Objects;
import org.tracr4j.rasp.BinaryFunction;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;

/**
 * A generated lambda: one or two parameter names and a {@link Term} body. It prints as {@code .rasp}
 * lambda syntax ({@code x -> x + 1}, {@code (k, q) -> k == q + 1}) and converts to the function types of
 * the RASP API with that source attached, so the printed program and the built one compute the same thing.
 */
public record Lambda(List<String> parameters, Term body) {
  public Lambda {
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(body, "body");
    if (parameters.isEmpty() || parameters.size() > 2) {
      throw new IllegalArgumentException("a lambda takes one or two parameters, got " + parameters);
    }
  }

  public static Lambda unary(Term body) {
    return new Lambda(List.of("x"), body);
  }

  public static Lambda binary(Term body) {
    return new Lambda(List.of("x", "y"), body);
  }

  public static Lambda predicate(Term body) {
    return new Lambda(List.of("k", "q"), body);
  }

  public Value apply(Value x) {
    return body.evaluate(List.of(x));
  }

  public Value apply(Value x, Value y) {
    return body.evaluate(List.of(x, y));
  }

  public UnaryFunction asUnaryFunction() {
    return UnaryFunction.described(toString(), this::apply);
  }

  public BinaryFunction asBinaryFunction() {
    return BinaryFunction.described(toString(), this::apply);
  }

  public SelectorPredicate asSelectorPredicate() {
    return SelectorPredicate.described(toString(), (key, query) -> apply(key, query).truthy());
  }

  /** The {@code .rasp} source. */
  @Override
  public String toString() {
    String head = parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")";
    return head + " -> " + body.source(parameters);
  }
}
