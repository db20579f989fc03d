package org.tracr4j.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.check.DifferentialCheck;
import org.tracr4j.check.Verdict;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.generate.Construct;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;

/**
 * Draw i of a dataset: a program from the generator (seeded by the dataset's seed and i), compiled in the
 * exact mode (causally for a {@code causalShare} of draws), checked against the interpreter on random
 * inputs with the differential checker, tokenised. Thread-safe: it keeps no state between draws.
 */
final class Candidates {
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
      java.util.EnumMap<Construct, Integer> weights = new java.util.EnumMap<>(Construct.class);
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
    ProgramGenerator generator = new ProgramGenerator(config);
    long programSeed = random.nextLong();
    GeneratedProgram program = generator.generate(programSeed);
    for (int attempt = 1; attempt < 20 && !ProgramGraph.of(program.program()).usesTokens(); attempt++) {
      program = generator.generate(programSeed + attempt * 7_919L);
    }
    Model model;
    try {
      model = Compiler.compile(program.program(),
          CompileOptions.of(vocab, options.maxSeqLen()).withCausal(causal)).model();
    } catch (UnsupportedProgramException e) {
      return new Candidate.Rejected("unsupported (" + (e.findings().isEmpty() ? "no finding"
          : e.findings().get(0).rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) + ")");
    } catch (RuntimeException e) {
      return new Candidate.Rejected("compiler crash (" + e.getClass().getSimpleName() + ")");
    }
    // The stored model is compiled from the program as its tokens spell it (statements renamed and
    // ordered by layer), so that tokens, source and weights describe exactly the same program.
    List<String> tokens = ProgramTokens.of(program, model.provenance().orElse(null));
    String source = ProgramTokens.source(tokens);
    org.tracr4j.rasp.SOp canonical;
    try {
      canonical = org.tracr4j.lang.RaspLanguage.parse(source, "tokens").output();
      model = Compiler.compile(canonical, CompileOptions.of(vocab, options.maxSeqLen()).withCausal(causal)).model();
    } catch (RuntimeException e) {
      return new Candidate.Rejected("tokens do not rebuild the program (" + e.getClass().getSimpleName() + ")");
    }
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
        return new Candidate.Rejected("model disagrees with its program");
      }
    }
    String config;
    try {
      config = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
          ModelDirectory.configObject(model));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a configuration", e);
    }
    return new Candidate.Accepted(tokens, source, config,
        ModelDirectory.tensors(model, DataType.F32), causal);
  }
}
