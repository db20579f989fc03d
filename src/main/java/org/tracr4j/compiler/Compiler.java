package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracr4j.InvalidInputException;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.rewrite.Rewriter;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.model.Model;
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
    Checked checked = check(program, options, true);
    refuseAny(checked.findings());
    BuildMode mode = checked.mode();
    Lowering lowering = checked.lowering();
    ProgramGraph graph = checked.graph();
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
    Model model = Assembler.assemble(new Assembler.Inputs(graph, plan, lowered.blocks(), tokenSpace(options),
        indexSpace(options), lowering.outputSpace(checked.rewrite().program()), Lowering.ONE, mode,
        new Assembler.Positions(options.maxSeqLen(), options.causal(), options.bos(), options.pad()),
        metadata(options, metadata, checked.rewrite(), lowering.compositeHeads(), constructions),
        AggregateContract.preconditions(graph, checked.valueSets(), options)));
    return new CompiledProgram(program, options, graph, checked.valueSets(), plan, model);
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
    Checked checked = check(program, options, true);
    return new Analysis(checked.valueSets(), checked.findings());
  }

  /**
   * {@link #analyze} without lowering, about half the work: the static rules, value sets and none
   * analysis, but not what only lowering finds (a numerical map telling floating-point twins apart). The
   * generator checks each statement so, and each finished program with {@link #analyze}.
   */
  public static Analysis analyzeBeforeLowering(SOp program, CompileOptions options) {
    Checked checked = check(program, options, false);
    return new Analysis(checked.valueSets(), checked.findings());
  }

  /**
   * The graph the compiler builds from {@code program} for these options: the program after every rewrite of
   * the build mode, map fusion included (which depends on the value sets, hence on the options). What a
   * compiled model's expressions are; {@code viz --model} rebuilds it from the recorded source.
   */
  public static ProgramGraph graph(SOp program, CompileOptions options) {
    return check(program, options, false).graph();
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
      Lowering lowering, Lowering.Result lowered, List<Finding> findings) {}

  private static Checked check(SOp program, CompileOptions options, boolean lower) {
    checkOptions(options);
    BuildMode mode = BuildMode.of(options);
    Rewriter.Result rewrite = mode.rewriter().rewriteLogged(program);
    SOp rewritten = rewrite.program();
    ProgramGraph graph = ProgramGraph.of(rewritten);
    List<Finding> findings = StaticValidation.check(graph, mode);
    if (!findings.isEmpty()) {
      return new Checked(mode, rewrite, graph, new ValueSets(Map.of()), null, null, findings);
    }
    ValueSetInference.Result inferred = ValueSetInference.infer(graph, options.vocab(), options.maxSeqLen(), mode);
    if (mode.fusesMaps() && inferred.findings().isEmpty()) {
      // Fuse where the reader does not grow: a map whose input has no more values than its result.
      ValueSets before = inferred.valueSets();
      Rewriter.Result fused = org.tracr4j.compiler.rewrite.FuseMaps.fuse(rewritten,
          m -> before.of(m.inner()).size() <= before.of(m).size());
      if (!fused.applied().isEmpty()) {
        List<Rewriter.Applied> applied = new ArrayList<>(rewrite.applied());
        applied.addAll(fused.applied());
        rewrite = new Rewriter.Result(fused.program(), applied);
        graph = ProgramGraph.of(fused.program());
        findings = StaticValidation.check(graph, mode);
        if (!findings.isEmpty()) {
          return new Checked(mode, rewrite, graph, new ValueSets(Map.of()), null, null, findings);
        }
        inferred = ValueSetInference.infer(graph, options.vocab(), options.maxSeqLen(), mode);
      }
    }
    ValueSets valueSets = inferred.valueSets();
    findings = inferred.findings();
    if (findings.isEmpty() && mode.checksNone()) {
      findings = NoneAnalysis.check(graph, valueSets);
    }
    if (!findings.isEmpty()) {
      return new Checked(mode, rewrite, graph, valueSets, null, null, findings);
    }
    if (!lower) {
      return new Checked(mode, rewrite, graph, valueSets, null, null, findings);
    }
    Lowering lowering = new Lowering(graph, valueSets, mode, options.maxSeqLen(), bos(options));
    Lowering.Result lowered = lowering.lowerAll();
    return new Checked(mode, rewrite, graph, valueSets, lowering, lowered, lowered.findings());
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
    Set<String> written = new HashSet<>();
    for (Value token : options.vocab()) {
      String form = token.toString();
      if (form.equals(options.bos()) || form.equals(options.pad())) {
        throw new InvalidInputException("the vocabulary must not contain the compiler's "
            + (form.equals(options.bos()) ? "BOS" : "PAD") + " token '" + form + "'");
      }
      if (token.isNone() || token instanceof Value.Tuple) {
        throw new InvalidInputException("a vocabulary token must be a number, boolean or string, not " + form);
      }
      if (!written.add(form)) {
        throw new InvalidInputException("the vocabulary lists token '" + form + "' twice");
      }
    }
    if (options.bos().equals(options.pad())) {
      throw new InvalidInputException("the BOS and PAD tokens must differ");
    }
  }

  static VectorSpace tokenSpace(CompileOptions options) {
    List<Object> tokens = new ArrayList<>(options.vocab());
    tokens.add(Value.of(options.bos()));
    tokens.add(Value.of(options.pad()));
    return VectorSpace.fromValues("tokens", tokens);
  }

  static VectorSpace indexSpace(CompileOptions options) {
    List<Object> indices = new ArrayList<>();
    for (long i = 0; i < options.maxSeqLen(); i++) {
      indices.add(Value.of(i));
    }
    return VectorSpace.fromValues("indices", indices);
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

  private static Map<String, String> metadata(CompileOptions options, Map<String, String> extra,
      Rewriter.Result rewrite, Map<String, String> compositeHeads, Map<String, String> constructions) {
    Map<String, String> metadata = new LinkedHashMap<>(extra);
    if (!rewrite.applied().isEmpty()) {
      metadata.put(REWRITES, String.join("\n", rewrite.applied().stream()
          .map(applied -> applied.rule() + ": " + applied.expression()).toList()));
    }
    if (!compositeHeads.isEmpty()) {
      metadata.put(COMPOSITE_HEADS, String.join("\n", compositeHeads.entrySet().stream()
          .map(entry -> entry.getKey() + ": " + entry.getValue()).toList()));
    }
    if (!constructions.isEmpty()) {
      metadata.put(CONSTRUCTIONS, String.join("\n", constructions.entrySet().stream()
          .map(entry -> entry.getKey() + ": " + entry.getValue()).toList()));
    }
    metadata.put("causal", Boolean.toString(options.causal()));
    metadata.put("version", VERSION);
    metadata.put("mode", options.mode().lowerName());
    metadata.put("mlp_exactness", Double.toString(options.mlpExactness()));
    return metadata;
  }
}
