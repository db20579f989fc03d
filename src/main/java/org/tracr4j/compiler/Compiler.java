package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tracr4j.InvalidInputException;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.rewrite.Rewriter;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.ModelSize;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The compiler: a RASP program and a vocabulary in, a transformer out. One call per stage, in order
 * (tracr-reference §2.0): check the options, rewrite the program ({@code compiler.rewrite}), build the graph
 * (labels), validate it statically, infer value sets, check where none can appear (exact mode), lower each
 * s-op to a craft block, allocate layers, assemble the weights. Each checking stage collects every
 * finding; the first stage with any stops the compile and reports them all. Every difference between the
 * exact mode and Tracr's is a question to the {@link BuildMode}.
 *
 * @throws UnsupportedProgramException listing every expression that cannot be compiled faithfully
 * @throws InvalidInputException for a bad vocabulary or maximum length
 */
public final class Compiler {
  /** Version recorded in every model's metadata: the pom's project version. */
  public static final String VERSION = ProjectVersion.read();

  private Compiler() {}

  public static CompiledProgram compile(SOp program, CompileOptions options) {
    return compile(program, options, Map.of());
  }

  /** Compiles, recording {@code metadata} (e.g. the program's source text) in the model. */
  public static CompiledProgram compile(SOp program, CompileOptions options, Map<String, String> metadata) {
    return compile(program, options, metadata, stage -> {});
  }

  /**
   * Compiles, telling {@code progress} the name of each stage as it starts ({@link #STAGES}), so that a
   * caller can show what a long compile is doing: {@link #plan}, then {@link #assemble}.
   *
   * @throws org.tracr4j.ModelTooLargeException before the weights are allocated, when the model would not
   *     fit in the heap or a tensor in a Java array (also before value sets, when the token and position
   *     embeddings alone would not)
   */
  public static CompiledProgram compile(SOp program, CompileOptions options, Map<String, String> metadata,
      Consumer<String> progress) {
    return assemble(plan(program, options, metadata, progress), progress);
  }

  /** {@link #plan(SOp, CompileOptions, Map, Consumer)} without metadata or progress. */
  public static PlannedProgram plan(SOp program, CompileOptions options) {
    return plan(program, options, Map.of(), stage -> {});
  }

  /**
   * Every stage but the last: the program lowered to craft blocks, allocated to layers and laid out in the
   * residual, up to the weight arrays, which {@link #assemble} writes. Where the mode has several routes
   * ({@link BuildMode#routes}), each is checked and laid out, and the cheapest model is kept.
   *
   * @throws org.tracr4j.ModelTooLargeException as {@link #compile} does; nothing large is allocated here
   */
  public static PlannedProgram plan(SOp program, CompileOptions options, Map<String, String> metadata,
      Consumer<String> progress) {
    checkOptions(options);
    progress.accept("checking the size");
    requireEmbeddingsFit(options);
    BuildMode mode = BuildMode.of(options);
    progress.accept("rewriting");
    PlannedProgram best = null;
    List<Finding> refused = null;
    for (Rewriter.Result route : routes(program, mode)) {
      Checked checked = check(route, options, mode, true, false, progress);
      if (!checked.findings().isEmpty()) {
        refused = refused == null ? checked.findings() : refused;
        continue;
      }
      PlannedProgram candidate = layout(program, options, metadata, checked, progress);
      if (best == null || cheaper(candidate.config(), best.config())) {
        best = candidate;
      }
    }
    if (best == null) {
      refuseAny(refused);
    }
    return best;
  }

  /** The last stage: writes the weights of a planned program into the residual space; the runnable model. */
  public static CompiledProgram assemble(PlannedProgram planned) {
    return assemble(planned, stage -> {});
  }

  private static CompiledProgram assemble(PlannedProgram planned, Consumer<String> progress) {
    progress.accept("assembling the weights");
    Model model = Assembler.assemble(planned.layout());
    return new CompiledProgram(planned.program(), planned.options(), planned.graph(), planned.valueSets(),
        planned.plan(), model);
  }

  /**
   * The cost model between routes: fewer layers, then fewer parameters; on a tie the earlier route (the
   * mode's first, Tracr's construction where it has one) stays.
   */
  private static boolean cheaper(ModelConfig candidate, ModelConfig best) {
    int layers = Integer.compare(candidate.layers(), best.layers());
    return layers < 0 || layers == 0 && candidate.params() < best.params();
  }

