package org.tracr4j.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.generate.Shrinker;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Differential fuzzing: random programs ({@link ProgramGenerator}) compiled and run on random inputs, each
 * output compared with the interpreter's. A disagreement or a crash is shrunk ({@link Shrinker}) to a small
 * program that still fails and reported with its vocabulary and input.
 *
 * <p>Agreement is {@link OutputAgreement}'s, each input judged by {@link DifferentialCheck}. Inputs on which a categorical aggregate would have to average (what {@code check}
 * reports dynamically: outside the compiler's contract, as in Tracr) are counted apart, not compared. A program
 * the compiler rejects with {@link UnsupportedProgramException} is counted as rejected: rejecting is allowed,
 * silently answering wrong is not.
 */
public final class Fuzzer {
  private static final List<List<Value>> VOCABULARIES = List.of(
      values("a", "b", "c"), values(1L, 2L, 3L, 4L), values("a", "b", "c", "d", "e"), values(0L, 1L),
      values(-2L, -1L, 0L, 1L, 2L), values("x", "y"));

  /** What to run. */
  public record Settings(int programs, int inputsPerProgram, long seed, CompileOptions.Mode mode, int maxSize,
      int maxLength, boolean causal, boolean outsideContract) {
    /** Inside the compiler's contract only. */
    public Settings(int programs, int inputsPerProgram, long seed, CompileOptions.Mode mode, int maxSize,
        int maxLength, boolean causal) {
      this(programs, inputsPerProgram, seed, mode, maxSize, maxLength, causal, false);
    }
  }

  /** One failing program, shrunk, with what went wrong on which input. */
  public record Failure(String kind, long programSeed, GeneratedProgram program, List<Value> vocab, int maxSeqLen,
      Problem problem) {}

  /** What went wrong: a disagreement on an input, or a crash (compile or run). */
  public record Problem(String kind, List<Value> input, List<Value> expected, List<Value> actual,
      String message) {}

  /** Totals of a run. */
  public record Report(int programs, int compiled, int rejected, long inputsCompared, long positionsCompared,
      long inputsOutsideContract, long interpreterErrors, Map<String, Integer> interpreterErrorReasons,
      Map<String, Integer> rejections, Map<String, Integer> generatorRefusals,
      List<Failure> failures) {
    public long disagreements() {
      return failures.stream().filter(f -> f.kind().equals("disagreement")).count();
    }

    public long crashes() {
      return failures.stream().filter(f -> f.kind().equals("crash")).count();
    }
  }

  private final Settings settings;
  private int compiled;
  private int rejected;
  private long inputsCompared;
  private long positionsCompared;
  private long outsideContract;
  private long interpreterErrors;
  private final Map<String, Integer> interpreterErrorReasons = new java.util.TreeMap<>();
  private final Map<String, Integer> rejections = new java.util.TreeMap<>();
  private final Map<String, Integer> generatorRefusals = new java.util.TreeMap<>();

  public Fuzzer(Settings settings) {
    this.settings = settings;
  }

