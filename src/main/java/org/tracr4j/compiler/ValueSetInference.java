package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;

/**
 * Computes {@link ValueSets} (tracr-reference §2.2). Where the exact mode differs from Tracr (the means of
 * a numerical aggregate, the diagonal of a sequence map of an s-op with itself, the default of a
 * categorical aggregate), {@link BuildMode} decides. A numerical aggregate whose set cannot be built is a
 * {@link Finding}; every such finding is collected (its set is then just its default, so inference goes on).
 * Function results that are none are left out. A function that fails (division by zero, a number compared
 * with a string, a non-finite result) on a value its input can take is a finding in the exact mode (RASP has
 * no answer there, and a model would give one); Tracr's mode leaves the value out and compiles. Select
 * predicates are tried on every key and query the same way.
 */
final class ValueSetInference {
  /** Beyond this many distinct values a numerical aggregate's set is too large to discretise on. */
  static final int MAX_VALUES = 20_000;

  /**
   * The value sets, or every reason they cannot be built; and the none analysis on them, which every later
   * stage asks (one memo per compile: it calls the program's maps on their inputs).
   */
  record Result(ValueSets valueSets, List<Finding> findings, NoneAnalysis none,
      ExpressionMap<MapResults> mapResults) {
    Result {
      findings = List.copyOf(findings);
    }
  }

  private final ProgramGraph graph;
  private final List<Value> vocab;
  private final int maxSeqLen;
  private final BuildMode mode;
  private final ExpressionMap<SortedSet<Value>> sets;
  private final List<Finding> findings = new ArrayList<>();
  /** Expressions already reported as failing: one finding each, at the first failing value. */
  private final java.util.Set<Long> failing = new java.util.HashSet<>();

  private ValueSetInference(ProgramGraph graph, List<Value> vocab, int maxSeqLen, BuildMode mode) {
    this.graph = graph;
    this.vocab = vocab;
    this.maxSeqLen = maxSeqLen;
    this.mode = mode;
    this.sets = new ExpressionMap<>(graph.nodes().size());
  }

  static Result infer(ProgramGraph graph, List<Value> vocab, int maxSeqLen, BuildMode mode) {
    return new ValueSetInference(graph, vocab, maxSeqLen, mode).run();
  }