  /** The program as each of the mode's routes rewrites it, without repeats (most programs have one). */
  private static List<Rewriter.Result> routes(SOp program, BuildMode mode) {
    List<Rewriter> rewriters = mode.routes();
    // Last route first: a route that only leaves out rules of a later one that never applied gives that
    // route's result without a pass of its own (Rewriter#repeats).
    Rewriter.Result[] results = new Rewriter.Result[rewriters.size()];
    for (int i = results.length - 1; i >= 0; i--) {
      for (int j = i + 1; j < results.length && results[i] == null; j++) {
        if (rewriters.get(i).repeats(rewriters.get(j), results[j])) {
          results[i] = results[j];
        }
      }
      if (results[i] == null) {
        results[i] = rewriters.get(i).rewriteLogged(program);
      }
    }
    List<Rewriter.Result> routes = new ArrayList<>(results.length);
    for (Rewriter.Result route : results) {
      if (!appliedAlike(routes, route)) {
        routes.add(route);
      }
    }
    return routes;
  }

  /** Whether a route in {@code routes} applied the same rules to the same expressions as {@code route}. */
  private static boolean appliedAlike(List<Rewriter.Result> routes, Rewriter.Result route) {
    for (int i = 0; i < routes.size(); i++) {
      Rewriter.Result other = routes.get(i);
      if (other == route || other.applied().equals(route.applied())) {
        return true;
      }
    }
    return false;
  }

  private static PlannedProgram layout(SOp program, CompileOptions options, Map<String, String> metadata,
      Checked checked, Consumer<String> progress) {
    BuildMode mode = checked.mode();
    Lowering lowering = checked.lowering();
    ProgramGraph graph = checked.graph();
    progress.accept("allocating layers");
    LayerPlan plan = LayerAllocation.allocate(graph);
    Lowering.Result lowered = checked.lowered();
    Map<String, String> constructions = lowered.constructions();
    if (mode.balancesLayers()) {
      LayerBalancing.Result balanced = LayerBalancing.balance(graph, plan, lowered.blocks(),
          mode.mergesIdenticalHeads());
      plan = balanced.plan();
      if (!balanced.moves().isEmpty()) {
        Map<String, String> all = new java.util.TreeMap<>(constructions);
        balanced.moves().forEach((label, move) -> all.merge(label, move, (a, b) -> a + "; " + b));
        constructions = all;
      }
    }
    // The metadata's lines are written when the model is assembled (Layout#metadata); what they are made of
    // is fixed here (the caller's map as it is now).
    Map<String, String> finalConstructions = constructions;
    Map<String, String> extra = metadata.isEmpty() ? Map.of() : new LinkedHashMap<>(metadata);
    progress.accept("checking aggregate preconditions");
    Map<Long, String> preconditions = AggregateContract.preconditions(graph, checked.valueSets(), checked.none(),
        options);
    Assembler.Layout layout = Assembler.layout(new Assembler.Inputs(graph, plan, lowered.blocks(),
        lowering.tokenSpace(options), lowering.indexSpace(options.maxSeqLen()),
        lowering.outputSpace(checked.rewrite().program()), Lowering.ONE, mode,
        new Assembler.Positions(options.maxSeqLen(), options.causal(), options.bos(), options.pad()),
        () -> metadata(options, extra, checked.rewrite(), lowering.compositeHeads(), finalConstructions),
        preconditions, NoneContract.neverNone(graph, checked.valueSets(), checked.none(), mode),
        () -> largestValueSet(graph, checked.valueSets()), numbers(checked.valueSets().of(graph.output()))));
    return new PlannedProgram(program, options, graph, checked.valueSets(), plan, layout);
  }

  /** The stages {@link #compile} reports, in order. */
  public static final List<String> STAGES = List.of("checking the size", "rewriting", "validating",
      "inferring value sets", "checking none", "lowering", "allocating layers", "checking aggregate preconditions",
      "assembling the weights");

  /**
   * The numbers of a value set (a numerical output's, recorded for decoding), without none, listed when
   * first read: only assembling reads them, and a plan that is not assembled (a route not kept, a bench
   * of {@link #plan}) would box thousands of means for nothing. Two threads that read it at once list it
   * twice, the same; volatile, so a list built by one thread is seen whole by another.
   */
  private static List<Double> numbers(java.util.SortedSet<Value> values) {
    return new java.util.AbstractList<>() {
      private volatile List<Double> numbers;

      private List<Double> numbers() {
        List<Double> listed = numbers;
        if (listed == null) {
          listed = listNumbers(values);
          numbers = listed;
        }
        return listed;
      }

      @Override
      public Double get(int index) {
        return numbers().get(index);
      }

      @Override
      public int size() {
        return numbers().size();
      }
    };
  }

