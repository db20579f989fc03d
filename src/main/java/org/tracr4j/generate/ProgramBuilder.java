package org.tracr4j.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Encoding;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorPredicate;
import org.tracr4j.rasp.Value;

/**
 * Builds a program one statement at a time, and refuses a statement the compiler refuses or that could
 * leave the contract. Whether a statement compiles, and the values it can take, are the compiler's answer
 * ({@link Compiler#analyzeFragment} on the statement's s-op, and {@link ProgramGenerator} checks the
 * finished program with {@link Compiler#analyze}, so "compilable" cannot drift from the compiler). On top,
 * the generator's own rules keep a program inside the contract: a statement is refused when its function
 * fails on a possible input, its values exceed the configured bounds, a select could see none, or a
 * categorical aggregate could average. A program made only of accepted statements compiles and evaluates
 * without errors on every input.
 *
 * <p>Which s-ops may be none is tracked here, finer than the compiler's conservative none analysis: a
 * selector whose every query selects itself is never empty, so its categorical aggregate is never none.
 */
final class ProgramBuilder {
  static final String TOKENS = "tokens";
  static final String INDICES = "indices";
  static final String LENGTH = "length";

  /** What is known about an s-op statement. */
  record SOpInfo(Encoding encoding, SortedSet<Value> values, boolean mayBeNone, boolean unique,
      Set<String> determinedBy) {
    /** Usable as select keys or queries, or as a numerical operand: categorical-or-not, never none. */
    boolean definite() {
      return !mayBeNone;
    }
  }

  /**
   * What the builder knows of a selector: its keys, queries and predicate, or, for a composite over other
   * s-ops ({@code composite}), those of its first operand (an AND selects a subset of it; it may select
   * nothing where the operand selects something).
   */
  record SelectorInfo(String keys, String queries, SelectorPredicate predicate, boolean composite) {}

  /** Why a statement was refused (control flow only; never leaves this class). */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final GeneratorConfig config;
  private final CompileOptions options;
  private final List<Statement> statements = new ArrayList<>();
  private final Map<String, SOp> sops = new LinkedHashMap<>();
  private final Map<String, SOpInfo> sopInfos = new HashMap<>();
  private final Map<String, Selector> selectors = new LinkedHashMap<>();
  private final Map<String, SelectorInfo> selectorInfos = new HashMap<>();
  /** The statements the compiler refused, by rule code (see {@link GeneratedProgram#compilerRefusals}). */
  private final Map<String, Integer> compilerRefusals = new TreeMap<>();
  private final Map<String, Construct> constructs = new HashMap<>();

  ProgramBuilder(GeneratorConfig config) {
    this.config = config;
    this.options = CompileOptions.of(config.vocab(), config.maxSeqLen());
    int n = config.maxSeqLen();
    leaf(TOKENS, Rasp.tokens(), new TreeSet<>(config.vocab()), false);
    leaf(INDICES, Rasp.indices(), range(0, n - 1), true);
    leaf(LENGTH, Rasp.length(), range(1, n), false);
  }

  /** Rebuilds a program from statements; empty when one of them is refused or {@code output} is unknown. */
  static Optional<GeneratedProgram> assemble(GeneratorConfig config, List<Statement> statements, String output) {
    ProgramBuilder builder = new ProgramBuilder(config);
    for (Statement statement : statements) {
      if (!builder.add(statement)) {
        return Optional.empty();
      }
    }
    return builder.sops.containsKey(output) ? Optional.of(builder.finish(output)) : Optional.empty();
  }

