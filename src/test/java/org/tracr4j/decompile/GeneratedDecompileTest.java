package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tracr4j.Tracr4jException;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Random programs ({@link ProgramGenerator}, as the fuzzer draws them) compiled in both modes, causal and
 * not, permuted, decompiled: every decompiled program must be equivalent to its source. Counts structural
 * matches (the same graph of operations up to names) and writes the figures to
 * {@code target/decompile-generated.txt}. {@code -Ddecompile.programs=N} sets the number of programs per
 * mode (default 12, for CI; the README's figures use 1,000), {@code -Ddecompile.only=3,17} keeps only those.
 */
class GeneratedDecompileTest {
  private static final List<List<Value>> VOCABULARIES = List.of(
      values("a", "b", "c"), values(1L, 2L, 3L, 4L), values("a", "b", "c", "d", "e"), values(0L, 1L),
      values(-2L, -1L, 0L, 1L, 2L), values("x", "y"));

  @Test
  void generatedProgramsDecompileToEquivalentPrograms() throws IOException {
    int programs = Integer.getInteger("decompile.programs", 12);
    int samples = Integer.getInteger("decompile.samples", 100);
    // -Ddecompile.only=3,17: just those programs (of the first decompile.programs), to look at one refusal.
    List<Integer> only = java.util.Arrays.stream(System.getProperty("decompile.only", "").split(","))
        .filter(s -> !s.isBlank()).map(String::trim).map(Integer::valueOf).toList();
    List<String> report = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> different = new ArrayList<>();
    for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
      for (boolean causal : new boolean[] {false, true}) {
        int compiled = 0;
        int equivalent = 0;
        int structural = 0;
        int structuralCompiled = 0;
        Map<String, Integer> mismatches = new TreeMap<>();
        int unfaithfulModels = 0;
        int unfaithfulDecompiled = 0;
        Map<String, Integer> refused = new TreeMap<>();
        for (int i = 0; i < programs; i++) {
          if (!only.isEmpty() && !only.contains(i)) {
            continue;
          }
          long seed = 7_000_003L * (i + 1);
          Random random = new Random(seed);
          List<Value> vocab = VOCABULARIES.get(random.nextInt(VOCABULARIES.size()));
          int maxSeqLen = 2 + random.nextInt(5);
          int size = 1 + random.nextInt(8);
          ProgramGenerator generator = new ProgramGenerator(GeneratorConfig.defaults(size, vocab, maxSeqLen));
          GeneratedProgram program = generator.generate(seed);
          for (int attempt = 1; attempt < 20 && !ProgramGraph.of(program.program()).usesTokens(); attempt++) {
            program = generator.generate(seed + attempt * 7_919L);
          }
          Model model;
          CompileOptions options = CompileOptions.of(vocab, maxSeqLen).withMode(mode).withCausal(causal);
          try {
            model = Compiler.compile(program.program(), options).model();
          } catch (UnsupportedProgramException rejected) {
            continue;
          }
          compiled++;
          String where = mode + (causal ? " causal" : "") + " program " + i + " (vocab " + vocab + ", N "
              + maxSeqLen + "):\n" + program.raspSource();
          String unfaithful = Equivalence.checkModel(program.program(), model, vocab, maxSeqLen, causal, samples,
              seed);
          if (unfaithful != null) {
            // Tracr's silent errors: the model itself computes something else, so no program verified against
            // the model can be equivalent to the source; counted apart, whether decompiled or refused.
            unfaithfulModels++;
            try {
              Decompiler.decompile(Permutation.of(model, seed), samples, samples);
              unfaithfulDecompiled++;
            } catch (UndecompilableModelException e) {
              // refused: the model computes neither its source nor a program the decompiler can read
            }
            continue;
          }
          Decompiler.Decompiled result;
          try {
            result = Decompiler.decompile(Permutation.of(model, seed), samples, samples);
          } catch (UndecompilableModelException e) {
            refused.merge(e.getMessage().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            failures.add(where + "\nrefused: " + e.getMessage());
            continue;
          } catch (RuntimeException e) {
            refused.merge("crash " + e, 1, Integer::sum);
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            failures.add(where + "\ncrash: " + trace.toString().lines().limit(8).toList());
            continue;
          }
          String difference;
          try {
            difference = Equivalence.check(program.program(), result.source(), vocab, maxSeqLen, causal,
                samples, seed);
          } catch (Tracr4jException e) {
            difference = "cannot evaluate: " + e.getMessage();
          }
          if (difference != null) {
            failures.add(where + "\n" + result.source() + "\nnot equivalent: " + difference);
            continue;
          }
          equivalent++;
          SOp recovered = RaspLanguage.parse(result.source(), "decompiled.rasp").output();
          if (Structure.of(recovered) == Structure.of(program.program())) {
            structural++;
            continue;
          }
          // Not the source's graph: is it the graph the compiler built (after its rewrites)?
          String log = model.metadata().get(Compiler.REWRITES);
          SOp rewritten = Compiler.rewrittenAsRecorded(program.program(), options, log);
          String kind;
          if (Structure.of(recovered) == Structure.of(rewritten)) {
            structuralCompiled++;
            kind = "compiler rewrite (" + rules(log) + ")";
          } else {
            kind = "decompiler reading" + (log == null ? "" : " (after " + rules(log) + ")");
          }
          mismatches.merge(kind, 1, Integer::sum);
          different.add(where + "\n" + kind + "\n" + result.source());
        }
        int faithful = compiled - unfaithfulModels;
        report.add(String.format("%s%s: %d programs, %d compiled, %d models unfaithful to their source (Tracr's "
            + "silent errors; %d of them decompiled to what the model computes), %d equivalent of %d faithful (%.1f%%), %d structural match (%.1f%%), %d more match "
            + "the compiled graph (%.1f%% in all), refused %s, structural mismatches %s",
            mode.lowerName(), causal ? " causal" : "", programs, compiled, unfaithfulModels, unfaithfulDecompiled,
            equivalent, faithful,
            100.0 * equivalent / Math.max(1, faithful), structural, 100.0 * structural / Math.max(1, faithful),
            structuralCompiled, 100.0 * (structural + structuralCompiled) / Math.max(1, faithful), refused,
            mismatches));
      }
    }
    Path out = Path.of(System.getProperty("basedir", "."), "target", "decompile-generated.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    Files.write(out.resolveSibling("decompile-generated-failures.txt"), failures);
    Files.write(out.resolveSibling("decompile-generated-structure.txt"), different);
    report.forEach(System.out::println);
    assertThat(failures).as(String.join("\n", report)).isEmpty();
  }

  /** The distinct rule names of a rewrite log ({@code rule: expression} per line), sorted. */
  private static String rules(String log) {
    if (log == null) {
      return "none";
    }
    return String.join(", ", new java.util.TreeSet<>(log.lines().map(line -> line.substring(0,
        Math.max(0, line.indexOf(':')))).toList()));
  }

  private static List<Value> values(Object... items) {
    return java.util.Arrays.stream(items).map(Value::ofJava).toList();
  }
}
