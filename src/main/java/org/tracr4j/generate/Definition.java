package org.tracr4j.generate;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Encoding;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Value;

/**
 * The right-hand side of a generated statement: one RASP construct whose operands are referred to by
 * statement name (or the built-in {@code tokens}, {@code indices}, {@code length}). Prints as the
 * {@code .rasp} expression.
 */
public sealed interface Definition {

  /** The names this definition reads, in order. */
  List<String> references();

  /** The same definition with every reference renamed by {@code rename}. */
  Definition renamed(UnaryOperator<String> rename);

  /** The {@code .rasp} expression. */
  String source();

  /** {@code map(f, input)}, numerical when {@code encoding} is. */
  record MapOf(String input, Lambda function, Encoding encoding) implements Definition {
    public MapOf {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public List<String> references() {
      return List.of(input);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new MapOf(rename.apply(input), function, encoding);
    }

    @Override
    public String source() {
      return encoded(encoding, "map(" + function + ", " + input + ")");
    }
  }

  /** {@code sequence_map(f, first, second)}, categorical. */
  record SequenceMapOf(String first, String second, Lambda function) implements Definition {
    public SequenceMapOf {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      Objects.requireNonNull(function, "function");
    }

    @Override
    public List<String> references() {
      return List.of(first, second);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SequenceMapOf(rename.apply(first), rename.apply(second), function);
    }

    @Override
    public String source() {
      return "sequence_map(" + function + ", " + first + ", " + second + ")";
    }
  }

  /** {@code numerical(linear_sequence_map(first, second, firstFactor, secondFactor))}. */
  record LinearSequenceMapOf(String first, String second, long firstFactor, long secondFactor)
      implements Definition {
    public LinearSequenceMapOf {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }

    @Override
    public List<String> references() {
      return List.of(first, second);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new LinearSequenceMapOf(rename.apply(first), rename.apply(second), firstFactor, secondFactor);
    }

    @Override
    public String source() {
      return "numerical(linear_sequence_map(" + first + ", " + second + ", " + firstFactor + ", "
          + secondFactor + "))";
    }
  }

  /** {@code select(keys, queries, comparison)} or {@code select(keys, queries, (k, q) -> ...)}. */
  record SelectOf(String keys, String queries, SelectCondition condition) implements Definition {
    public SelectOf {
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(queries, "queries");
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public List<String> references() {
      return List.of(keys, queries);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SelectOf(rename.apply(keys), rename.apply(queries), condition);
    }

    @Override
    public String source() {
      return "select(" + keys + ", " + queries + ", " + condition.source() + ")";
    }
  }

  /** {@code first and second} of two selectors. */
  record SelectorAndOf(String first, String second) implements Definition {
    public SelectorAndOf {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }

    @Override
    public List<String> references() {
      return List.of(first, second);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SelectorAndOf(rename.apply(first), rename.apply(second));
    }

    @Override
    public String source() {
      return first + " and " + second;
    }
  }

  /** {@code first or second} of two selectors. */
  record SelectorOrOf(String first, String second) implements Definition {
    public SelectorOrOf {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }

    @Override
    public List<String> references() {
      return List.of(first, second);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SelectorOrOf(rename.apply(first), rename.apply(second));
    }

    @Override
    public String source() {
      return first + " or " + second;
    }
  }

  /** {@code not inner} of a selector. */
  record SelectorNotOf(String inner) implements Definition {
    public SelectorNotOf {
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public List<String> references() {
      return List.of(inner);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SelectorNotOf(rename.apply(inner));
    }

    @Override
    public String source() {
      return "not " + inner;
    }
  }

  /** {@code aggregate(selector, sop)} (categorical, default none) or {@code numerical(aggregate(selector, sop, 0))}. */
  record AggregateOf(String selector, String sop, Encoding encoding) implements Definition {
    public AggregateOf {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(sop, "sop");
      Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public List<String> references() {
      return List.of(selector, sop);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new AggregateOf(rename.apply(selector), rename.apply(sop), encoding);
    }

    @Override
    public String source() {
      return switch (encoding) {
        case CATEGORICAL -> "aggregate(" + selector + ", " + sop + ")";
        case NUMERICAL -> "numerical(aggregate(" + selector + ", " + sop + ", 0))";
      };
    }
  }

  /** {@code selector_width(selector)}, numerical when {@code encoding} is. */
  record SelectorWidthOf(String selector, Encoding encoding) implements Definition {
    public SelectorWidthOf {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public List<String> references() {
      return List.of(selector);
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new SelectorWidthOf(rename.apply(selector), encoding);
    }

    @Override
    public String source() {
      return encoded(encoding, "selector_width(" + selector + ")");
    }
  }

  /** A library program call such as {@code make_reverse(v2)}. */
  record LibraryCall(LibraryFunction function, List<String> sops, List<Value> constants) implements Definition {
    public LibraryCall {
      Objects.requireNonNull(function, "function");
      sops = List.copyOf(sops);
      constants = List.copyOf(constants);
      if (sops.size() != function.sopCount() || constants.size() != function.constantCount()) {
        throw new IllegalArgumentException(function.spelling() + " takes " + function.sopCount()
            + " s-op(s) and " + function.constantCount() + " constant(s), got " + sops + " and " + constants);
      }
    }

    @Override
    public List<String> references() {
      return sops;
    }

    @Override
    public Definition renamed(UnaryOperator<String> rename) {
      return new LibraryCall(function, sops.stream().map(rename).toList(), constants);
    }

    @Override
    public String source() {
      return function.source(sops, constants);
    }
  }

  /** The predicate of a select: one of the eight comparisons, or a two-parameter lambda. */
  sealed interface SelectCondition {
    String source();

    /** A built-in comparison, {@code key <op> query}. */
    record Compare(Comparison comparison) implements SelectCondition {
      public Compare {
        Objects.requireNonNull(comparison, "comparison");
      }

      @Override
      public String source() {
        return comparison.symbol();
      }
    }

    /** A lambda {@code (k, q) -> ...}. */
    record Custom(Lambda lambda) implements SelectCondition {
      public Custom {
        Objects.requireNonNull(lambda, "lambda");
      }

      @Override
      public String source() {
        return lambda.toString();
      }
    }
  }

  private static String encoded(Encoding encoding, String expression) {
    return switch (encoding) {
      case CATEGORICAL -> expression;
      case NUMERICAL -> "numerical(" + expression + ")";
    };
  }
}