  /** Adds the statement when it is well typed; returns whether it was added. */
  boolean add(Statement statement) {
    if (sops.containsKey(statement.name()) || selectors.containsKey(statement.name())) {
      throw new IllegalArgumentException("the name " + statement.name() + " is already defined");
    }
    try {
      switch (statement.definition()) {
        case Definition.MapOf d -> map(statement.name(), d);
        case Definition.SequenceMapOf d -> sequenceMap(statement.name(), d);
        case Definition.LinearSequenceMapOf d -> linearSequenceMap(statement.name(), d);
        case Definition.SelectOf d -> select(statement.name(), d);
        case Definition.SelectorAndOf d -> combine(statement.name(), d.first(), d.second(), Construct.SELECTOR_AND);
        case Definition.SelectorOrOf d -> combine(statement.name(), d.first(), d.second(), Construct.SELECTOR_OR);
        case Definition.SelectorNotOf d -> not(statement.name(), d);
        case Definition.AggregateOf d -> aggregate(statement.name(), d);
        case Definition.SelectorWidthOf d -> selectorWidth(statement.name(), d);
        case Definition.LibraryCall d -> libraryCall(statement.name(), d);
      }
    } catch (Refused refused) {
      return false;
    }
    statements.add(statement);
    return true;
  }

  /** The names of the s-ops defined so far, built-ins first, then in order of definition. */
  List<String> sopNames() {
    return List.copyOf(sops.keySet());
  }

  SOpInfo sopInfo(String name) {
    return sopInfos.get(name);
  }

  int statementCount() {
    return statements.size();
  }

  /** The program computing {@code output}, keeping only the statements it depends on. */
  GeneratedProgram finish(String output) {
    Set<String> needed = new HashSet<>(List.of(output));
    List<Statement> kept = new ArrayList<>();
    for (Statement statement : statements.reversed()) {
      if (needed.contains(statement.name())) {
        kept.add(statement);
        needed.addAll(statement.definition().references());
      }
    }
    List<Statement> ordered = kept.reversed();
    EnumMap<Construct, Integer> counts = new EnumMap<>(Construct.class);
    StringBuilder source = new StringBuilder();
    for (Statement statement : ordered) {
      counts.merge(constructs.get(statement.name()), 1, Integer::sum);
      source.append(statement.source()).append('\n');
    }
    source.append("return ").append(output).append(";\n");
    return new GeneratedProgram(sops.get(output), source.toString(), ordered, output, config, counts,
        compilerRefusals);
  }

  private void leaf(String name, SOp sop, SortedSet<Value> values, boolean unique) {
    sops.put(name, sop);
    sopInfos.put(name, new SOpInfo(Encoding.CATEGORICAL, values, false, unique, Set.of()));
  }

  private void map(String name, Definition.MapOf d) throws Refused {
    SOpInfo in = sop(d.input());
    boolean numericalIn = in.encoding() == Encoding.NUMERICAL;
    boolean numericalOut = d.encoding() == Encoding.NUMERICAL;
    require(!(numericalIn || numericalOut) || in.definite(), "numerical maps need an input that is never none");
    SortedSet<Value> values = new TreeSet<>();
    for (Value x : in.values()) {
      addCall(values, () -> d.function().apply(x));
    }
    bounded(values, d.encoding());
    boolean unique = in.unique() && !numericalOut && values.size() == in.values().size();
    Set<String> determinedBy = new HashSet<>(in.determinedBy());
    determinedBy.add(d.input());
    SOp built = Rasp.map(d.function(), sops.get(d.input())).withEncoding(d.encoding());
    Construct construct = numericalIn
        ? (numericalOut ? Construct.NUMERICAL_TO_NUMERICAL_MAP : Construct.NUMERICAL_TO_CATEGORICAL_MAP)
        : (numericalOut ? Construct.CATEGORICAL_TO_NUMERICAL_MAP : Construct.CATEGORICAL_MAP);
    define(name, built, new Facts(in.mayBeNone(), unique, determinedBy), construct);
  }

  private void sequenceMap(String name, Definition.SequenceMapOf d) throws Refused {
    SOpInfo first = sop(d.first());
    SOpInfo second = sop(d.second());
    for (Value x : first.values()) {
      for (Value y : second.values()) {
        tryCall(() -> d.function().apply(x, y));
      }
    }
    SOp built = Rasp.sequenceMap(d.function(), sops.get(d.first()), sops.get(d.second()));
    define(name, built, new Facts(first.mayBeNone() || second.mayBeNone(), false, Set.of()),
        Construct.SEQUENCE_MAP);
  }

