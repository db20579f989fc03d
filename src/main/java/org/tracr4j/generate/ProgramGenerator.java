package org.tracr4j.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.generate.Definition.SelectCondition;
import org.tracr4j.generate.ProgramBuilder.SOpInfo;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Encoding;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Value;

/**
 * Generates random well-typed, compilable RASP programs. The same configuration and seed always give the
 * same program (text and s-op), so a failing seed can be replayed. The generator is immutable and may be
 * shared between threads.
 *
 * <p>Each step draws a construct by weight and operands for it (preferring recent s-ops that nothing uses
 * yet, so programs are deep rather than wide), then a function from {@link LambdaTemplates}. The statement
 * is kept only when {@link ProgramBuilder} accepts it, which guarantees that the program never fails on any
 * input of the vocabulary up to the maximum length and respects the compiler's rules: categorical
 * aggregates average at most one distinct value, numerical aggregates average 0/1 values with default 0,
 * select keys and queries are categorical and never none, and value sets stay within the bounds.
 */
public final class ProgramGenerator {
  private static final int ATTEMPTS_PER_STATEMENT = 40;
  private static final List<Construct> SOP_CONSTRUCTS = List.of(
      Construct.CATEGORICAL_MAP, Construct.CATEGORICAL_TO_NUMERICAL_MAP, Construct.NUMERICAL_TO_NUMERICAL_MAP,
      Construct.NUMERICAL_TO_CATEGORICAL_MAP, Construct.SEQUENCE_MAP, Construct.LINEAR_SEQUENCE_MAP,
      Construct.CATEGORICAL_AGGREGATE, Construct.NUMERICAL_AGGREGATE, Construct.SELECTOR_WIDTH,
      Construct.NUMERICAL_SELECTOR_WIDTH, Construct.LIBRARY_CALL);
  private static final List<Construct> SELECTOR_CONSTRUCTS =
      List.of(Construct.SELECT, Construct.SELECTOR_AND, Construct.SELECTOR_OR, Construct.SELECTOR_NOT);

  private final GeneratorConfig config;

  public ProgramGenerator(GeneratorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    if (SOP_CONSTRUCTS.stream().allMatch(c -> config.weight(c) == 0)) {
      throw new IllegalArgumentException("at least one s-op construct needs a positive weight");
    }
  }

  public GeneratorConfig config() {
    return config;
  }

  /** The program for {@code seed}. */
  public GeneratedProgram generate(long seed) {
    CompileOptions options = CompileOptions.of(config.vocab(), config.maxSeqLen());
    // Statements are checked without lowering (half the cost); the rare program only lowering refuses is
    // drawn again, from the same random source, so a seed still gives one program.
    return generate(seed, program -> Compiler.analyze(program.program(), options).compiles()).program();
  }

  /** A program drawn for a seed, and whether the caller's test accepted it. */
  public record Draw(GeneratedProgram program, boolean accepted) {}

  /**
   * The first program for {@code seed} that {@code accept} takes, drawing again from the same random source
   * up to 20 times; after that the last draw, not accepted. {@link #generate(long)} accepts what the
   * compiler compiles; a caller that compiles the program anyway (the dataset) passes its own compile
   * instead of paying for the compiler's analysis twice. The program's {@link
   * GeneratedProgram#compilerRefusals} include those of the draws before it.
   */
  public Draw generate(long seed, Predicate<GeneratedProgram> accept) {
    Random random = new Random(seed);
    Map<String, Integer> earlierRefusals = new TreeMap<>();
    for (int attempt = 1; ; attempt++) {
      GeneratedProgram program = new Generation(random).run();
      boolean accepted = accept.test(program);
      if (accepted || attempt == MAX_DRAWS) {
        return new Draw(program.withEarlierRefusals(earlierRefusals), accepted);
      }
      program.compilerRefusals().forEach((rule, n) -> earlierRefusals.merge(rule, n, Integer::sum));
    }
  }