  private static List<Double> listNumbers(java.util.SortedSet<Value> values) {
    List<Double> numbers = new ArrayList<>(values.size());
    for (Value v : values) {
      if (v.isNumeric() && Double.isFinite(v.asDouble())) {
        numbers.add(v.asDouble());
      }
    }
    return java.util.Collections.unmodifiableList(numbers);
  }

  /** The s-op with the most values, for a size refusal: {@code "; largest value set: x, 2,000 values"}. */
  private static String largestValueSet(ProgramGraph graph, ValueSets valueSets) {
    String label = null;
    int most = -1;
    for (var expr : graph.nodes()) {
      if (expr instanceof SOp sop && valueSets.of(sop).size() > most) {
        most = valueSets.of(sop).size();
        label = graph.label(sop);
      }
    }
    return label == null ? "" : String.format(java.util.Locale.ROOT, "; largest value set: %s, %,d values", label, most);
  }

  /**
   * Refuses, before anything is built, a model whose token and position embeddings alone would not fit: the
   * residual holds at least every token (BOS and PAD included) and every index.
   */
  private static void requireEmbeddingsFit(CompileOptions options) {
    long dModel = options.vocab().size() + 2L + options.maxSeqLen();
    if (dModel > Integer.MAX_VALUE) {
      throw new org.tracr4j.ModelTooLargeException("the residual would have " + dModel + " dimensions (tokens and "
          + "indices), more than a Java array holds");
    }
    ModelSize.require(new ModelConfig(0, 1, (int) dModel, 1, 1, options.vocab().size() + 2, 1,
        options.maxSeqLen() + 1, options.causal()), "; counting only the token and position embeddings");
  }

  /**
   * What the compiler knows about a program without building its weights: the findings of the first
   * checking stage that has any (none when the program compiles), and the value set of every s-op (by
   * the ids of {@code program}'s expressions; empty when static validation already failed). The program
   * generator asks this, so that "compilable" means what the compiler says.
   *
   * @throws InvalidInputException for a bad vocabulary or maximum length
   */
  public static Analysis analyze(SOp program, CompileOptions options) {
    return analysis(program, options, true, false);
  }

  /**
   * {@link #analyze} without lowering, about half the work: the static rules, value sets and none
   * analysis, but not what only lowering finds (a numerical map telling floating-point twins apart). The
   * generator checks each statement so, and each finished program with {@link #analyze}.
   */
  public static Analysis analyzeBeforeLowering(SOp program, CompileOptions options) {
    return analysis(program, options, false, false);
  }

  /**
   * {@link #analyzeBeforeLowering} of an s-op that is one part of a program still being built (the
   * generator's statements): the rule that a program reads tokens applies to the whole program only, so
   * {@code length - indices - 1} is a part the generator may use.
   */
  public static Analysis analyzeFragment(SOp sop, CompileOptions options) {
    return analysis(sop, options, false, true);
  }

  /** The first route's analysis that compiles, or the first route's findings when none does. */
  private static Analysis analysis(SOp program, CompileOptions options, boolean lower, boolean fragment) {
    checkOptions(options);
    BuildMode mode = BuildMode.of(options);
    Analysis first = null;
    // The first route that compiles is the answer. The routes cost one rewrite pass unless a later route's
    // own rule applies (routes: Rewriter#repeats), so the generator, which asks this for every statement
    // it draws, pays for a second pass only where a second route exists.
    for (Rewriter.Result route : routes(program, mode)) {
      Checked checked = check(route, options, mode, lower, fragment, stage -> {});
      Analysis analysis = new Analysis(checked.valueSets(), checked.findings());
      if (analysis.compiles()) {
        return analysis;
      }
      first = first == null ? analysis : first;
    }
    return first;
  }

  /**
   * The expressions of the program as the compiled model's provenance lists them (label, kind, layer, ...;
   * without preconditions), from the rewrite, the graph and the layer allocation only: no value sets,
   * lowering or weights, a small part of a compile. Layers depend only on the shape of the graph, so a
   * tool can order a program by layer before it compiles it (the dataset's tokens). Says nothing about
   * whether the program compiles.
   *
   * @throws InvalidInputException for a bad vocabulary or maximum length
   */
  public static List<org.tracr4j.model.Provenance.Expression> expressions(SOp program, CompileOptions options) {
    checkOptions(options);
    ProgramGraph graph = ProgramGraph.of(BuildMode.of(options).rewriter().rewriteLogged(program).program());
    return ProvenanceRecorder.expressions(graph, LayerAllocation.allocate(graph), Map.of(), Map.of());
  }