  private void linearSequenceMap(String name, Definition.LinearSequenceMapOf d) throws Refused {
    SOpInfo first = sop(d.first());
    SOpInfo second = sop(d.second());
    require(first.definite() && second.definite(), "linear_sequence_map is generated on s-ops that are never none");
    Value a = Value.of(d.firstFactor());
    Value b = Value.of(d.secondFactor());
    SOp built = Rasp.linearSequenceMap(sops.get(d.first()), sops.get(d.second()), a, b).numerical();
    for (Value x : first.values()) {
      for (Value y : second.values()) {
        tryCall(() -> ((org.tracr4j.rasp.LinearSequenceMap) built).apply(x, y));
      }
    }
    define(name, built, new Facts(false, false, Set.of()), Construct.LINEAR_SEQUENCE_MAP);
  }

  private void select(String name, Definition.SelectOf d) throws Refused {
    SOpInfo keys = selectable(d.keys());
    SOpInfo queries = selectable(d.queries());
    SelectorPredicate predicate = switch (d.condition()) {
      case Definition.SelectCondition.Compare c -> c.comparison();
      case Definition.SelectCondition.Custom c -> c.lambda();
    };
    for (Value key : keys.values()) {
      for (Value query : queries.values()) {
        call(() -> Value.of(predicate.test(key, query)));
      }
    }
    Selector built = Rasp.select(sops.get(d.keys()), sops.get(d.queries()), predicate).named(name);
    selectors.put(name, built);
    selectorInfos.put(name, new SelectorInfo(d.keys(), d.queries(), predicate, false));
    constructs.put(name, Construct.SELECT);
  }

  private void combine(String name, String first, String second, Construct construct) throws Refused {
    SelectorInfo a = selector(first);
    selector(second);
    Selector built = construct == Construct.SELECTOR_AND
        ? Rasp.and(selectors.get(first), selectors.get(second))
        : Rasp.or(selectors.get(first), selectors.get(second));
    defineSelector(name, built, a, construct);
  }

  private void not(String name, Definition.SelectorNotOf d) throws Refused {
    SelectorInfo inner = selector(d.inner());
    defineSelector(name, Rasp.not(selectors.get(d.inner())), inner, Construct.SELECTOR_NOT);
  }

  private void defineSelector(String name, Selector built, SelectorInfo operand, Construct construct)
      throws Refused {
    Selector named = built.named(name);
    selectors.put(name, named);
    // A composite over other s-ops (the compiler rewrites it) is described by its first operand: an AND
    // selects a subset of it, which is what the one-value check of a categorical aggregate needs.
    boolean composite = !(named instanceof Select) || operand.composite();
    SelectorPredicate predicate = named instanceof Select select ? select.predicate() : operand.predicate();
    selectorInfos.put(name, new SelectorInfo(operand.keys(), operand.queries(), predicate, composite));
    constructs.put(name, construct);
  }

  private void aggregate(String name, Definition.AggregateOf d) throws Refused {
    SelectorInfo selector = selector(d.selector());
    SOpInfo sop = sop(d.sop());
    Selector built = selectors.get(d.selector());
    switch (d.encoding()) {
      case CATEGORICAL -> {
        require(config.outsideContract() || picksOneValue(selector, d.sop(), sop),
            "the selection may average several values");
        boolean nonEmpty = !selector.composite() && selector.keys().equals(selector.queries())
            && sopInfo(selector.keys()).values().stream().allMatch(v -> selector.predicate().test(v, v));
        define(name, Rasp.aggregate(built, sops.get(d.sop())), new Facts(sop.mayBeNone() || !nonEmpty, false,
            Set.of()), Construct.CATEGORICAL_AGGREGATE);
      }
      case NUMERICAL -> {
        require(binary(sop.values()), "numerical aggregates are generated on 0/1 s-ops");
        define(name, Rasp.numericalAggregate(built, sops.get(d.sop())), new Facts(false, false, Set.of()),
            Construct.NUMERICAL_AGGREGATE);
      }
    }
  }