  /** Pairs of comparisons that no key-query pair meets both (see {@link Generation#disjointOr}). */
  private static final List<List<Comparison>> DISJOINT_COMPARISONS = List.of(
      List.of(Comparison.LT, Comparison.EQ), List.of(Comparison.GT, Comparison.EQ),
      List.of(Comparison.LT, Comparison.GEQ), List.of(Comparison.LEQ, Comparison.GT),
      List.of(Comparison.NEQ, Comparison.EQ));

  private static final int MAX_DRAWS = 20;

  /** One generation: the random source, the program so far, and which s-ops are used. */
  private final class Generation {
    private final Random random;
    private final LambdaTemplates templates;
    private final ProgramBuilder builder = new ProgramBuilder(config);
    private final Set<String> used = new HashSet<>();
    private String lastSop;
    private int nextName = 1;

    Generation(Random random) {
      this.random = random;
      this.templates = new LambdaTemplates(random, config.outsideContract());
    }

    GeneratedProgram run() {
      int attempts = 0;
      while (builder.statementCount() < config.size() && attempts < config.size() * ATTEMPTS_PER_STATEMENT) {
        attempts++;
        step(pickWeighted(SOP_CONSTRUCTS));
      }
      while (lastSop == null) {
        step(Construct.CATEGORICAL_MAP);
      }
      joinUnused();
      return builder.finish(lastSop);
    }

    /**
     * Folds the s-ops nothing uses into the output, most recent first, so that the program keeps what was
     * generated: two categorical s-ops by a sequence map, two numerical ones by a linear sequence map,
     * a numerical one into a categorical output after a numerical-to-categorical map. An s-op that cannot
     * be joined in a few draws is left out.
     */
    private void joinUnused() {
      List<String> unused = new ArrayList<>();
      for (String name : builder.sopNames()) {
        if (name.startsWith("v") && !used.contains(name) && !name.equals(lastSop)) {
          unused.add(name);
        }
      }
      for (String name : unused.reversed()) {
        for (int attempt = 0; attempt < 5; attempt++) {
          if (join(lastSop, name)) {
            break;
          }
        }
      }
    }

    private boolean join(String output, String other) {
      boolean numericalOutput = builder.sopInfo(output).encoding() == Encoding.NUMERICAL;
      boolean numericalOther = builder.sopInfo(other).encoding() == Encoding.NUMERICAL;
      if (numericalOutput && numericalOther) {
        List<Long> factors = List.of(-1L, 1L, 2L);
        return sopStatement(new Definition.LinearSequenceMapOf(output, other, pick(factors), pick(factors))) != null;
      }
      String first = numericalOutput ? categoricalOf(output) : output;
      String second = numericalOther ? categoricalOf(other) : other;
      if (first == null || second == null) {
        return false;
      }
      Lambda function = templates.binary(builder.sopInfo(first).values(), builder.sopInfo(second).values());
      return sopStatement(new Definition.SequenceMapOf(first, second, function)) != null;
    }

    private String categoricalOf(String numerical) {
      return sopStatement(new Definition.MapOf(numerical, templates.numeric(builder.sopInfo(numerical).values()),
          Encoding.CATEGORICAL));
    }

    private void step(Construct construct) {
      switch (construct) {
        case CATEGORICAL_MAP -> map(sop(info -> info.encoding() == Encoding.CATEGORICAL), Encoding.CATEGORICAL);
        case CATEGORICAL_TO_NUMERICAL_MAP -> map(sop(this::selectable), Encoding.NUMERICAL);
        case NUMERICAL_TO_NUMERICAL_MAP -> map(sop(this::numerical), Encoding.NUMERICAL);
        case NUMERICAL_TO_CATEGORICAL_MAP -> map(sop(this::numerical), Encoding.CATEGORICAL);
        case SEQUENCE_MAP -> sequenceMap();
        case LINEAR_SEQUENCE_MAP -> linearSequenceMap();
        case CATEGORICAL_AGGREGATE -> categoricalAggregate();
        case NUMERICAL_AGGREGATE -> numericalAggregate();
        case SELECTOR_WIDTH -> selectorWidth(Encoding.CATEGORICAL);
        case NUMERICAL_SELECTOR_WIDTH -> selectorWidth(Encoding.NUMERICAL);
        case LIBRARY_CALL -> libraryCall();
        case SELECT, SELECTOR_AND, SELECTOR_OR, SELECTOR_NOT ->
            throw new IllegalArgumentException(construct + " is made as part of an aggregate or selector width");
      }
    }