  public Report run(java.util.function.Consumer<String> progress) {
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < settings.programs(); i++) {
      long programSeed = settings.seed() * 1_000_003L + i;
      Random random = new Random(programSeed);
      List<Value> vocab = VOCABULARIES.get(random.nextInt(VOCABULARIES.size()));
      int maxSeqLen = 2 + random.nextInt(Math.max(1, settings.maxLength() - 1));
      int size = 1 + random.nextInt(settings.maxSize());
      GeneratorConfig config = GeneratorConfig.defaults(size, vocab, maxSeqLen);
      if (settings.outsideContract()) {
        config = config.outsideTheContract();
      }
      ProgramGenerator generator = new ProgramGenerator(config);
      GeneratedProgram program = generator.generate(programSeed);
      // A program must read tokens to be compiled (a rule of its own, tested elsewhere); draw again so
      // that every fuzzed program exercises the constructions.
      for (int attempt = 1; attempt < 20 && !ProgramGraph.of(program.program()).usesTokens(); attempt++) {
        program = generator.generate(programSeed + attempt * 7_919L);
      }
      program.compilerRefusals().forEach((rule, n) -> generatorRefusals.merge(rule, n, Integer::sum));
      Problem problem = check(program.program(), vocab, maxSeqLen, random, true);
      if (problem != null) {
        failures.add(shrink(new Failure(problem.kind(), programSeed, program, vocab, maxSeqLen, problem)));
      }
      if (progress != null && (i + 1) % 500 == 0) {
        progress.accept((i + 1) + " programs, " + failures.size() + " failures");
      }
    }
    return new Report(settings.programs(), compiled, rejected, inputsCompared, positionsCompared,
        outsideContract, interpreterErrors, interpreterErrorReasons, rejections, generatorRefusals, failures);
  }

  private CompileOptions options(List<Value> vocab, int maxSeqLen) {
    return CompileOptions.of(vocab, maxSeqLen).withMode(settings.mode()).withCausal(settings.causal());
  }

  /** Compiles and compares on random inputs; the first failure, or null. Counts only when asked. */
  private Problem check(SOp program, List<Value> vocab, int maxSeqLen, Random random, boolean count) {
    Model model;
    try {
      model = Compiler.compile(program, options(vocab, maxSeqLen)).model();
    } catch (UnsupportedProgramException e) {
      if (count) {
        rejected++;
        for (UnsupportedProgramException.Finding finding : e.findings()) {
          rejections.merge(finding.rule().code(), 1, Integer::sum);
        }
      }
      return null;
    } catch (RuntimeException e) {
      return new Problem("crash", List.of(), List.of(), List.of(), "compile: " + e);
    }
    if (count) {
      compiled++;
    }
    List<List<Value>> inputs = new ArrayList<>();
    for (int j = 0; j < settings.inputsPerProgram(); j++) {
      int length = 1 + random.nextInt(maxSeqLen);
      List<Value> input = new ArrayList<>();
      for (int k = 0; k < length; k++) {
        input.add(vocab.get(random.nextInt(vocab.size())));
      }
      inputs.add(input);
    }
    List<Verdict> verdicts;
    try {
      verdicts = new DifferentialCheck(program, model, settings.causal()).checkAll(inputs);
    } catch (RuntimeException e) {
      return new Problem("crash", inputs.get(0), List.of(), List.of(), "run: " + e);
    }
    for (Verdict verdict : verdicts) {
      switch (verdict) {
        case Verdict.Agreed agreed -> {
          if (count) {
            inputsCompared++;
            positionsCompared += agreed.positions();
          }
        }
        case Verdict.Disagreed d -> {
          return new Problem("disagreement", d.input(), d.expected(), d.actual(),
              "compiled output differs from the interpreter at position " + d.position());
        }
        case Verdict.InterpreterFailed failed -> {
          if (count) {
            interpreterErrors++;
            // Group by what failed, not where: drop the expression, positions and values.
            String why = failed.message().replaceAll("^[^:]*\\): ", "").replaceAll("\\[.*?\\]", "[...]")
                .replaceAll("-?[0-9]+", "N");
            interpreterErrorReasons.merge(why.length() > 80 ? why.substring(0, 80) + "..." : why, 1, Integer::sum);
          }
        }
        case Verdict.OutsideContract outside -> {
          return new Problem("unrefused", outside.input(), List.of(), List.of(),
              "the model answered an input outside its contract instead of refusing it: "
                  + outside.findings().get(0));
        }
        case Verdict.Refused refused -> {
          if (refused.insideContract()) {
            return new Problem("wrong-refusal", refused.input(), List.of(), List.of(), refused.reason());
          }
          if (count) {
            outsideContract++;
          }
        }
      }
    }
    return null;
  }

  /** Shrinks a failing program while it still fails the same way on some input. */
  private Failure shrink(Failure failure) {
    GeneratedProgram smaller = Shrinker.shrink(failure.program(), candidate -> {
      Problem again = check(candidate, failure.vocab(), failure.maxSeqLen(), new Random(failure.programSeed()),
          false);
      return again != null && again.kind().equals(failure.kind());
    });
    Problem problem = check(smaller.program(), failure.vocab(), failure.maxSeqLen(),
        new Random(failure.programSeed()), false);
    return problem == null ? failure
        : new Failure(problem.kind(), failure.programSeed(), smaller, failure.vocab(), failure.maxSeqLen(), problem);
  }

  private static List<Value> values(Object... items) {
    List<Value> out = new ArrayList<>();
    for (Object item : items) {
      out.add(Value.ofJava(item));
    }
    return out;
  }
}