  /**
   * True when every query selects keys of at most one distinct value of {@code sopName}: the predicate
   * admits at most one key value per query value, and either the keys are unique per position (one key
   * selected) or the aggregated s-op is a number-valued function of the keys (equal numbers selected).
   */
  private boolean picksOneValue(SelectorInfo selector, String sopName, SOpInfo sop) {
    SOpInfo keys = sopInfo(selector.keys());
    // Several equal values average to themselves only when they are numbers (tracr-reference §1.8): a
    // string picked twice is an evaluation error, a boolean picked twice becomes 1.0.
    boolean averagesToItself = sop.definite() && sop.values().stream().allMatch(Value::isNumber);
    boolean keyed = keys.unique() || averagesToItself
        && (sopName.equals(selector.keys()) || sop.determinedBy().contains(selector.keys()));
    if (!keyed) {
      return false;
    }
    for (Value query : sopInfo(selector.queries()).values()) {
      long matches = keys.values().stream().filter(key -> selector.predicate().test(key, query)).count();
      if (matches > 1) {
        return false;
      }
    }
    return true;
  }

  private void selectorWidth(String name, Definition.SelectorWidthOf d) throws Refused {
    selector(d.selector());
    SOp built = Rasp.selectorWidth(selectors.get(d.selector())).withEncoding(d.encoding());
    define(name, built, new Facts(false, false, Set.of()),
        d.encoding() == Encoding.NUMERICAL ? Construct.NUMERICAL_SELECTOR_WIDTH : Construct.SELECTOR_WIDTH);
  }

  /** The library functions' own requirements (their arguments), and whether their results may be none. */
  private void libraryCall(String name, Definition.LibraryCall d) throws Refused {
    int n = config.maxSeqLen();
    List<SOpInfo> arguments = new ArrayList<>();
    for (String sop : d.sops()) {
      arguments.add(sop(sop));
    }
    List<Value> constants = d.constants();
    boolean mayBeNone = switch (d.function()) {
      case MAKE_LENGTH, MAKE_HIST, MAKE_SORT_FREQ -> false;
      case MAKE_COUNT_LESS_FREQ -> {
        require(constants.get(0) instanceof Value.Int, "make_count_less_freq needs an integer");
        yield false;
      }
      case MAKE_REVERSE -> categorical(d.sops().get(0)).mayBeNone();
      case SHIFT_BY -> {
        categorical(d.sops().get(0));
        require(constants.get(0) instanceof Value.Int i && i.value() >= 1, "shift_by needs a positive offset");
        yield true;
      }
      case MAKE_COUNT -> {
        SOpInfo sop = selectable(d.sops().get(0));
        require(sop.values().contains(constants.get(0)), "make_count needs a token the s-op can take");
        yield false;
      }
      case MAKE_SORT_UNIQUE -> {
        SOpInfo values = categorical(d.sops().get(0));
        SOpInfo keys = selectable(d.sops().get(1));
        require(keys.unique(), "make_sort_unique needs unique keys");
        ordered(keys.values());
        yield values.mayBeNone();
      }
      case MAKE_SORT -> {
        SOpInfo values = categorical(d.sops().get(0));
        SOpInfo keys = selectable(d.sops().get(1));
        require(keys.values().stream().allMatch(v -> v instanceof Value.Int), "make_sort needs integer keys");
        require(constants.equals(List.of(Value.of((long) n), Value.of(1L))),
            "make_sort is generated with max_seq_len and min_key 1");
        yield values.mayBeNone();
      }
      case MAKE_FRAC_PREVS -> {
        SOpInfo bools = arguments.get(0);
        require(bools.definite() && binary(bools.values()), "make_frac_prevs needs 0/1 values");
        yield false;
      }
      case MAKE_PAIR_BALANCE -> {
        SOpInfo sop = selectable(d.sops().get(0));
        require(!constants.get(0).equals(constants.get(1)), "make_pair_balance needs two different brackets");
        require(sop.values().containsAll(constants), "make_pair_balance needs brackets the s-op can take");
        yield false;
      }
    };
    List<SOp> built = d.sops().stream().map(sops::get).toList();
    define(name, d.function().build(built, constants), new Facts(mayBeNone, false, Set.of()), Construct.LIBRARY_CALL);
  }

  /** What the generator knows about a new s-op beyond the compiler's answer. */
  private record Facts(boolean mayBeNone, boolean unique, Set<String> determinedBy) {}

