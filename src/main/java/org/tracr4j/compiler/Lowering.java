package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.craft.chamber.ConjunctionAttention;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;

/**
 * Lowers each s-op to its craft block (tracr-reference §2.3), choosing the construction by the encodings of
 * the s-op and its inputs. The construction calls themselves live in {@link Constructions}, so this class is
 * only the dispatch and the checks that make a construction faithful. Every failure is a {@link Finding}
 * naming the s-op; all of them are collected (an s-op that fails gets no block).
 */
final class Lowering {
  static final BasisDirection ONE = new BasisDirection("one");

  /**
   * The block of each computed s-op, by id, or every reason some s-op cannot be lowered; and, by label, the
   * s-ops built with a construction other than Tracr's and which one ({@link BuildMode#choosesCheapestConstruction}).
   */
  record Result(ExpressionMap<LoweredBlock> blocks, List<Finding> findings, Map<String, String> constructions) {
    Result {
      findings = List.copyOf(findings);
      constructions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(constructions));
    }
  }

  private final ProgramGraph graph;
  private final ValueSets valueSets;
  private final ExpressionMap<ValueSetInference.MapResults> mapResults;
  private final BuildMode mode;
  private final int maxSeqLen;
  private final Constructions constructions;
  /** In order of discovery, each (rule, s-op, reason) once: a function is called on many values. */
  private final SequencedSet<Finding> findings = new LinkedHashSet<>();
  private final Map<String, String> constructionsUsed = new HashMap<>();
  private final NoneAnalysis none;
  private final Map<String, String> compositeHeads = new java.util.TreeMap<>();
  private final ExpressionMap<VectorSpace> outputSpaces = new ExpressionMap<>();
  private final BasisDirection bos;

  Lowering(ProgramGraph graph, ValueSets valueSets, ExpressionMap<ValueSetInference.MapResults> mapResults,
      NoneAnalysis none, BuildMode mode, int maxSeqLen, BasisDirection bos) {
    this.graph = graph;
    this.valueSets = valueSets;
    this.mapResults = mapResults;
    this.mode = mode;
    this.maxSeqLen = maxSeqLen;
    this.constructions = new Constructions(mode, bos, ONE);
    this.bos = bos;
    this.none = none;
  }

  Result lowerAll() {
    ExpressionMap<LoweredBlock> blocks = new ExpressionMap<>(graph.nodes().size());
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (expr instanceof SOp sop) {
        int before = findings.size();
        LoweredBlock block = lower(sop);
        if (block != null && findings.size() == before) {
          blocks.put(sop, block);
        }
      }
    }
    return new Result(blocks, new ArrayList<>(findings), constructionsUsed);
  }

  /**
   * The residual directions an s-op writes: one per value (categorical) or one (numerical). Built once per
   * s-op: a space is asked for by the s-op's own block and by every reader's.
   */
  VectorSpace outputSpace(SOp sop) {
    VectorSpace known = outputSpaces.get(sop);
    if (known == null) {
      String label = graph.label(sop);
      java.util.SortedSet<Value> values = sop.isNumerical() ? null : valueSets.of(sop);
      // A value set in Value's natural order is strictly increasing in the direction order too: that
      // compares two Values by Value.compareTo.
      known = values == null ? VectorSpace.of(new BasisDirection(label))
          : values.comparator() == null ? VectorSpace.fromIncreasingValues(label, values)
          : VectorSpace.fromValues(label, values);
      outputSpaces.put(sop, known);
    }
    return known;
  }

  /**
   * The index space ({@link Compiler#indexSpace}): the one built for the indices' readers when there are
   * any (the indices' value set is every position, so it is the same space), else a new one.
   */
  VectorSpace indexSpace(int positions) {
    VectorSpace known = builtSpace(Indices.class, positions);
    return known != null ? known : Compiler.indexSpace(positions);
  }

  /**
   * The residual's token space ({@link Compiler#tokenSpace}): the space the tokens' readers have (their
   * value set is the vocabulary) with BOS and PAD joined in, so that the residual's parts share its
   * directions, BOS's with the heads'; else a new one.
   */
  VectorSpace tokenSpace(CompileOptions options) {
    VectorSpace known = builtSpace(Tokens.class, options.vocab().size());
    if (known == null) {
      return Compiler.tokenSpace(options);
    }
    BasisDirection pad = new BasisDirection(bos.name(), Value.of(options.pad()));
    VectorSpace inserted = Compiler.withTwoMore(known, bos, pad);
    return inserted != null ? inserted : VectorSpace.join(known, VectorSpace.of(bos, pad));
  }

  /** The output space built for the readers of the input {@code kind}, if it has {@code dims}; else null. */
  private VectorSpace builtSpace(Class<? extends SOp> kind, int dims) {
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      if (kind.isInstance(expr)) {
        VectorSpace known = outputSpaces.get(expr);
        if (known != null && known.dims() == dims) {
          return known;
        }
      }
    }
    return null;
  }

  private LoweredBlock lower(SOp sop) {
    return switch (sop) {
      case Tokens t -> null;
      case Indices i -> null;
      // Static validation rejects both; reported again so that lowering never builds a wrong block.
      case Length l -> report(l, RuleCode.LENGTH_PRIMITIVE, "the length primitive cannot be compiled");
      case Full f -> report(f, RuleCode.CONSTANT_SEQUENCE, "a constant sequence cannot be compiled");
      case ElementwiseMap m -> ofMlp(map(m));
      case SequenceMap m -> LoweredBlock.of(sequenceMap(m));
      case LinearSequenceMap m -> LoweredBlock.of(linearSequenceMap(m));
      case Aggregate a -> LoweredBlock.of(aggregate(a));
      case SelectorWidth w -> selectorWidth(w);
    };
  }

  private static LoweredBlock ofMlp(Mlp mlp) {
    return mlp == null ? null : LoweredBlock.of(mlp);
  }

  /** The map's MLP, or null after reporting why there is none. */
  private Mlp map(ElementwiseMap m) {
    SOp inner = m.inner();
    String label = graph.label(m);
    VectorSpace input = outputSpace(inner);
    VectorSpace output = outputSpace(m);
    UnaryOperator<Value> results = resultsOf(m);
    if (inner.isCategorical() && m.isCategorical()) {
      return constructions.lookup(input, output, x -> orNone(results.apply((Value) x)), label);
    }
    if (inner.isCategorical()) {
      return constructions.categoricalToNumerical(input, output.direction(0),
          x -> number(m, orNone(results.apply((Value) x))), label);
    }
    List<Double> points = new ArrayList<>();
    List<Value> outputs = new ArrayList<>();
    Value previous = null;
    for (Value x : valueSets.of(inner)) {
      Value y = results.apply(x);
      // Floating twins such as 1/2 - 1/3 and 2/3 - 1/2 differ in the last bit: no model can tell them
      // apart, and a discretising step between them would need an absurd L. Keep the first of each cluster;
      // a function that tells twins apart (x != -0.2) cannot be compiled faithfully.
      boolean twin = mode.mergesFloatingTwins() && previous != null
          && Tolerance.ROUNDING.close(x.asDouble(), previous.asDouble());
      if (twin) {
        Value kept = applyOrNull(m, previous);
        if (!sameOutput(kept, y, m.isCategorical() && m != graph.output())) {
          return report(m, RuleCode.FLOATING_TWINS, "its function tells apart " + previous + " and " + x + " of "
              + graph.label(inner) + ", which differ only by floating-point rounding (giving " + kept + " and "
              + y + "); no model can, so compare with a tolerance instead");
        }
        continue;
      }
      previous = x;
      if (y != null) {
        points.add(x.asDouble());
        outputs.add(y);
      }
    }
    if (points.isEmpty()) {
      return report(m, RuleCode.NO_DEFINED_VALUE, "its function gives no value on any input value of "
          + graph.label(inner));
    }
    BasisDirection in = input.direction(0);
    if (m.isNumerical()) {
      List<Double> numbers = outputs.stream().map(y -> number(m, y)).toList();
      return constructions.numericalToNumerical(in, output.direction(0), points, numbers, label);
    }
    List<BasisDirection> directions = outputs.stream().map(y -> new BasisDirection(label, y)).toList();
    return constructions.numericalToCategorical(in, output, points, directions, label);
  }

  private Mlp sequenceMap(SequenceMap m) {
    String label = graph.label(m);
    VectorSpace output = outputSpace(m);
    if (m.isNumerical()) {
      // Only the exact mode's map fusion builds these (a numerical map of a categorical sequence map).
      java.util.function.BinaryOperator<Value> g = (x, y) -> UserFunctions.value(() -> m.function().apply(x, y));
      if (m.first().equals(m.second())) {
        return constructions.categoricalToNumerical(outputSpace(m.first()), output.direction(0),
            x -> number(m, g.apply((Value) x, (Value) x)), label);
      }
      return constructions.numericalSequenceMap(outputSpace(m.first()), outputSpace(m.second()),
          output.direction(0), (x, y) -> number(m, g.apply(x, y)), label);
    }
    if (m.first().equals(m.second())) {
      return constructions.lookup(outputSpace(m.first()), output,
          x -> UserFunctions.value(() -> m.function().apply((Value) x, (Value) x)), label);
    }
    java.util.function.BinaryOperator<Value> f = (x, y) -> UserFunctions.value(() -> m.function().apply(x, y));
    // A none input is the zero vector, which the sum would read as 0: only inputs that are never none.
    if (mode.choosesCheapestConstruction() && !none.mayBeNone(m.first()) && !none.mayBeNone(m.second())) {
      Set<Value> xs = valueSets.of(m.first());
      Set<Value> ys = valueSets.of(m.second());
      Optional<SumRoute> route = SumRoute.find(xs, ys, f);
      // The table has one hidden neuron per pair; both read the same input directions.
      if (route.isPresent() && route.get().hiddenNeurons() < xs.size() * ys.size()) {
        constructionsUsed.put(label, "discretising MLP on " + route.get().describe(graph.label(m.first()),
            graph.label(m.second())) + " (" + route.get().hiddenNeurons() + " hidden neurons; Tracr's table "
            + xs.size() * ys.size() + ")");
        return constructions.sumSequenceMap(outputSpace(m.first()), outputSpace(m.second()), output,
            route.get(), label);
      }
    }
    return constructions.sequenceMap(outputSpace(m.first()), outputSpace(m.second()), output, f, label);
  }

  private Mlp linearSequenceMap(LinearSequenceMap m) {
    BasisDirection first = outputSpace(m.first()).direction(0);
    BasisDirection second = outputSpace(m.second()).direction(0);
    double a = m.firstFactor().asDouble();
    double b = m.secondFactor().asDouble();
    return constructions.linearSequenceMap(first, second, outputSpace(m).direction(0), a, b, graph.label(m));
  }

  private AttentionHead aggregate(Aggregate a) {
    List<ConjunctionAttention.Conjunct> conjuncts = conjuncts(a.selector());
    if (conjuncts.size() > 1) {
      compositeHeads.put(graph.label(a), "summed-qk and of " + conjuncts.size() + " selects");
    }
    VectorSpace values = outputSpace(a.sop());
    VectorSpace output = outputSpace(a);
    boolean countsKeys = AggregateContract.countsKeys(a, valueSets, none, mode);
    if (countsKeys) {
      List<Object> positions = new ArrayList<>();
      for (long i = 0; i < maxSeqLen; i++) {
        positions.add(Value.of(i));
      }
      values = VectorSpace.join(List.of(values, VectorSpace.fromValues("indices", positions)));
      output = VectorSpace.join(List.of(output, VectorSpace.fromValues(graph.label(a) + AggregateContract.KEYS,
          positions)));
    }
    return constructions.aggregate(conjuncts, values, output, a.defaultValue(), a.isNumerical(), graph.label(a),
        countsKeys);
  }

  private LoweredBlock selectorWidth(SelectorWidth w) {
    List<ConjunctionAttention.Conjunct> conjuncts = conjuncts(w.selector());
    if (conjuncts.size() > 1) {
      compositeHeads.put(graph.label(w), "summed-qk and of " + conjuncts.size() + " selects");
    }
    java.util.SortedSet<Value> widths = valueSets.of(w);
    int min = (int) widths.first().asDouble();
    int max = (int) widths.last().asDouble();
    if (min != 0 || max != maxSeqLen) {
      constructionsUsed.put(graph.label(w), "selector width decoding " + min + ".." + max + " (the selector "
          + (min > 0 ? "always" : "never") + " selects the query's own position; Tracr's 0.." + maxSeqLen + ")");
    }
    return constructions.selectorWidth(conjuncts, outputSpace(w), w.isNumerical(), min, max, graph.label(w));
  }

  /**
   * The selects of a selector that is one select or an AND of selects (static validation rejects the rest;
   * the rewrite stage has pushed negations into the selects and turned ORs into selects).
   */
  private List<ConjunctionAttention.Conjunct> conjuncts(Selector selector) {
    List<Select> selects = new ArrayList<>();
    collectConjuncts(selector, selects);
    List<ConjunctionAttention.Conjunct> conjuncts = new ArrayList<>(selects.size());
    for (Select s : selects) {
      conjuncts.add(new ConjunctionAttention.Conjunct(outputSpace(s.queries()), outputSpace(s.keys()),
          new SelectPredicate(s.predicate())));
    }
    return java.util.Collections.unmodifiableList(conjuncts);
  }

  private static void collectConjuncts(Selector selector, List<Select> selects) {
    switch (selector) {
      case Select s -> selects.add(s);
      case SelectorAnd s -> {
        collectConjuncts(s.first(), selects);
        collectConjuncts(s.second(), selects);
      }
      case SelectorOr s -> throw new IllegalStateException("an or reached lowering: " + s.describe());
      case SelectorNot s -> throw new IllegalStateException("a not reached lowering: " + s.describe());
    }
  }

  /** The aggregates and selector widths whose head is a summed-QK AND, by label. */
  Map<String, String> compositeHeads() {
    return java.util.Collections.unmodifiableMap(compositeHeads);
  }

  /**
   * The map's function as {@link #applyOrNull}: the results inference computed, asked for in the order of
   * the input's value set (as the constructions ask, direction by direction); any other value is computed.
   */
  private UnaryOperator<Value> resultsOf(ElementwiseMap m) {
    ValueSetInference.MapResults known = mapResults.get(m);
    if (known == null) {
      return x -> applyOrNull(m, x);
    }
    return new UnaryOperator<>() {
      private int next;

      @Override
      public Value apply(Value x) {
        if (next < known.inputs().length && known.inputs()[next] == x) {
          return known.results()[next++];
        }
        return applyOrNull(m, x);
      }
    };
  }

  private static Value orNone(Value y) {
    return y == null ? Value.NONE : y;
  }

  private static Value applyOrNull(ElementwiseMap m, Value x) {
    return UserFunctions.value(() -> m.function().apply(x));
  }


  private double number(SOp sop, Value v) {
    if (v == null || v.isNone()) {
      return 0;
    }
    if (!v.isNumeric()) {
      report(sop, RuleCode.NON_NUMBER_RESULT, "it is numerical but its function gives the non-number " + v);
      return 0;
    }
    return v.asDouble();
  }

  /**
   * Whether twins' outputs may be one: equal, or numbers within {@link Tolerance#ROUNDING}, unless {@code
   * exact}. A categorical s-op that other s-ops read must give equal outputs: each of its values is a
   * direction of its own, and a reader tells them apart exactly (|x - 1/6| on the twins of 1/6 gives 0 and
   * 5.6e-17, which a later {@code >=} separated; causal fuzz, program seed 20261274823314, compiled wrong).
   * A numerical one is read as a number, with the same tolerance, and the program's output is compared so.
   */
  private static boolean sameOutput(Value a, Value b, boolean exact) {
    if (a == null || b == null) {
      return a == b;
    }
    return exact ? a.equals(b) : Tolerance.ROUNDING.same(a, b);
  }

  /** Records a finding; returns null, the missing block. */
  private <T> T report(RaspExpr expr, RuleCode rule, String reason) {
    findings.add(new Finding(rule, graph.label(expr), reason));
    return null;
  }

}
