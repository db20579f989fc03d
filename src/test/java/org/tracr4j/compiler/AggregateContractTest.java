package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.InvalidInputException;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.testing.Sequences;

/**
 * Issue 10 §1: a categorical aggregate that must average never gets a wrong answer. Proven aggregates carry no
 * precondition; the others record one, and the model (in memory or reloaded) refuses a violating input.
 */
class AggregateContractTest {
  private static final String AVERAGING = "sel = select(tokens, tokens, ==);\nx = aggregate(sel, indices);\n";

  @TempDir Path dir;

  private static List<String> preconditions(Model model) {
    return model.provenance().orElseThrow().expressions().stream().filter(e -> e.precondition() != null)
        .map(Provenance.Expression::label).toList();
  }

  private static Model compile(SOp program, List<org.tracr4j.rasp.Value> vocab, int n) {
    return Compiler.compile(program, CompileOptions.of(vocab, n)).model();
  }

  @Test
  void provenAggregatesHaveNoPrecondition() {
    assertThat(preconditions(compile(Library.makeReverse(Rasp.tokens()), Sequences.charVocab("abc"), 5))).isEmpty();
    SOp sameToken = RaspLanguage.parse("s = select(tokens, tokens, ==);\nx = aggregate(s, tokens);\n", "t.rasp")
        .output();
    assertThat(preconditions(compile(sameToken, Sequences.intVocab(1, 2, 3), 5))).isEmpty();
    SOp constant = RaspLanguage.parse("s = select(indices, indices, <=);\nc = map(v -> 1, tokens);\n"
        + "x = aggregate(s, c);\n", "t.rasp").output();
    assertThat(preconditions(compile(constant, Sequences.charVocab("ab"), 4))).isEmpty();
  }