  /**
   * Adds the s-op when the compiler compiles it, with the compiler's value set. The bounds steer the
   * generator's own functions and selections; a library program keeps the sets its construction has (the
   * compiler's set for make_pair_balance, every difference of two running fractions, exceeds them).
   */
  private void define(String name, SOp built, Facts facts, Construct construct) throws Refused {
    SOp named = built.named(name);
    Compiler.Analysis analysis = Compiler.analyzeFragment(named, options);
    for (Finding finding : analysis.findings()) {
      compilerRefusals.merge(finding.rule().code(), 1, Integer::sum);
    }
    require(analysis.compiles(), "the compiler refuses it");
    SortedSet<Value> values = analysis.valueSets().of(named);
    if (construct != Construct.LIBRARY_CALL) {
      bounded(values, named.encoding());
    }
    sops.put(name, named);
    sopInfos.put(name, new SOpInfo(named.encoding(), values, facts.mayBeNone(), facts.unique(), facts.determinedBy()));
    constructs.put(name, construct);
  }

  /** {@code from..to} as integers. */
  static SortedSet<Value> range(long from, long to) {
    SortedSet<Value> out = new TreeSet<>();
    for (long i = from; i <= to; i++) {
      out.add(Value.of(i));
    }
    return out;
  }

  /** True when every value is 0 or 1 (booleans count): what a numerical aggregate can average. */
  static boolean binary(SortedSet<Value> values) {
    return values.stream().allMatch(v -> v.isNumeric() && (v.asDouble() == 0.0 || v.asDouble() == 1.0));
  }

  private SOpInfo sop(String name) throws Refused {
    SOpInfo info = sopInfos.get(name);
    require(info != null, "no s-op named " + name);
    return info;
  }

  private SOpInfo categorical(String name) throws Refused {
    SOpInfo info = sop(name);
    require(info.encoding() == Encoding.CATEGORICAL, name + " is not categorical");
    return info;
  }

  /** An s-op that is never none: a select on it never compares none (a comparison fails on none). */
  private SOpInfo selectable(String name) throws Refused {
    SOpInfo info = sop(name);
    require(info.definite(), name + " may be none");
    return info;
  }

  private SelectorInfo selector(String name) throws Refused {
    SelectorInfo info = selectorInfos.get(name);
    require(info != null, "no selector named " + name);
    return info;
  }

  private void ordered(SortedSet<Value> values) throws Refused {
    for (Value x : values) {
      for (Value y : values) {
        call(() -> Value.of(Comparison.LT.test(x, y)));
      }
    }
  }

  private void bounded(SortedSet<Value> values, Encoding encoding) throws Refused {
    int limit = encoding == Encoding.NUMERICAL ? config.maxNumericalValues() : config.maxCategoricalValues();
    require(values.size() <= limit, "too many values");
    require(encoding == Encoding.CATEGORICAL || values.stream().allMatch(Value::isNumeric),
        "a numerical s-op needs numeric values");
    require(values.stream().allMatch(v -> !v.isNumber() || Math.abs(v.asDouble()) <= config.maxMagnitude()),
        "a value is too large");
  }

  /**
   * Adds a function's result to {@code values}; outside the contract a failing call is kept as a program
   * (the value is left out, as the compiler's Tracr mode does) instead of refusing the statement.
   */
  private void addCall(SortedSet<Value> values, java.util.function.Supplier<Value> function) throws Refused {
    try {
      values.add(call(function));
    } catch (Refused failed) {
      if (!config.outsideContract()) {
        throw failed;
      }
    }
  }

  /** Calls a function for its failure only; outside the contract a failure is allowed. */
  private void tryCall(java.util.function.Supplier<Value> function) throws Refused {
    addCall(new TreeSet<>(), function);
  }

  private static Value call(java.util.function.Supplier<Value> function) throws Refused {
    Value result;
    try {
      result = function.get();
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
    require(!result.isNone() && !(result instanceof Value.Tuple), "a function returned none or a tuple");
    require(!result.isNumber() || Double.isFinite(result.asDouble()), "a function returned a non-finite number");
    return result;
  }

  private static void require(boolean condition, String reason) throws Refused {
    if (!condition) {
      throw new Refused(reason);
    }
  }
}