  /** The answer of {@link #analyze}. */
  public record Analysis(ValueSets valueSets, List<Finding> findings) {
    public Analysis {
      findings = List.copyOf(findings);
    }

    public boolean compiles() {
      return findings.isEmpty();
    }
  }

  /** The checking stages, in order, up to the first with findings; lowering included (it finds too). */
  private record Checked(BuildMode mode, Rewriter.Result rewrite, ProgramGraph graph, ValueSets valueSets,
      NoneAnalysis none, Lowering lowering, Lowering.Result lowered, List<Finding> findings) {}

  private static Checked check(Rewriter.Result rewrite, CompileOptions options, BuildMode mode, boolean lower,
      boolean fragment, Consumer<String> progress) {
    SOp rewritten = rewrite.program();
    ProgramGraph graph = ProgramGraph.of(rewritten);
    progress.accept("validating");
    List<Finding> findings = StaticValidation.check(graph, mode);
    if (fragment) {
      findings = findings.stream().filter(f -> f.rule() != RuleCode.NO_TOKENS).toList();
    }
    if (!findings.isEmpty()) {
      return new Checked(mode, rewrite, graph, ValueSets.NONE, null, null, null, findings);
    }
    progress.accept("inferring value sets");
    ValueSetInference.Result inferred = ValueSetInference.infer(graph, options.vocab(), options.maxSeqLen(), mode);
    if (mode.fusesMaps() && inferred.findings().isEmpty()) {
      // Fuse where the reader does not grow: a map whose input has no more values than its result.
      ValueSets before = inferred.valueSets();
      Rewriter.Result fused = org.tracr4j.compiler.rewrite.FuseMaps.fuse(rewritten, graph.nodes(),
          m -> before.of(m.inner()).size() <= before.of(m).size());
      if (!fused.applied().isEmpty()) {
        List<Rewriter.Applied> applied = new ArrayList<>(rewrite.applied());
        applied.addAll(fused.applied());
        rewrite = new Rewriter.Result(fused.program(), applied);
        ProgramGraph unfused = graph;
        graph = ProgramGraph.of(fused.program());
        findings = StaticValidation.check(graph, mode);
        if (!findings.isEmpty()) {
          return new Checked(mode, rewrite, graph, ValueSets.NONE, null, null, null, findings);
        }
        inferred = ValueSetInference.inferAgain(graph, unfused, inferred, options.vocab(), options.maxSeqLen(),
            mode);
      }
    }
    ValueSets valueSets = inferred.valueSets();
    findings = inferred.findings();
    if (findings.isEmpty() && mode.checksNone()) {
      progress.accept("checking none");
      findings = inferred.none().check();
    }
    if (!findings.isEmpty()) {
      return new Checked(mode, rewrite, graph, valueSets, inferred.none(), null, null, findings);
    }
    if (!lower) {
      return new Checked(mode, rewrite, graph, valueSets, inferred.none(), null, null, findings);
    }
    progress.accept("lowering");
    Lowering lowering = new Lowering(graph, valueSets, inferred.mapResults(), inferred.none(), mode,
        options.maxSeqLen(), bos(options));
    Lowering.Result lowered = lowering.lowerAll();
    return new Checked(mode, rewrite, graph, valueSets, inferred.none(), lowering, lowered, lowered.findings());
  }

  private static void refuseAny(List<Finding> findings) {
    if (!findings.isEmpty()) {
      throw new UnsupportedProgramException(findings);
    }
  }

