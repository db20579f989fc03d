package org.tracr4j.lang;

import java.util.List;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/** What a {@code .rasp} expression evaluates to while the program is being built. */
sealed interface LangValue {
  /** How the value is named in type errors: "an s-op", "a selector", "the constant 3", ... */
  String describe();

  record SOpValue(SOp sop) implements LangValue {
    @Override
    public String describe() {
      return "an s-op";
    }
  }

  record SelectorValue(Selector selector) implements LangValue {
    @Override
    public String describe() {
      return "a selector";
    }
  }

  record Constant(Value value) implements LangValue {
    @Override
    public String describe() {
      return "the constant " + Operators.literal(value);
    }
  }

  record ListConstant(List<Value> values) implements LangValue {
    public ListConstant {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  record LambdaValue(Lambda lambda) implements LangValue {
    @Override
    public String describe() {
      return "a lambda of " + lambda.arity() + (lambda.arity() == 1 ? " parameter" : " parameters");
    }
  }

  /** A comparison such as {@code ==}, or a combination of comparisons and lambdas with and/or/not. */
  record Predicate(SelectorPredicate predicate) implements LangValue {
    @Override
    public String describe() {
      return "the comparison " + predicate;
    }
  }

  /** A name whose definition failed; its error is already reported, so uses of it report nothing. */
  record Failed() implements LangValue {
    @Override
    public String describe() {
      return "an erroneous value";
    }
  }
}