    private void map(String input, Encoding encoding) {
      if (input == null) {
        return;
      }
      SOpInfo info = builder.sopInfo(input);
      Lambda function = encoding == Encoding.NUMERICAL || info.encoding() == Encoding.NUMERICAL
          ? templates.numeric(info.values()) : templates.unary(info.values());
      sopStatement(new Definition.MapOf(input, function, encoding));
    }

    private void sequenceMap() {
      String first = sop(info -> info.encoding() == Encoding.CATEGORICAL);
      String second = sop(info -> info.encoding() == Encoding.CATEGORICAL);
      if (first == null || second == null) {
        return;
      }
      Lambda function = templates.binary(builder.sopInfo(first).values(), builder.sopInfo(second).values());
      sopStatement(new Definition.SequenceMapOf(first, second, function));
    }

    private void linearSequenceMap() {
      String first = sop(this::numerical);
      String second = sop(this::numerical);
      if (first == null || second == null) {
        return;
      }
      List<Long> factors = List.of(-2L, -1L, 1L, 2L);
      sopStatement(new Definition.LinearSequenceMapOf(first, second, pick(factors), pick(factors)));
    }

    /**
     * Either unique keys (indices or an injective map of them) and any values, or any keys and numbers
     * that are the keys or a map of them; the predicate admits one key value per query.
     */
    private void categoricalAggregate() {
      String keys;
      String values;
      if (config.outsideContract() && random.nextInt(3) == 0) {
        // Outside the contract: any keys, values and predicate, so a query may select several values.
        keys = sop(this::selectable);
        values = sop(info -> info.encoding() == Encoding.CATEGORICAL);
        String queries = sop(this::selectable);
        if (keys != null && values != null && queries != null) {
          String selector = selector(keys, queries, random.nextBoolean());
          if (selector != null) {
            sopStatement(new Definition.AggregateOf(selector, values, Encoding.CATEGORICAL));
          }
        }
        return;
      }
      if (random.nextBoolean()) {
        keys = sop(info -> info.unique() && selectable(info));
        values = sop(info -> info.encoding() == Encoding.CATEGORICAL);
      } else {
        keys = sop(this::selectable);
        if (keys == null) {
          return;
        }
        String keyName = keys;
        values = random.nextInt(3) == 0 ? keys
            : sop(info -> selectable(info) && info.determinedBy().contains(keyName)
                && info.values().stream().allMatch(Value::isNumber));
      }
      String queries = sop(this::selectable);
      if (keys == null || values == null || queries == null) {
        return;
      }
      String selector = selector(keys, queries, true);
      if (selector != null) {
        sopStatement(new Definition.AggregateOf(selector, values, Encoding.CATEGORICAL));
      }
    }

    private void numericalAggregate() {
      String values = random.nextInt(3) == 0 ? null
          : sop(info -> numerical(info) && ProgramBuilder.binary(info.values()));
      if (values == null) {
        String input = sop(this::selectable);
        if (input == null) {
          return;
        }
        values = sopStatement(new Definition.MapOf(input, templates.indicator(builder.sopInfo(input).values()),
            Encoding.NUMERICAL));
      }
      String keys = sop(this::selectable);
      String queries = sop(this::selectable);
      String selector = values == null || keys == null ? null : selector(keys, queries, false);
      if (selector != null) {
        sopStatement(new Definition.AggregateOf(selector, values, Encoding.NUMERICAL));
      }
    }

    private void selectorWidth(Encoding encoding) {
      String keys = sop(this::selectable);
      String queries = sop(this::selectable);
      String selector = keys == null || queries == null ? null : selector(keys, queries, false);
      if (selector != null) {
        sopStatement(new Definition.SelectorWidthOf(selector, encoding));
      }
    }