  private static void checkOptions(CompileOptions options) {
    if (options.maxSeqLen() < 1) {
      throw new InvalidInputException("the maximum sequence length must be at least 1, got "
          + options.maxSeqLen());
    }
    if (options.vocab().isEmpty()) {
      throw new InvalidInputException("the vocabulary is empty");
    }
    List<Value> vocab = options.vocab();
    if (integersWithoutClashes(vocab, options)) {
      return;
    }
    // Small vocabularies (the common case) compare the written forms pairwise: cheaper than hashing them.
    String[] forms = new String[vocab.size()];
    Set<String> written = forms.length > 16 ? new HashSet<>(2 * forms.length) : null;
    for (int t = 0; t < forms.length; t++) {
      Value token = vocab.get(t);
      String form = token.toString();
      forms[t] = form;
      if (form.equals(options.bos()) || form.equals(options.pad())) {
        throw new InvalidInputException("the vocabulary must not contain the compiler's "
            + (form.equals(options.bos()) ? "BOS" : "PAD") + " token '" + form + "'");
      }
      if (token.isNone() || token instanceof Value.Tuple) {
        throw new InvalidInputException("a vocabulary token must be a number, boolean or string, not " + form);
      }
      if (written != null ? !written.add(form) : listedBefore(forms, t)) {
        throw new InvalidInputException("the vocabulary lists token '" + form + "' twice");
      }
    }
    if (options.bos().equals(options.pad())) {
      throw new InvalidInputException("the BOS and PAD tokens must differ");
    }
  }

