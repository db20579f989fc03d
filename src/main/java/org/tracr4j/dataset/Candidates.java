package org.tracr4j.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.check.DifferentialCheck;
import org.tracr4j.check.Verdict;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.export.Safetensors;
import org.tracr4j.generate.Construct;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Draw i of a dataset: a program from the generator (seeded by the dataset's seed and i), compiled in the
 * exact mode (causally for a {@code causalShare} of draws), checked against the interpreter on random
 * inputs with the differential checker, tokenised. Thread-safe: it keeps no state between draws.
 */
final class Candidates {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DatasetOptions options;
  private final List<Value> vocab;
  private final GeneratorConfig config;

  Candidates(DatasetOptions options) {
    this.options = options;
    List<Value> values = new ArrayList<>();
    for (long v = 0; v < options.vocabSize(); v++) {
      values.add(Value.of(v));
    }
    this.vocab = List.copyOf(values);
    GeneratorConfig c = GeneratorConfig.defaults(options.size(), vocab, options.maxSeqLen());
    if (!options.constructs().isEmpty()) {
      EnumMap<Construct, Integer> weights = new EnumMap<>(Construct.class);
      for (Construct construct : Construct.values()) {
        weights.put(construct, options.constructs().contains(construct) ? c.weight(construct) : 0);
      }
      c = new GeneratorConfig(c.size(), c.vocab(), c.maxSeqLen(), c.maxCategoricalValues(),
          c.maxNumericalValues(), c.maxMagnitude(), weights, c.outsideContract());
    }
    this.config = c;
  }

  Candidate draw(long index) {
    Random random = new Random(options.seed() * 0x9E3779B97F4A7C15L + index);
    boolean causal = random.nextDouble() < options.causalShare();
    CompileOptions compileOptions = CompileOptions.of(vocab, options.maxSeqLen()).withCausal(causal);
    // The generator's own last check (does the compiler compile it?) is the one compile below: a program
    // that reads no tokens or does not compile is drawn again from the same random source.
    Compiled[] compiled = new Compiled[1];
    String[] rejection = new String[1];
    List<String> rejections = new ArrayList<>();
    ProgramGenerator.Draw draw = new ProgramGenerator(config).generate(random.nextLong(), program -> {
      if (!ProgramGraph.of(program.program()).usesTokens()) {
        rejections.add("reads no tokens (drawn again)");
        return false;
      }
      compiled[0] = compile(program, compileOptions, rejection);
      if (compiled[0] == null) {
        rejections.add(rejection[0] + " (drawn again)");
      }
      return compiled[0] != null;
    });
    if (!draw.accepted()) {
      return new Candidate.Rejected(rejections);
    }
    List<String> tokens = compiled[0].tokens();
    String source = compiled[0].source();
    SOp canonical = compiled[0].program();
    Model model = compiled[0].model();
    List<List<Value>> inputs = new ArrayList<>();
    for (int i = 0; i < options.checkInputs(); i++) {
      int length = 1 + random.nextInt(options.maxSeqLen());
      List<Value> input = new ArrayList<>();
      for (int k = 0; k < length; k++) {
        input.add(vocab.get(random.nextInt(vocab.size())));
      }
      inputs.add(input);
    }
    for (Verdict verdict : new DifferentialCheck(canonical, model, causal).checkAll(inputs)) {
      if (verdict instanceof Verdict.Disagreed) {
        rejections.add("model disagrees with its program");
        return new Candidate.Rejected(rejections);
      }
    }
    String text = indexFields(source, tokens, ModelDirectory.configObject(model));
    List<Safetensors.Encoded> tensors = new ArrayList<>();
    ModelDirectory.tensors(model, DataType.F32).forEach((name, tensor) -> tensors.add(Safetensors.encode(name, tensor)));
    return new Candidate.Accepted(tokens, source, DatasetBuilder.split(source),
        text, tensors, rejections);
  }

  /**
   * The index line's {@code "source":...,"tokens":[...],"config":{...}}, as Jackson writes that object
   * without its braces; streamed, only the configuration is a tree.
   */
  private static String indexFields(String source, List<String> tokens, ObjectNode config) {
    StringWriter text = new StringWriter(4096);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("source", source);
      out.writeArrayFieldStart("tokens");
      for (String token : tokens) {
        out.writeString(token);
      }
      out.writeEndArray();
      out.writeFieldName("config");
      out.writeTree(config);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a configuration", e);
    }
    StringBuffer buffer = text.getBuffer();
    return buffer.substring(1, buffer.length() - 1);
  }

  /** A program renamed and ordered by layer, its s-op and its model; only inside {@link #draw}. */
  private record Compiled(List<String> tokens, String source, SOp program, Model model) {}

  /**
   * The stored model is compiled from the program as its tokens spell it (statements renamed and ordered
   * by layer), so that tokens, source and weights describe exactly the same program. The graph's layer
   * allocation gives the layers before the one compile, and the compiled model's own provenance confirms
   * the order. Where the exact mode moved a block to another layer (layer balancing, fused maps, a second
   * route), that model's provenance gives the order (the layers a compile of the program as generated
   * would give: renaming moves no block), and the tokens are compiled once more. Null when not compiled,
   * the reason in {@code rejection[0]}.
   */
  private static Compiled compile(GeneratedProgram program, CompileOptions compileOptions, String[] rejection) {
    ProgramTokens.Ordered ordered;
    try {
      ordered = ProgramTokens.ordered(program, Compiler.expressions(program.program(), compileOptions));
    } catch (RuntimeException e) {
      rejection[0] = "compiler crash (" + e.getClass().getSimpleName() + ")";
      return null;
    }
    Compiled compiled = compileTokens(ordered.tokens(), compileOptions, rejection);
    if (compiled == null || ProgramTokens.layerOrdered(ordered.tokens(), provenance(compiled))) {
      return compiled;
    }
    List<String> tokens = ProgramTokens.reordered(program, ordered, provenance(compiled)).tokens();
    compiled = compileTokens(tokens, compileOptions, rejection);
    if (compiled != null && !ProgramTokens.layerOrdered(tokens, provenance(compiled))) {
      rejection[0] = "tokens not in the model's layer order";
      return null;
    }
    return compiled;
  }

  private static org.tracr4j.model.Provenance provenance(Compiled compiled) {
    return compiled.model().provenance().orElseThrow();
  }

  /** The program its tokens spell, compiled; null when not, the reason in {@code rejection[0]}. */
  private static Compiled compileTokens(List<String> tokens, CompileOptions compileOptions, String[] rejection) {
    String source = ProgramTokens.source(tokens);
    SOp canonical;
    try {
      canonical = RaspLanguage.parse(source, "tokens").output();
    } catch (RuntimeException e) {
      rejection[0] = "tokens do not rebuild the program (" + e.getClass().getSimpleName() + ")";
      return null;
    }
    Model model;
    try {
      model = Compiler.compile(canonical, compileOptions).model();
    } catch (UnsupportedProgramException e) {
      rejection[0] = "unsupported (" + (e.findings().isEmpty() ? "no finding"
          : e.findings().get(0).rule().name().toLowerCase(Locale.ROOT).replace('_', '-')) + ")";
      return null;
    } catch (RuntimeException e) {
      rejection[0] = "compiler crash (" + e.getClass().getSimpleName() + ")";
      return null;
    }
    return new Compiled(tokens, source, canonical, model);
  }
}