  /**
   * Issue 10, the hole: selecting several keys with one string value. RASP's mean fails on strings (Tracr's
   * evaluator raises, tracr-reference §1.8), so `a a` has no answer, yet the model sees one value and would
   * answer `a a`. No longer a proof: the precondition is recorded with that witness, the contract flags the
   * input, and `run` (from source or from the directory) refuses it; numbers keep the proof (their mean is
   * the common value).
   */
  @Test
  void severalSelectionsOfOneStringAreNotProvenAndRunRefusesThem() throws Exception {
    String source = "s = select(tokens, tokens, ==);\nx = aggregate(s, tokens);\n";
    SOp program = RaspLanguage.parse(source, "same.rasp").output();
    Model model = compile(program, Sequences.charVocab("abc"), 4);
    assertThat(model.provenance().orElseThrow().expression("x").orElseThrow().precondition())
        .contains("at most one key (RASP averages only numbers)", "input `a a` averages");
    assertThatThrownBy(() -> org.tracr4j.rasp.Interpreter.standard().evaluate(program, Sequences.chars("aa")))
        .isInstanceOf(org.tracr4j.EvaluationException.class);
    // The model itself sees it: its key channel shows two keys, and their value is no number.
    assertThatThrownBy(() -> model.run(Sequences.chars("baa"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aggregate x (same.rasp:2:5)").hasMessageContaining("position 1");
    assertThat(model.run(Sequences.chars("cab"))).containsExactly("c", "a", "b");
    DynamicValidation contract = new DynamicValidation(ProgramGraph.of(program), false);
    assertThat(contract.check(Sequences.chars("aa"))).hasSize(1);
    assertThat(contract.check(Sequences.chars("abc"))).isEmpty();

    Path file = dir.resolve("same.rasp");
    java.nio.file.Files.writeString(file, source);
    org.tracr4j.testing.CliRun run = org.tracr4j.testing.CliRun.of("run", file.toString(), "--vocab", "a,b,c",
        "--max-seq-len", "4", "--input", "b a a");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(66);
    assertThat(run.errLines()).singleElement().asString().startsWith("tracr4j: invalid input: input refused: "
        + "aggregate x: ").contains("at position 1");
    assertThat(org.tracr4j.testing.CliRun.of("run", file.toString(), "--vocab", "a,b,c", "--max-seq-len", "4",
        "--input", "c a b").out()).isEqualTo("c a b\n");
    Path saved = dir.resolve("same");
    assertThat(org.tracr4j.testing.CliRun.of("compile", file.toString(), "--vocab", "a,b,c", "--max-seq-len", "4",
        "-o", saved.toString()).exitCode()).isZero();
    org.tracr4j.testing.CliRun fromDirectory = org.tracr4j.testing.CliRun.of("run", "--model", saved.toString(),
        "--input", "a a");
    assertThat(fromDirectory.exitCode()).as(fromDirectory.toString()).isEqualTo(66);
    assertThat(fromDirectory.err()).contains("aggregate x: ");

    Model numbers = compile(program, Sequences.intVocab(1, 2, 3), 4);
    assertThat(preconditions(numbers)).isEmpty();
    assertThat(numbers.run(Sequences.ints(2, 2, 1))).containsExactly(2L, 2L, 1L);
  }

  @Test
  void aSortWithUniqueKeysIsProvenByItsRanksAndShiftByOneKeyValuePerQuery() {
    List<org.tracr4j.rasp.Value> ints = Sequences.intVocab(1, 2, 3, 4);
    // keys x + i/5 differ at every position, so target_pos (their rank) does, and sel_new picks one key.
    assertThat(preconditions(compile(Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1), ints, 5))).isEmpty();
    assertThat(preconditions(compile(Library.makeSortFreq(5), ints, 5))).isEmpty();
    assertThat(preconditions(compile(Library.shiftBy(2, Rasp.tokens()), ints, 5))).isEmpty();
    // Under causal evaluation a rank counts only a prefix, so ranks repeat: still guarded.
    Model causal = Compiler.compile(Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1),
        CompileOptions.of(ints, 5).withCausal(true)).model();
    assertThat(preconditions(causal)).containsExactly("sort");
    // Repeated tokens share a rank, so the positions sel_new picks hold one token: proven too.
    assertThat(preconditions(compile(Library.makeSortUnique(Rasp.tokens(), Rasp.tokens()), ints, 5))).isEmpty();
    // Sorting indices by tokens: positions sharing a rank hold different indices.
    assertThat(preconditions(compile(Library.makeSortUnique(Rasp.indices(), Rasp.tokens()), ints, 5)))
        .containsExactly("sort");
  }

  @Test
  void anUnprovenAggregateRecordsItsPreconditionWithAWitness() {
    Model model = compile(RaspLanguage.parse(AVERAGING, "avg.rasp").output(), Sequences.intVocab(1, 2, 3), 4);
    Provenance.Expression x = model.provenance().orElseThrow().expression("x").orElseThrow();
    assertThat(x.precondition()).contains("at most one distinct value of indices", "input `1 1` averages");
  }

  @Test
  void theModelRefusesAnInputThatMustAverageAndAnswersTheOthers() throws Exception {
    Model model = compile(RaspLanguage.parse(AVERAGING, "avg.rasp").output(), Sequences.intVocab(1, 2, 3), 4);
    assertThat(model.run(Sequences.ints(1, 2, 3))).containsExactly(0L, 1L, 2L);
    assertThatThrownBy(() -> model.run(Sequences.ints(1, 1, 2))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aggregate x (avg.rasp:2:5)").hasMessageContaining("position 0");
    Path saved = dir.resolve("avg");
    ModelDirectory.write(model, saved, DataType.F32);
    Model reloaded = ModelDirectory.read(saved);
    assertThat(preconditions(reloaded)).containsExactly("x");
    assertThat(reloaded.run(Sequences.ints(3, 1))).containsExactly(0L, 1L);
    assertThatThrownBy(() -> reloaded.runBatch(List.of(Sequences.ints(1), Sequences.ints(2, 2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("input 2 of the batch");
  }

  /** Issue 10 §1: sort.rasp hard-coded max_seq_len = 5, so at length 8 ties were averaged. */
  @Test
  void sortIsRightAtEveryLength() throws Exception {
    SOp sort = RaspLanguage.load(Path.of(System.getProperty("basedir", "."), "examples", "sort.rasp")).output();
    for (int n : new int[] {5, 8, 12}) {
      Model model = compile(sort, Sequences.intVocab(1, 2, 3, 4), n);
      List<org.tracr4j.rasp.Value> input = Sequences.ints(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1).subList(0, n);
      List<Object> out = model.run(input);
      assertThat(out.get(n - 1)).as("length %d", n).isEqualTo(2L);
      assertThat(out.subList(0, n - 1)).as("length %d", n).containsOnly(1L);
    }
  }

  /** Found by fuzz --outside-contract: one value and none are two, so a one-value s-op that may be none is no proof. */
  @Test
  void aValueAveragedWithNoneIsRefused() {
    SOp program = RaspLanguage.parse("v1 = map(x -> 0, indices);\nsel3 = select(v1, indices, ==);\n"
        + "v6 = aggregate(sel3, v1);\nsel8 = select(tokens, tokens, (k, q) -> k == q - 1);\n"
        + "v11 = aggregate(sel8, v6);\n", "none.rasp").output();
    Model model = compile(program, Sequences.intVocab(1, 2, 3, 4), 5);
    assertThat(preconditions(model)).containsExactly("v11");
    assertThatThrownBy(() -> model.run(Sequences.ints(3, 4, 1, 1, 3))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aggregate v11").hasMessageContaining("position 1");
  }
}
