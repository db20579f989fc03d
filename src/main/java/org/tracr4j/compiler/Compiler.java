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
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The compiler: a RASP program and a vocabulary in, a transformer out. One call per stage, in order
 * (tracr-reference §2.0): validate, build the graph, infer value sets, lower each s-op to a craft block,
 * allocate layers, assemble the weights.
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
    checkOptions(options);
    ProgramGraph graph = ProgramGraph.of(program);
    List<Finding> findings = StaticValidation.check(graph, options.mode());
    if (!findings.isEmpty()) {
      throw new UnsupportedProgramException(findings);
    }
    ValueSets valueSets = ValueSetInference.infer(graph, options);
    if (options.mode() == CompileOptions.Mode.EXACT) {
      List<Finding> unrepresentable = NoneAnalysis.check(graph, valueSets);
      if (!unrepresentable.isEmpty()) {
        throw new UnsupportedProgramException(unrepresentable);
      }
    }
    Lowering lowering = new Lowering(graph, valueSets, options);
    Map<Long, LoweredBlock> blocks = lowering.lowerAll();
    LayerPlan plan = LayerAllocation.allocate(graph);
    Model model = Assembler.assemble(new Assembler.Inputs(graph, plan, blocks, tokenSpace(options),
        indexSpace(options), lowering.outputSpace(program), Lowering.ONE, options,
        metadata(options, metadata)));
    return new CompiledProgram(program, options, graph, valueSets, plan, model);
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

  private static Map<String, String> metadata(CompileOptions options, Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>(extra);
    metadata.put("causal", Boolean.toString(options.causal()));
    metadata.put("version", VERSION);
    metadata.put("mode", options.mode().lowerName());
    metadata.put("mlp_exactness", Double.toString(options.mlpExactness()));
    return metadata;
  }
}
