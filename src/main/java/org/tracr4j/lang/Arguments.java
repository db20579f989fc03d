package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * The arguments of one call of a built-in function, evaluated on first use. Each typed accessor checks the
 * argument's type and throws a located {@link ResolveError} that names the function, the parameter and
 * what was found.
 */
final class Arguments {
  private final Builtins.Builtin function;
  private final Token callee;
  private final List<Expr> expressions;
  private final Function<Expr, LangValue> evaluator;
  private final LangValue[] values;

  Arguments(Builtins.Builtin function, Token callee, List<Expr> expressions,
      Function<Expr, LangValue> evaluator) {
    this.function = function;
    this.callee = callee;
    this.expressions = List.copyOf(expressions);
    this.evaluator = evaluator;
    this.values = new LangValue[expressions.size()];
  }

  int count() {
    return expressions.size();
  }

  LangValue value(int index) {
    if (values[index] == null) {
      values[index] = evaluator.apply(expressions.get(index));
    }
    return values[index];
  }

  SOp sop(int index) {
    if (value(index) instanceof LangValue.SOpValue s) {
      return s.sop();
    }
    throw mismatch(index, "an s-op");
  }

  Selector selector(int index) {
    if (value(index) instanceof LangValue.SelectorValue s) {
      return s.selector();
    }
    throw mismatch(index, "a selector");
  }

  Value constant(int index) {
    if (value(index) instanceof LangValue.Constant c) {
      return c.value();
    }
    throw mismatch(index, "a constant");
  }

  int integer(int index) {
    Value value = constant(index);
    if (value instanceof Value.Int i && i.value() == (int) i.value()) {
      return (int) i.value();
    }
    throw mismatch(index, "an integer");
  }

  double number(int index) {
    Value value = constant(index);
    if (value.isNumber()) {
      return value.asDouble();
    }
    throw mismatch(index, "a number");
  }

  String string(int index) {
    if (constant(index) instanceof Value.Str s) {
      return s.value();
    }
    throw mismatch(index, "a string");
  }

  /** A lambda with exactly {@code arity} parameters. */
  Lambda lambda(int index, int arity) {
    String expected = "a lambda of " + arity + (arity == 1 ? " parameter" : " parameters");
    if (value(index) instanceof LangValue.LambdaValue l) {
      if (l.lambda().arity() == arity) {
        return l.lambda();
      }
      throw mismatch(index, expected);
    }
    throw mismatch(index, expected);
  }

  /**
   * A selector predicate: a comparison ({@code == != < <= > >= true false}), a lambda {@code (k, q) ->
   * ...}, or a combination of them with and/or/not.
   */
  SelectorPredicate predicate(int index) {
    String expected = "a comparison (== != < <= > >= true false) or a lambda (k, q) -> ...";
    if (expressions.get(index) instanceof Expr.Name n) {
      try {
        value(index);
      } catch (ResolveError unknown) {
        throw new ResolveError(n.name(), "`" + function.name() + "` expects " + expected + " as `"
            + parameterName(index) + "`, found unknown name `" + n.name().lexeme() + "`");
      }
    }
    SelectorPredicate predicate = Resolver.asPredicate(value(index));
    if (predicate != null) {
      return predicate;
    }
    throw mismatch(index, expected);
  }

  /** A list of constants, given as a list literal or as a string (one element per character). */
  List<Value> pattern(int index) {
    LangValue value = value(index);
    if (value instanceof LangValue.ListConstant l) {
      return l.values();
    }
    if (value instanceof LangValue.Constant c && c.value() instanceof Value.Str s) {
      List<Value> characters = new ArrayList<>();
      s.value().codePoints().forEach(cp -> characters.add(Value.of(Character.toString(cp))));
      return characters;
    }
    throw mismatch(index, "a list of constants or a string");
  }

  ResolveError error(String message) {
    return new ResolveError(callee, "`" + function.name() + "`: " + message);
  }

  private ResolveError mismatch(int index, String expected) {
    return new ResolveError(expressions.get(index).location(), "`" + function.name() + "` expects " + expected
        + " as `" + parameterName(index) + "` (argument " + (index + 1) + "), found " + value(index).describe());
  }

  private String parameterName(int index) {
    List<String> names = function.parameters();
    return names.get(Math.min(index, names.size() - 1));
  }
}