  /**
   * {@link #infer} of a program rewritten from {@code earlierGraph}'s, whose inference {@code earlier} found
   * nothing (map fusion): an expression that is the very object the earlier program had has the same
   * operands all the way down, hence the same set, and its select the same predicate results; only the
   * rewritten expressions are inferred again.
   */
  static Result inferAgain(ProgramGraph graph, ProgramGraph earlierGraph, Result earlier, List<Value> vocab,
      int maxSeqLen, BuildMode mode) {
    if (!earlier.findings().isEmpty()) {
      throw new IllegalArgumentException("the earlier inference has findings");
    }
    ValueSetInference inference = new ValueSetInference(graph, vocab, maxSeqLen, mode);
    inference.unchanged = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    inference.unchanged.addAll(earlierGraph.nodes());
    // Every set of an unchanged expression up front: its operands are unchanged too, and the none analysis
    // that a selector width asks walks them.
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (expr instanceof SOp sop && inference.unchanged.contains(sop)) {
        inference.sets.put(sop, earlier.valueSets().of(sop));
        MapResults results = earlier.mapResults().get(sop);
        if (results != null) {
          inference.mapResults.put(sop, results);
        }
      }
    }
    return inference.run();
  }

  /** The expressions of the earlier program, by identity, for {@link #inferAgain}. */
  private java.util.Set<RaspExpr> unchanged = java.util.Set.of();

  private Result run() {
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (expr instanceof SOp sop) {
        of(sop);
      }
    }
    if (mode.rejectsFailingFunctions()) {
      for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
        RaspExpr expr = graph.nodes().get(at);
        if (expr instanceof org.tracr4j.rasp.Select select && !unchanged.contains(select)) {
          tryPredicate(select);
        }
      }
    }
    sets.freeze();
    return new Result(new ValueSets(sets), findings, noneAnalysis(), mapResults.freeze());
  }

  private SortedSet<Value> of(SOp sop) {
    SortedSet<Value> known = sets.get(sop);
    if (known != null) {
      return known;
    }
    SortedSet<Value> result = switch (sop) {
      case Tokens t -> SortedValues.of(vocab);
      case Indices i -> SortedValues.range(0, maxSeqLen - 1);
      case SelectorWidth w -> mode.narrowsSelectorWidths() ? widths(w) : SortedValues.range(0, maxSeqLen);
      case Length l -> SortedValues.range(1, maxSeqLen);
      case Full f -> SortedValues.of(List.of(f.fill()));
      case ElementwiseMap m -> map(m);
      case SequenceMap m -> sequenceMap(m);
      case LinearSequenceMap m -> linearSequenceMap(m);
      case Aggregate a -> aggregate(a);
    };
    sets.put(sop, result);
    return result;
  }

  /**
   * 0..N, narrowed by what a query's own position does: a selector that always selects the query's own key
   * (a reflexive predicate on one s-op that is never none) selects at least 1, one that never does at most
   * N − 1 (causal evaluation included: a query always sees its own position).
   */
  private SortedSet<Value> widths(SelectorWidth w) {
    long min = selectsSelf(w.selector(), true) ? 1 : 0;
    long max = selectsSelf(w.selector(), false) ? maxSeqLen - 1 : maxSeqLen;
    return SortedValues.range(min, Math.max(min, max));
  }

  /**
   * Whether {@code selector} selects (always, or never when {@code always} is false) each query's own
   * position, on every input.
   */
  private boolean selectsSelf(org.tracr4j.rasp.Selector selector, boolean always) {
    return switch (selector) {
      case org.tracr4j.rasp.Select s -> selectsOwnKey(s, always);
      case org.tracr4j.rasp.SelectorAnd s -> always
          ? selectsSelf(s.first(), true) && selectsSelf(s.second(), true)
          : selectsSelf(s.first(), false) || selectsSelf(s.second(), false);
      case org.tracr4j.rasp.SelectorOr s -> always
          ? selectsSelf(s.first(), true) || selectsSelf(s.second(), true)
          : selectsSelf(s.first(), false) && selectsSelf(s.second(), false);
      case org.tracr4j.rasp.SelectorNot s -> selectsSelf(s.inner(), !always);
    };
  }

  private boolean selectsOwnKey(org.tracr4j.rasp.Select select, boolean always) {
    if (!select.keys().equals(select.queries())) {
      return false;
    }
    SOp sop = select.keys();
    SortedSet<Value> values = of(sop); // first: the none analysis reads the sets below sop
    boolean mayBeNone = noneAnalysis().mayBeNone(sop);
    if (mayBeNone && always) {
      return false;
    }
    for (Value x : values) {
      if (UserFunctions.selects(select.predicate(), x, x) != always) {
        return false;
      }
    }
    // None after the set's values (here never is asked: a none key must not select itself).
    return !mayBeNone || !UserFunctions.selects(select.predicate(), Value.NONE, Value.NONE);
  }

  private NoneAnalysis none;
  /**
   * Whether a map's function gave none (null or none, without failing) on some value of its input, for
   * each map called on every input value (a sequence map on every pair): the none analysis asks the same.
   */
  private final ExpressionMap<Boolean> givesNone = new ExpressionMap<>();

  /**
   * The none analysis on the sets inferred so far (it only asks about s-ops whose sets are known, and a set
   * never changes once known, so its answers stay right for the finished sets).
   */
  private NoneAnalysis noneAnalysis() {
    if (none == null) {
      none = NoneAnalysis.of(graph, new ValueSets(sets), givesNone);
    }
    return none;
  }

  /**
   * A map-like s-op's function on one input pair, and how a finding names the pair. One per expression, so
   * that trying every pair allocates nothing but the results.
   */
  private interface Application {
    Value apply(Value x, Value y);

    String describe(Value x, Value y);
  }

  private SortedSet<Value> map(ElementwiseMap m) {
    SortedSet<Value> input = of(m.inner());
    // Sized for a few results (most maps have few), growing where there are more.
    SortedValues.Builder out = new SortedValues.Builder(Math.min(input.size(), 16));
    Application f = application((x, unused) -> m.function().apply(x),
        (x, unused) -> x + " (a value of " + graph.label(m.inner()) + ")");
    Value[] inputs = SortedValues.toValues(input);
    Value[] results = new Value[inputs.length];
    boolean someNone = false;
    org.tracr4j.rasp.UnaryFunction function = m.function();
    for (int i = 0; i < inputs.length; i++) {
      Value x = inputs[i];
      Value v = tryMap(m, function, f, x);
      results[i] = v == null || v instanceof Value.None ? null : v;
      someNone |= addResult(out, m, f, x, x, v);
    }
    givesNone.put(m, someNone);
    mapResults.put(m, new MapResults(inputs, results));
    return out.build();
  }

  /**
   * A map's function on each value of its input's set, in the set's order: the value, or null where it is
   * none or fails. Lowering builds the map's MLP from these instead of calling the function again.
   */
  record MapResults(Value[] inputs, Value[] results) {}

  private final ExpressionMap<MapResults> mapResults = new ExpressionMap<>();

  private SortedSet<Value> sequenceMap(SequenceMap m) {
    SortedValues.Builder out = new SortedValues.Builder(pairs(m.first(), m.second()));
    if (m.first().equals(m.second()) && mode.diagonalSequenceMaps()) {
      Application f = application((x, y) -> m.function().apply(x, y), (x, y) -> "(" + x + ", " + y + ")");
      for (Value x : of(m.first())) {
        addResult(out, m, f, x, x);
      }
      return out.build();
    }
    Application f = application((x, y) -> m.function().apply(x, y), (x, y) -> "(" + x + ", " + y
        + ") (values of " + graph.label(m.first()) + " and " + graph.label(m.second()) + ")");
    boolean someNone = false;
    for (Value x : of(m.first())) {
      for (Value y : of(m.second())) {
        someNone |= addResult(out, m, f, x, y);
      }
    }
    givesNone.put(m, someNone);
    return out.build();
  }

  private SortedSet<Value> linearSequenceMap(LinearSequenceMap m) {
    SortedValues.Builder out = new SortedValues.Builder(pairs(m.first(), m.second()));
    boolean diagonal = m.first().equals(m.second()) && mode.diagonalSequenceMaps();
    Application f = application(m::apply, (x, y) -> "(" + x + ", " + y + ")");
    for (Value x : of(m.first())) {
      if (diagonal) {
        addResult(out, m, f, x, x);
        continue;
      }
      for (Value y : of(m.second())) {
        addResult(out, m, f, x, y);
      }
    }
    return out.build();
  }

  /** How many results a function of two s-ops can have at most, capped: the builder's first size. */
  private int pairs(SOp first, SOp second) {
    return (int) Math.min(1024, (long) of(first).size() * of(second).size());
  }

  private static Application application(java.util.function.BinaryOperator<Value> apply,
      java.util.function.BiFunction<Value, Value, String> describe) {
    return new Application() {
      @Override
      public Value apply(Value x, Value y) {
        return apply.apply(x, y);
      }

      @Override
      public String describe(Value x, Value y) {
        return describe.apply(x, y);
      }
    };
  }

  private SortedSet<Value> aggregate(Aggregate a) {
    SortedSet<Value> input = of(a.sop());
    if (a.isCategorical()) {
      if (!a.defaultValue().isNone() && mode.categoricalDefaultInValueSet()) {
        return new SortedValues.Builder(input.size() + 1).addAll(input).add(a.defaultValue()).build();
      }
      return input;
    }
    for (Value v : input) {
      if (!v.isNumeric()) {
        return unbuildable(a, RuleCode.MEAN_OF_NON_NUMBER,
            "a numerical aggregate averages numbers, but " + graph.label(a.sop()) + " can be " + v);
      }
    }
    return mode.binaryMeansOnly() ? tracrAggregate(a, input) : allMeans(a, input);
  }

  /** Records why an aggregate's set cannot be built; its set is its default, so that inference goes on. */
  private SortedSet<Value> unbuildable(Aggregate a, RuleCode rule, String reason) {
    findings.add(new Finding(rule, graph.label(a), reason));
    return a.defaultValue().isNumeric() ? SortedValues.of(List.of(a.defaultValue())) : SortedValues.of(List.of());
  }

  /** Tracr's set {x/l : x in input, l in 1..N}, after its binary check. */
  private SortedSet<Value> tracrAggregate(Aggregate a, SortedSet<Value> input) {
    SortedValues.Builder out = new SortedValues.Builder(input.size() * maxSeqLen);
    for (Value v : input) {
      long truncated = (long) v.asDouble();
      if (truncated != 0 && truncated != 1) {
        return unbuildable(a, RuleCode.MEAN_OF_NON_BINARY,
            "attention can only average binary values (0 or 1), but " + graph.label(a.sop()) + " can be " + v);
      }
      for (int l = 1; l <= maxSeqLen; l++) {
        out.add(Value.of(v.asDouble() / l));
      }
    }
    return out.build();
  }

  /**
   * Every mean of a multiset of 1..N values from the input, and the default (an empty selection).
   *
   * <p>Works on sorted {@code double[]}s, each free of exact duplicates under {@link Double#compare} (the
   * order and equality of a {@code TreeSet<Double>}), so the result is the same as collecting into sets:
   * the means, the default among them, then one value per cluster of nearly equal numbers.
   */
  private SortedSet<Value> allMeans(Aggregate a, SortedSet<Value> input) {
    double[] values = new double[input.size()];
    int n = 0;
    for (Value v : input) {
      values[n++] = v.asDouble();
    }
    // Contiguous integers: too many means or not is known from their count (what means() checks first),
    // and the means themselves are listed when the set is first read.
    IntervalMeans interval = IntervalMeans.applies(values, maxSeqLen);
    if (interval != null) {
      if (interval.size(MAX_VALUES) > MAX_VALUES) {
        return tooManyMeans(a);
      }
      double fallback = a.defaultValue().asDouble();
      int count = maxSeqLen;
      return new DeferredValues(() -> withDefault(means(values, count, interval), fallback));
    }
    Means means = means(values, maxSeqLen, true);
    if (means == null) {
      return tooManyMeans(a);
    }
    return withDefault(means, a.defaultValue().asDouble());
  }

  /**
   * The set of {@code means} and the default {@code fallback}, one value per cluster of nearly equal
   * numbers. {@code means} is null only where {@link IntervalMeans} said there are not too many and its
   * list disagrees, which its tests rule out.
   */
  private static SortedSet<Value> withDefault(Means means, double fallback) {
    if (means == null) {
      throw new IllegalStateException("interval means counted as few are too many");
    }
    double[] numbers = means.sorted();
    int size = means.size();
    // The default goes where Double.compare puts it (binarySearch orders and matches as it does), unless it
    // is one of the means.
    int found = Arrays.binarySearch(numbers, 0, size, fallback);
    if (found < 0) {
      int at = -found - 1;
      numbers = numbers.length > size ? numbers : Arrays.copyOf(numbers, size + 1);
      System.arraycopy(numbers, at, numbers, at + 1, size - at);
      numbers[at] = fallback;
      size++;
    }
    // Floating sums such as 0.1 + 0.2 and 0.3 are one value: the first of each cluster is kept, in place.
    int kept = 0;
    double last = Double.NaN;
    boolean increasing = true;
    for (int i = 0; i < size; i++) {
      double mean = numbers[i];
      if (Double.isNaN(last) || !Tolerance.ROUNDING.close(mean, last)) {
        increasing &= kept == 0 || last < mean;
        numbers[kept++] = mean;
        last = mean;
      }
    }
    // Strictly increasing numbers are increasing values (an integer and a double compare numerically), so
    // only -0.0 next to 0.0, or a NaN, needs the values compared.
    if (increasing) {
      return SortedValues.ofIncreasingNumbers(numbers, kept);
    }
    Value[] out = new Value[kept];
    for (int i = 0; i < kept; i++) {
      out[i] = SortedValues.number(numbers[i]);
    }
    return SortedValues.ofIncreasing(out);
  }

  /** Sorted, repeat-free means in {@code sorted[0..size)} (with room for one more when it is longer). */
  record Means(double[] sorted, int size) {}

  /**
   * The means of 1..{@code maxCount} values from the sorted, repeat-free {@code values}, sorted and free of
   * exact repeats; null when there are more than {@link #MAX_VALUES}. With {@code intervals}, contiguous
   * integers take {@link IntervalMeans} (the general path is the reference its tests compare with).
   */
  static Means means(double[] values, int maxCount, boolean intervals) {
    return means(values, maxCount, intervals ? IntervalMeans.applies(values, maxCount) : null);
  }

  /** {@link #means(double[], int, boolean)} with {@code interval}, the interval route found for them or null. */
  private static Means means(double[] values, int maxCount, IntervalMeans interval) {
    if (interval != null) {
      long size = interval.size(MAX_VALUES);
      if (size > MAX_VALUES) {
        return null;
      }
      double[] sorted = new double[(int) size + 1]; // room for the default
      if (interval.fill(sorted, (int) size)) {
        return new Means(sorted, (int) size);
      }
    }
    IntegerSums integerSums = IntegerSums.applies(values, maxCount);
    double[] sums = {0.0};
    // Every count's means, gathered and sorted once at the end (merging them count by count cost a pass
    // over the growing union per count). The union only grows, so checking its size when the buffer is
    // compacted and at the end refuses exactly the sets that a check after every count refused.
    double[] means = new double[16];
    int size = 0;
    for (int count = 1; count <= maxCount; count++) {
      if (integerSums != null) {
        sums = integerSums.next();
      } else {
        double[] next = new double[sums.length * values.length];
        int k = 0;
        for (double sum : sums) {
          for (double v : values) {
            next[k++] = sum + v;
          }
        }
        sums = mergeNearlyEqual(next, DoubleSort.sortDistinct(next, next.length));
      }
      if (sums.length > MAX_VALUES) { // distinct sums give distinct means of this count alone
        return null;
      }
      if (size + sums.length > means.length) {
        if (size > 4 * MAX_VALUES) {
          size = DoubleSort.sortDistinct(means, size);
          if (size > MAX_VALUES) {
            return null;
          }
        }
        if (size + sums.length > means.length) {
          means = Arrays.copyOf(means, Math.max(2 * means.length, size + sums.length));
        }
      }
      for (double sum : sums) {
        means[size++] = sum / count;
      }
    }
    size = DoubleSort.sortDistinct(means, size);
    return size > MAX_VALUES ? null : new Means(means, size);
  }

  private SortedSet<Value> tooManyMeans(Aggregate a) {
    return unbuildable(a, RuleCode.TOO_MANY_MEANS, "a numerical aggregate of "
        + graph.label(a.sop()) + " can produce more than " + MAX_VALUES + " different means");
  }

  /**
   * Floating sums such as 0.1 + 0.2 and 0.3 are one value; keep the first of each cluster of the sorted,
   * repeat-free {@code values[0..size)}.
   */
  private static double[] mergeNearlyEqual(double[] values, int size) {
    double[] out = new double[size];
    int kept = 0;
    double last = Double.NaN;
    for (int i = 0; i < size; i++) {
      double v = values[i];
      if (Double.isNaN(last) || !Tolerance.ROUNDING.close(v, last)) {
        out[kept++] = v;
        last = v;
      }
    }
    return Arrays.copyOf(out, kept);
  }

  /**
   * Adds a function's result; none adds nothing. A failed call or a non-finite number adds nothing too, and
   * is a finding when the mode rejects failing functions. Whether the result was none (null included).
   */
  private boolean addResult(SortedValues.Builder out, SOp expr, Application f, Value x, Value y) {
    return addResult(out, expr, f, x, y, tryApply(expr, f, x, y));
  }

  /** {@link #addResult} of a result {@link #tryApply} gave (null: the call failed). */
  private boolean addResult(SortedValues.Builder out, SOp expr, Application f, Value x, Value y, Value v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Value.None) {
      return true;
    }
    addValue(out, expr, f, x, y, v);
    return false;
  }

  /**
   * The function's result on (x, y), none for a null result; or null when the call fails, which is a
   * finding when the mode rejects failing functions.
   */
  private Value tryApply(SOp expr, Application f, Value x, Value y) {
    try {
      Value v = f.apply(x, y);
      return v == null ? Value.NONE : v;
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      return failed(expr, f, x, y, e);
    }
  }

  /**
   * {@link #tryApply} of a map's function, called directly: one interface call per value instead of the
   * three through {@code f} (its lambda, then the function), each megamorphic once many programs have run.
   */
  private Value tryMap(SOp expr, org.tracr4j.rasp.UnaryFunction function, Application f, Value x) {
    try {
      Value v = function.apply(x);
      return v == null ? Value.NONE : v;
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      return failed(expr, f, x, x, e);
    }
  }

  /** A failed call: a finding (UserFunctions.call's failures, with its message); null. */
  private Value failed(SOp expr, Application f, Value x, Value y, RuntimeException e) {
    fails(expr, RuleCode.FUNCTION_FAILS, "its function fails on " + f.describe(x, y) + ": "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    return null;
  }

  /** Adds a result that is not none, unless it is a non-finite number (a finding, as a failure is). */
  private void addValue(SortedValues.Builder out, SOp expr, Application f, Value x, Value y, Value v) {
    if (v instanceof Value.Real real && !Double.isFinite(real.value())) { // an integer is finite
      fails(expr, RuleCode.FUNCTION_FAILS, "its function gives " + v + " on " + f.describe(x, y)
          + ", not a finite number");
      return;
    }
    out.add(v);
  }

  /** Tries a select's predicate on every key and query value; a failure is a finding. */
  private void tryPredicate(org.tracr4j.rasp.Select select) {
    if (select.predicate() instanceof org.tracr4j.rasp.Comparison comparison
        && neverFails(comparison, of(select.keys()), of(select.queries()))) {
      return;
    }
    for (Value key : of(select.keys())) {
      for (Value query : of(select.queries())) {
        try {
          select.predicate().test(key, query);
        } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
          fails(select, RuleCode.PREDICATE_FAILS, "its predicate fails on key " + key + " (of "
              + graph.label(select.keys()) + ") and query " + query + " (of " + graph.label(select.queries())
              + "): " + e.getMessage());
          return;
        }
      }
    }
  }

  /**
   * Whether a built-in comparison holds or not on every key and query without failing, known from the kinds
   * of the values alone (it is called on many pairs): {@link org.tracr4j.rasp.Comparison#test} fails only
   * on none, and an ordering only on two values of kinds Python does not order (numbers and booleans order
   * among themselves, strings and tuples each among their own kind).
   */
  private static boolean neverFails(org.tracr4j.rasp.Comparison comparison, SortedSet<Value> keys,
      SortedSet<Value> queries) {
    if (keys.contains(Value.NONE) || queries.contains(Value.NONE)) {
      return false;
    }
    return switch (comparison) {
      case EQ, NEQ, TRUE, FALSE -> true;
      case LT, LEQ, GT, GEQ -> oneOrderedKind(keys, queries);
    };
  }

  private static boolean oneOrderedKind(SortedSet<Value> keys, SortedSet<Value> queries) {
    if (keys.isEmpty() || queries.isEmpty()) {
      return true;
    }
    Value sample = keys.first();
    return allOfKind(keys, sample) && allOfKind(queries, sample);
  }

  private static boolean allOfKind(SortedSet<Value> values, Value sample) {
    for (Value v : values) {
      boolean same = sample.isNumeric() ? v.isNumeric()
          : sample instanceof Value.Str ? v instanceof Value.Str
          : sample instanceof Value.Tuple && v instanceof Value.Tuple;
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private void fails(RaspExpr expr, RuleCode rule, String reason) {
    if (mode.rejectsFailingFunctions() && failing.add(expr.id())) {
      findings.add(new Finding(rule, graph.label(expr), reason));
    }
  }
}
