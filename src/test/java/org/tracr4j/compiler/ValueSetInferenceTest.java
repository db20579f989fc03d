package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tracr4j.cli.BenchmarkCases;
import org.tracr4j.compiler.rewrite.FuseMaps;
import org.tracr4j.compiler.rewrite.Rewriter;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

class ValueSetInferenceTest {
  private static final BuildMode EXACT = BuildMode.of(CompileOptions.Mode.EXACT, 100);

  @Test
  void inferringAFusedProgramAgainGivesWhatInferringItAfreshGives() {
    int fused = 0;
    for (BenchmarkCases.Case c : BenchmarkCases.library()) {
      SOp program = c.program().get();
      ProgramGraph graph = ProgramGraph.of(program);
      ValueSetInference.Result first = ValueSetInference.infer(graph, c.vocab(), c.maxSeqLen(), EXACT);
      assertThat(first.findings()).isEmpty();
      Rewriter.Result rewritten = FuseMaps.fuse(program, m -> true);
      if (rewritten.applied().isEmpty()) {
        continue;
      }
      fused++;
      ProgramGraph after = ProgramGraph.of(rewritten.program());
      ValueSetInference.Result again = ValueSetInference.inferAgain(after, graph, first, c.vocab(), c.maxSeqLen(),
          EXACT);
      ValueSetInference.Result fresh = ValueSetInference.infer(after, c.vocab(), c.maxSeqLen(), EXACT);
      assertThat(byLabel(after, again)).as(c.name()).isEqualTo(byLabel(after, fresh));
      assertThat(again.findings()).isEqualTo(fresh.findings());
    }
    assertThat(fused).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aRewrittenSelectorWidthAsksTheNoneAnalysisAboutUnchangedOperandsAllTheWayDown() {
    // select(k, map(f, k), ==) fuses into select(k, k, ...): the rebuilt width asks whether k (unchanged)
    // may be none, which walks k's own operand, indices (fuzz seed 1503 failed here: no value set).
    SOp keys = org.tracr4j.rasp.Rasp.map(x -> Value.of(((Value.Int) x).value() % 3), org.tracr4j.rasp.Rasp.indices())
        .named("k");
    SOp queries = org.tracr4j.rasp.Rasp.map(x -> x, keys);
    SOp program = org.tracr4j.rasp.Rasp.sequenceMap((x, y) -> x, org.tracr4j.rasp.Rasp.tokens(),
        org.tracr4j.rasp.Rasp.selectorWidth(org.tracr4j.rasp.Rasp.select(keys, queries,
            org.tracr4j.rasp.Comparison.EQ)));
    List<Value> vocab = List.of(Value.of(1L), Value.of(2L));
    ProgramGraph graph = ProgramGraph.of(program);
    ValueSetInference.Result first = ValueSetInference.infer(graph, vocab, 5, EXACT);
    Rewriter.Result rewritten = FuseMaps.fuse(program, m -> true);
    assertThat(rewritten.applied()).extracting(Rewriter.Applied::rule).contains("SelectOfMap");
    ProgramGraph after = ProgramGraph.of(rewritten.program());
    ValueSetInference.Result again = ValueSetInference.inferAgain(after, graph, first, vocab, 5, EXACT);
    assertThat(byLabel(after, again)).isEqualTo(byLabel(after, ValueSetInference.infer(after, vocab, 5, EXACT)));
  }

  @Test
  void aFunctionFailingOnAValueIsOneFindingNamingTheValue() {
    SOp program = org.tracr4j.rasp.Rasp.map(x -> Value.of(1L / (((Value.Int) x).value() - 2)),
        org.tracr4j.rasp.Rasp.tokens());
    ProgramGraph graph = ProgramGraph.of(program);
    ValueSetInference.Result result = ValueSetInference.infer(graph,
        List.of(Value.of(1L), Value.of(2L), Value.of(3L)), 4, EXACT);
    assertThat(result.findings()).hasSize(1);
    assertThat(result.findings().get(0).reason()).contains("fails on 2 (a value of tokens)");
    assertThat(result.valueSets().of(program)).containsExactly(Value.of(-1L), Value.of(1L));
  }

  @Test
  void anOrderingOfAStringAndANumberIsAFindingAndOrderingsWithinOneKindAreNot() {
    List<Value> mixed = List.of(Value.of(1L), Value.of("a"));
    org.tracr4j.rasp.Select less = org.tracr4j.rasp.Rasp.select(org.tracr4j.rasp.Rasp.tokens(),
        org.tracr4j.rasp.Rasp.tokens(), org.tracr4j.rasp.Comparison.LT);
    SOp program = org.tracr4j.rasp.Rasp.selectorWidth(less);
    ValueSetInference.Result result = ValueSetInference.infer(ProgramGraph.of(program), mixed, 3, EXACT);
    assertThat(result.findings()).extracting(f -> f.rule()).containsExactly(org.tracr4j.RuleCode.PREDICATE_FAILS);
    assertThat(result.findings().get(0).reason()).contains("cannot order");
    for (List<Value> vocab : List.of(List.of(Value.of(1L), Value.of(2.5), Value.TRUE),
        List.of(Value.of("a"), Value.of("b")))) {
      assertThat(ValueSetInference.infer(ProgramGraph.of(program), vocab, 3, EXACT).findings()).isEmpty();
    }
    SOp equal = org.tracr4j.rasp.Rasp.selectorWidth(org.tracr4j.rasp.Rasp.select(org.tracr4j.rasp.Rasp.tokens(),
        org.tracr4j.rasp.Rasp.tokens(), org.tracr4j.rasp.Comparison.EQ));
    assertThat(ValueSetInference.infer(ProgramGraph.of(equal), mixed, 3, EXACT).findings()).isEmpty();
  }

  @Test
  void aNumericalMeanCanBeEveryMeanOfOneToNValuesOrTheDefault() {
    // Integers take IntegerSums' bitsets, fractions the general path: both must give every mean.
    for (List<Value> vocab : List.of(List.of(Value.of(-2L), Value.of(0L), Value.of(3L)),
        List.of(Value.of(0.5), Value.of(1.25), Value.of(-1.0)))) {
      SOp values = org.tracr4j.rasp.Rasp.numerical(org.tracr4j.rasp.Rasp.map(x -> x, org.tracr4j.rasp.Rasp.tokens()));
      SOp mean = org.tracr4j.rasp.Rasp.numericalAggregate(org.tracr4j.rasp.Rasp.select(org.tracr4j.rasp.Rasp.tokens(),
          org.tracr4j.rasp.Rasp.tokens(), org.tracr4j.rasp.Comparison.TRUE), values);
      ValueSetInference.Result result = ValueSetInference.infer(ProgramGraph.of(mean), vocab, 4, EXACT);
      java.util.TreeSet<Double> expected = new java.util.TreeSet<>(List.of(0.0));
      List<Double> sums = List.of(0.0);
      for (int count = 1; count <= 4; count++) {
        List<Double> next = new ArrayList<>();
        for (double sum : sums) {
          for (Value v : vocab) {
            next.add(sum + v.asDouble());
          }
        }
        sums = next;
        for (double sum : sums) {
          expected.add(sum / count);
        }
      }
      List<Double> actual = new ArrayList<>();
      for (Value v : result.valueSets().of(mean)) {
        actual.add(v.asDouble());
      }
      assertThat(actual).as(vocab.toString()).containsExactlyElementsOf(expected);
    }
  }

  private static Map<String, List<Value>> byLabel(ProgramGraph graph, ValueSetInference.Result result) {
    Map<String, List<Value>> sets = new TreeMap<>();
    for (RaspExpr expr : graph.nodes()) {
      if (expr instanceof SOp sop) {
        SortedSet<Value> set = result.valueSets().of(sop);
        sets.put(graph.label(sop), new ArrayList<>(set));
      }
    }
    return sets;
  }
}