    private void libraryCall() {
      int n = config.maxSeqLen();
      LibraryFunction function = pick(List.of(LibraryFunction.values()));
      String sop = sop(this::selectable);
      if (sop == null) {
        return;
      }
      List<Value> values = List.copyOf(builder.sopInfo(sop).values());
      Definition.LibraryCall call = switch (function) {
        case MAKE_LENGTH, MAKE_HIST -> new Definition.LibraryCall(function, List.of(), List.of());
        case MAKE_COUNT_LESS_FREQ ->
            new Definition.LibraryCall(function, List.of(), List.of(Value.of(1L + random.nextInt(2))));
        case MAKE_SORT_FREQ -> new Definition.LibraryCall(function, List.of(), List.of(Value.of((long) n)));
        case MAKE_REVERSE -> new Definition.LibraryCall(function, List.of(sop), List.of());
        case MAKE_FRAC_PREVS -> {
          String bools = sop(info -> info.definite() && ProgramBuilder.binary(info.values()));
          yield bools == null ? null : new Definition.LibraryCall(function, List.of(bools), List.of());
        }
        case SHIFT_BY ->
            new Definition.LibraryCall(function, List.of(sop), List.of(Value.of(1L + random.nextInt(2))));
        case MAKE_COUNT -> new Definition.LibraryCall(function, List.of(sop), List.of(pick(values)));
        case MAKE_PAIR_BALANCE -> new Definition.LibraryCall(function, List.of(sop),
            List.of(pick(values), pick(values)));
        case MAKE_SORT_UNIQUE, MAKE_SORT -> {
          String keys = sop(info -> selectable(info) && (function == LibraryFunction.MAKE_SORT || info.unique()));
          if (keys == null) {
            yield null;
          }
          List<Value> constants = function == LibraryFunction.MAKE_SORT
              ? List.of(Value.of((long) n), Value.of(1L)) : List.of();
          yield new Definition.LibraryCall(function, List.of(sop, keys), constants);
        }
      };
      if (call != null) {
        sopStatement(call);
      }
    }

    /**
     * A new selector over these keys and queries: a select, or an {@code and}/{@code or}/{@code not}
     * combination of selects (chosen by weight). With {@code equality} the selector admits at most one key
     * value per query: a conjunction keeps an equality first operand, a negation negates {@code !=}.
     */
    private String selector(String keys, String queries, boolean equality) {
      SOpInfo keyInfo = builder.sopInfo(keys);
      SOpInfo queryInfo = builder.sopInfo(queries);
      Construct kind = pickWeighted(SELECTOR_CONSTRUCTS);
      if (kind == null) {
        kind = Construct.SELECT;
      }
      if (equality && kind == Construct.SELECTOR_OR) {
        kind = Construct.SELECTOR_AND;
      }
      if (kind == Construct.SELECTOR_OR && random.nextInt(4) == 0) {
        String disjoint = disjointOr(keys, queries);
        if (disjoint != null) {
          return disjoint;
        }
      }
      SelectCondition first = kind == Construct.SELECTOR_NOT && equality
          ? new SelectCondition.Compare(Comparison.NEQ)
          : templates.predicate(keyInfo.values(), queryInfo.values(), equality);
      String select = selectorStatement(new Definition.SelectOf(keys, queries, first));
      if (select == null || kind == Construct.SELECT) {
        return select;
      }
      if (kind == Construct.SELECTOR_NOT) {
        return selectorStatement(new Definition.SelectorNotOf(select));
      }
      // Two in three combinations read other s-ops on their second side (composite selectors, compiled as
      // a summed-QK head or by the product route); the rest merge into one select.
      String secondKeys = keys;
      String secondQueries = queries;
      if (random.nextInt(3) != 0) {
        String otherKeys = sop(this::selectable);
        String otherQueries = sop(this::selectable);
        secondKeys = otherKeys == null ? keys : otherKeys;
        secondQueries = otherQueries == null ? queries : otherQueries;
      }
      SelectCondition secondCondition = templates.predicate(builder.sopInfo(secondKeys).values(),
          builder.sopInfo(secondQueries).values(), false);
      String second = selectorStatement(new Definition.SelectOf(secondKeys, secondQueries, secondCondition));
      if (second == null) {
        return null;
      }
      String combined = selectorStatement(kind == Construct.SELECTOR_AND
          ? new Definition.SelectorAndOf(select, second) : new Definition.SelectorOrOf(select, second));
      // Sometimes negate the combination (De Morgan in the compiler); never where one key value is needed.
      return combined != null && !equality && random.nextInt(4) == 0
          ? selectorStatement(new Definition.SelectorNotOf(combined)) : combined;
    }

