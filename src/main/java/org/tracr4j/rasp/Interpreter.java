package org.tracr4j.rasp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import org.tracr4j.EvaluationException;

/**
 * The reference semantics of RASP (tracr-reference §1.8): the compiled model must agree with this.
 *
 * <p>In causal mode (§1.9) every selector, at every nesting level, is additionally restricted to keys at
 * or before the query ({@code key <= query}), so a prefix of the input gives a prefix of the output.
 *
 * <p>Each expression is evaluated once per input (results are memoised by identity), so shared sub-DAGs
 * cost nothing extra. Failures throw {@link EvaluationException} naming the expression.
 */
public final class Interpreter {
  private final boolean causal;

  private Interpreter(boolean causal) {
    this.causal = causal;
  }

  public static Interpreter standard() {
    return new Interpreter(false);
  }

  public static Interpreter causal() {
    return new Interpreter(true);
  }

  /** Evaluates {@code program} on {@code input}; returns one value per position. */
  public List<Value> evaluate(SOp program, List<Value> input) {
    return new Run(input).sop(program);
  }

  /** Evaluates a selector to its matrix {@code [query][key]}. */
  public boolean[][] evaluate(Selector selector, List<Value> input) {
    return new Run(input).selector(selector);
  }

  /**
   * One input's evaluation whose memo is shared by every question asked of it: several expressions of one
   * program cost one run.
   */
  public Evaluation evaluation(List<Value> input) {
    return new Evaluation(new Run(input));
  }

  /** See {@link #evaluation}. */
  public static final class Evaluation {
    private final Run run;

    private Evaluation(Run run) {
      this.run = run;
    }

    public List<Value> of(SOp sop) {
      return run.sop(sop);
    }

    public boolean[][] of(Selector selector) {
      return run.selector(selector);
    }
  }

  /** One evaluation on one input, with its memo. */
  private final class Run {
    private final List<Value> input;
    private final int n;
    private final HashMap<Long, List<Value>> sops = new HashMap<>();
    private final HashMap<Long, boolean[][]> selectors = new HashMap<>();

    Run(List<Value> input) {
      this.input = List.copyOf(input);
      this.n = input.size();
    }

    List<Value> sop(SOp expr) {
      List<Value> cached = sops.get(expr.id());
      if (cached != null) {
        return cached;
      }
      List<Value> result = Collections.unmodifiableList(switch (expr) {
        case Tokens t -> input;
        case Indices i -> indices();
        case Length l -> Collections.nCopies(n, Value.of((long) n));
        case Full f -> Collections.nCopies(n, f.fill());
        case ElementwiseMap m -> map(m);
        case SequenceMap m -> sequenceMap(m);
        case LinearSequenceMap m -> linearSequenceMap(m);
        case Aggregate a -> aggregate(a);
        case SelectorWidth w -> selectorWidth(w);
      });
      sops.put(expr.id(), result);
      return result;
    }

    boolean[][] selector(Selector expr) {
      boolean[][] cached = selectors.get(expr.id());
      if (cached != null) {
        return cached;
      }
      boolean[][] result = switch (expr) {
        case Select s -> select(s);
        case SelectorAnd s -> combine(selector(s.first()), selector(s.second()), true);
        case SelectorOr s -> combine(selector(s.first()), selector(s.second()), false);
        case SelectorNot s -> negate(selector(s.inner()));
      };
      if (causal) {
        for (int q = 0; q < n; q++) {
          for (int k = q + 1; k < n; k++) {
            result[q][k] = false;
          }
        }
      }
      selectors.put(expr.id(), result);
      return result;
    }

    private List<Value> indices() {
      List<Value> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Value.of((long) i));
      }
      return out;
    }

    private List<Value> map(ElementwiseMap m) {
      List<Value> in = sop(m.inner());
      List<Value> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Value x = in.get(i);
        out.add(x.isNone() ? Value.NONE : call(m, i, () -> m.function().apply(x)));
      }
      return out;
    }

    private List<Value> sequenceMap(SequenceMap m) {
      return zip(m, m.first(), m.second(), m.function());
    }

    private List<Value> linearSequenceMap(LinearSequenceMap m) {
      return zip(m, m.first(), m.second(), m::apply);
    }

    /** {@code f(x[i], y[i])} per position; none where either input is none. */
    private List<Value> zip(SOp expr, SOp first, SOp second, BinaryFunction f) {
      List<Value> xs = sop(first);
      List<Value> ys = sop(second);
      List<Value> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Value x = xs.get(i);
        Value y = ys.get(i);
        out.add(x.isNone() || y.isNone() ? Value.NONE : call(expr, i, () -> f.apply(x, y)));
      }
      return out;
    }

    private List<Value> aggregate(Aggregate a) {
      boolean[][] selected = selector(a.selector());
      List<Value> values = sop(a.sop());
      List<Value> out = new ArrayList<>(n);
      for (int q = 0; q < n; q++) {
        List<Value> chosen = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          if (selected[q][k]) {
            chosen.add(values.get(k));
          }
        }
        out.add(mean(a, q, chosen));
      }
      return out;
    }

    private Value mean(Aggregate a, int query, List<Value> chosen) {
      if (chosen.isEmpty()) {
        return a.defaultValue();
      }
      if (chosen.size() == 1) {
        return chosen.get(0);
      }
      double sum = 0;
      for (Value v : chosen) {
        if (!v.isNumeric()) {
          throw new EvaluationException(a.describe(), "at position " + query + " the selector picks "
              + chosen.size() + " values " + chosen + "; only numbers and booleans can be averaged");
        }
        sum += v.asDouble();
      }
      return Value.of(sum / chosen.size());
    }

    private List<Value> selectorWidth(SelectorWidth w) {
      boolean[][] selected = selector(w.selector());
      List<Value> out = new ArrayList<>(n);
      for (int q = 0; q < n; q++) {
        long width = 0;
        for (int k = 0; k < n; k++) {
          width += selected[q][k] ? 1 : 0;
        }
        out.add(Value.of(width));
      }
      return out;
    }

    private boolean[][] select(Select s) {
      List<Value> keys = sop(s.keys());
      List<Value> queries = sop(s.queries());
      boolean[][] out = new boolean[n][n];
      for (int q = 0; q < n; q++) {
        for (int k = 0; k < n; k++) {
          Value key = keys.get(k);
          Value query = queries.get(q);
          int position = q;
          out[q][k] = call(s, position, () -> Value.of(s.predicate().test(key, query))).truthy();
        }
      }
      return out;
    }

    private boolean[][] combine(boolean[][] a, boolean[][] b, boolean conjunction) {
      boolean[][] out = new boolean[n][n];
      for (int q = 0; q < n; q++) {
        for (int k = 0; k < n; k++) {
          out[q][k] = conjunction ? a[q][k] && b[q][k] : a[q][k] || b[q][k];
        }
      }
      return out;
    }

    private boolean[][] negate(boolean[][] a) {
      boolean[][] out = new boolean[n][n];
      for (int q = 0; q < n; q++) {
        for (int k = 0; k < n; k++) {
          out[q][k] = !a[q][k];
        }
      }
      return out;
    }
  }

  /** Runs a user function, turning its failure into an error that names the expression and position. */
  private static Value call(RaspExpr expr, int position, java.util.function.Supplier<Value> body) {
    try {
      Value result = body.get();
      if (result == null) {
        throw new EvaluationException(expr.describe(), "function returned no value at position " + position);
      }
      return result;
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      throw new EvaluationException(expr.describe(), "at position " + position + ": " + e.getMessage());
    }
  }
}