  /**
   * Whether the vocabulary is integers only, none of them written as BOS or PAD, each listed once: what the
   * general check below would pass, found without writing the tokens out. An integer is written as its
   * decimal digits, so integers differ in writing exactly when they differ in value, and only a BOS or PAD
   * written as an integer can equal one. False leaves the verdict (and the first problem's message) to the
   * general check.
   */
  private static boolean integersWithoutClashes(List<Value> vocab, CompileOptions options) {
    long[] values = new long[vocab.size()];
    boolean increasing = true;
    for (int t = 0; t < values.length; t++) {
      if (!(vocab.get(t) instanceof Value.Int i)) {
        return false;
      }
      values[t] = i.value();
      increasing &= t == 0 || values[t - 1] < values[t];
    }
    if (!increasing) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      for (int t = 1; t < sorted.length; t++) {
        if (sorted[t - 1] == sorted[t]) {
          return false;
        }
      }
    }
    return !options.bos().equals(options.pad()) && !writtenAmong(options.bos(), values)
        && !writtenAmong(options.pad(), values);
  }

  /** Whether {@code form} is how one of {@code values} is written. */
  private static boolean writtenAmong(String form, long[] values) {
    // Only a form of digits, after at most a minus, can be an integer's; "BOS" is told without parsing.
    int start = form.startsWith("-") ? 1 : 0;
    if (form.length() == start || form.length() > 20) {
      return false;
    }
    for (int i = start; i < form.length(); i++) {
      if (form.charAt(i) < '0' || form.charAt(i) > '9') {
        return false;
      }
    }
    for (long v : values) {
      if (Long.toString(v).equals(form)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code forms[t]} equals one of {@code forms[0..t)}. */
  private static boolean listedBefore(String[] forms, int t) {
    for (int i = 0; i < t; i++) {
      if (forms[i].equals(forms[t])) {
        return true;
      }
    }
    return false;
  }

  static VectorSpace tokenSpace(CompileOptions options) {
    List<Value> vocab = options.vocab();
    Value bos = Value.of(options.bos());
    Value pad = Value.of(options.pad());
    // A vocabulary in increasing order (the usual case) takes BOS and PAD at their places by binary search,
    // and the space is built without sorting; anything else (or a tie) goes through the general sort. Two
    // RASP values order in a basis as Value.compareTo orders them, so both give the same space.
    if (SortedValues.increasing(vocab)) {
      VectorSpace inserted = withTwoMore(VectorSpace.fromIncreasingValues("tokens", vocab),
          new BasisDirection("tokens", bos), new BasisDirection("tokens", pad));
      if (inserted != null) {
        return inserted;
      }
    }
    List<Object> tokens = new ArrayList<>(vocab);
    tokens.add(bos);
    tokens.add(pad);
    return VectorSpace.fromValues("tokens", tokens);
  }

  /**
   * {@code space} with {@code first} and {@code second} put in their places by binary search in its basis,
   * whose order is {@link BasisDirection}'s own (so the order the join would find by merging); null where
   * either is there already or the two tie, which the join decides. The token space's BOS and PAD, without
   * merging them in past every token (here and in {@link Lowering#tokenSpace}).
   */
  static VectorSpace withTwoMore(VectorSpace space, BasisDirection first, BasisDirection second) {
    int firstAt = insertionPoint(space, first);
    int secondAt = insertionPoint(space, second);
    int order = first.compareTo(second);
    if (firstAt < 0 || secondAt < 0 || order == 0) {
      return null;
    }
    BasisDirection low = order < 0 ? first : second;
    BasisDirection high = order < 0 ? second : first;
    int lowAt = Math.min(firstAt, secondAt);
    int highAt = Math.max(firstAt, secondAt);
    // One array, filled in order (the basis is walked by index: no list view, no shifting inserts).
    BasisDirection[] directions = new BasisDirection[space.dims() + 2];
    int n = 0;
    for (int i = 0; i <= space.dims(); i++) {
      if (i == lowAt) {
        directions[n++] = low;
      }
      if (i == highAt) {
        directions[n++] = high;
      }
      if (i < space.dims()) {
        directions[n++] = space.direction(i);
      }
    }
    return VectorSpace.ofIncreasing(Arrays.asList(directions));
  }

  /** Where {@code direction} goes in the space's basis order; -1 if it is there (or ties with one). */
  private static int insertionPoint(VectorSpace space, BasisDirection direction) {
    int low = 0;
    int high = space.dims();
    while (low < high) {
      int middle = (low + high) >>> 1;
      int order = space.direction(middle).compareTo(direction);
      if (order == 0) {
        return -1;
      }
      if (order < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  static VectorSpace indexSpace(int maxSeqLen) {
    List<Value> indices = new ArrayList<>(maxSeqLen);
    for (long i = 0; i < maxSeqLen; i++) {
      indices.add(Value.of(i));
    }
    return VectorSpace.fromIncreasingValues("indices", indices);
  }

  static BasisDirection bos(CompileOptions options) {
    return new BasisDirection("tokens", Value.of(options.bos()));
  }

  /** The rewrite rules applied, one {@code rule: expression} per line ({@code info} shows them). */
  public static final String REWRITES = "rewrites";

  /** The heads that compute an AND of selects, one {@code label: construction} per line. */
  public static final String COMPOSITE_HEADS = "composite_heads";

  /**
   * The other expressions built with a construction of tracr4j's instead of Tracr's (cheaper, exact), one
   * {@code label: construction} per line.
   */
  public static final String CONSTRUCTIONS = "constructions";

  /**
   * {@code program} as a model's compile rewrote it, its maps fused included: the route whose rewrite log
   * is {@code recordedRewrites} (the model's {@link #REWRITES} metadata, null when no rule applied); the
   * first route when none matches (a model of an older version). {@code options} are the model's.
   */
  public static SOp rewrittenAsRecorded(SOp program, CompileOptions options, String recordedRewrites) {
    checkOptions(options);
    BuildMode mode = BuildMode.of(options);
    SOp first = null;
    for (Rewriter.Result route : routes(program, mode)) {
      Checked checked = check(route, options, mode, false, false, stage -> {});
      String log = rewriteLog(checked.rewrite());
      if (recordedRewrites == null ? log == null : recordedRewrites.equals(log)) {
        return checked.rewrite().program();
      }
      first = first == null ? checked.rewrite().program() : first;
    }
    return first;
  }

  private static String rewriteLog(Rewriter.Result rewrite) {
    return rewrite.applied().isEmpty() ? null : String.join("\n", rewrite.applied().stream()
        .map(applied -> applied.rule() + ": " + applied.expression()).toList());
  }

  /** One {@code key: value} line per entry, in the map's order. */
  private static String lines(Map<String, String> entries) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      out.append(out.isEmpty() ? "" : "\n").append(entry.getKey()).append(": ").append(entry.getValue());
    }
    return out.toString();
  }

  private static final String DEFAULT_MLP_EXACTNESS = Double.toString(CompileOptions.DEFAULT_MLP_EXACTNESS);

  private static Map<String, String> metadata(CompileOptions options, Map<String, String> extra,
      Rewriter.Result rewrite, Map<String, String> compositeHeads, Map<String, String> constructions) {
    Map<String, String> metadata = new LinkedHashMap<>(extra);
    if (!rewrite.applied().isEmpty()) {
      metadata.put(REWRITES, rewriteLog(rewrite));
    }
    if (!compositeHeads.isEmpty()) {
      metadata.put(COMPOSITE_HEADS, lines(compositeHeads));
    }
    if (!constructions.isEmpty()) {
      metadata.put(CONSTRUCTIONS, lines(constructions));
    }
    metadata.put("causal", Boolean.toString(options.causal()));
    metadata.put("version", VERSION);
    metadata.put("mode", options.mode().lowerName());
    metadata.put("mlp_exactness", options.mlpExactness() == CompileOptions.DEFAULT_MLP_EXACTNESS
        ? DEFAULT_MLP_EXACTNESS : Double.toString(options.mlpExactness()));
    return metadata;
  }
}