    /**
     * The stable-sort shape {@code select(k, q, c1) or (select(k, q, c2) and select(k2, q2, p))} with
     * comparisons c1 and c2 that no key-query pair meets both (the compiler may split its width into a sum
     * of widths); null when a statement is refused.
     */
    private String disjointOr(String keys, String queries) {
      LambdaTemplates.Kind keyKind = LambdaTemplates.Kind.of(builder.sopInfo(keys).values());
      LambdaTemplates.Kind queryKind = LambdaTemplates.Kind.of(builder.sopInfo(queries).values());
      boolean ordered = keyKind.orderable() && queryKind.orderable()
          || keyKind == LambdaTemplates.Kind.TEXT && queryKind == LambdaTemplates.Kind.TEXT;
      List<List<Comparison>> pairs = ordered ? DISJOINT_COMPARISONS : List.of(List.of(Comparison.NEQ, Comparison.EQ));
      List<Comparison> pair = pairs.get(random.nextInt(pairs.size()));
      String either = selectorStatement(new Definition.SelectOf(keys, queries, new SelectCondition.Compare(pair.get(0))));
      String or = selectorStatement(new Definition.SelectOf(keys, queries, new SelectCondition.Compare(pair.get(1))));
      String tieKeys = sop(this::selectable);
      String tieQueries = sop(this::selectable);
      if (either == null || or == null || tieKeys == null || tieQueries == null) {
        return null;
      }
      String tie = selectorStatement(new Definition.SelectOf(tieKeys, tieQueries, templates.predicate(
          builder.sopInfo(tieKeys).values(), builder.sopInfo(tieQueries).values(), false)));
      String tieBroken = tie == null ? null : selectorStatement(new Definition.SelectorAndOf(or, tie));
      return tieBroken == null ? null : selectorStatement(new Definition.SelectorOrOf(either, tieBroken));
    }

    private String sopStatement(Definition definition) {
      String name = "v" + nextName;
      if (!builder.add(new Statement(name, definition))) {
        return null;
      }
      nextName++;
      used.addAll(definition.references());
      lastSop = name;
      return name;
    }

    private String selectorStatement(Definition definition) {
      String name = "sel" + nextName;
      if (!builder.add(new Statement(name, definition))) {
        return null;
      }
      nextName++;
      used.addAll(definition.references());
      return name;
    }

    /**
     * An s-op satisfying {@code filter}: mostly the most recent one nothing uses yet, otherwise any;
     * null when there is none.
     */
    private String sop(Predicate<SOpInfo> filter) {
      List<String> candidates = new ArrayList<>();
      for (String name : builder.sopNames()) {
        if (filter.test(builder.sopInfo(name))) {
          candidates.add(name);
        }
      }
      if (candidates.isEmpty()) {
        return null;
      }
      if (random.nextInt(5) > 0) {
        for (String name : candidates.reversed()) {
          if (!used.contains(name) && !name.equals(ProgramBuilder.LENGTH)) {
            return name;
          }
        }
      }
      return pick(candidates);
    }

    private boolean selectable(SOpInfo info) {
      return info.encoding() == Encoding.CATEGORICAL && info.definite();
    }

    private boolean numerical(SOpInfo info) {
      return info.encoding() == Encoding.NUMERICAL && info.definite();
    }

    private Construct pickWeighted(List<Construct> constructs) {
      int total = constructs.stream().mapToInt(config::weight).sum();
      if (total == 0) {
        return null;
      }
      int draw = random.nextInt(total);
      for (Construct construct : constructs) {
        draw -= config.weight(construct);
        if (draw < 0) {
          return construct;
        }
      }
      throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    private <T> T pick(List<T> items) {
      return items.get(random.nextInt(items.size()));
    }
  }
}
