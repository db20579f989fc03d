package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tracr4j.testing.Sequences.chars;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;
import org.tracr4j.testing.Outputs;
import org.tracr4j.testing.UnsupportedCase;

/** The library programs on the shared case table, their names, encodings and printed forms. */
class LibraryTest {

  static List<LibraryCase> nonCausalCases() {
    return LibraryCases.nonCausal();
  }

  static List<LibraryCase> causalCases() {
    return LibraryCases.causal();
  }

  static Stream<LibraryProgram> allPrograms() {
    return Stream.concat(LibraryPrograms.TEST.stream(), LibraryPrograms.LARGE.stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCausalCases")
  void nonCausalCaseGivesTheExpectedOutput(LibraryCase testCase) {
    assertThat(testCase.causal()).isFalse();
    List<Value> output = Interpreter.standard().evaluate(testCase.program().get(), testCase.input());
    Outputs.INTERPRETER.assertMatches(output, testCase.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("causalCases")
  void causalCaseGivesTheExpectedOutput(LibraryCase testCase) {
    assertThat(testCase.causal()).isTrue();
    List<Value> output = Interpreter.causal().evaluate(testCase.program().get(), testCase.input());
    Outputs.INTERPRETER.assertMatches(output, testCase.expected());
  }

  @Test
  void tableHasTracrsCaseCounts() {
    assertThat(LibraryCases.UNIVERSAL).hasSize(10);
    assertThat(LibraryCases.nonCausal()).hasSize(43);
    assertThat(LibraryCases.causal()).hasSize(11);
    assertThat(LibraryCases.UNSUPPORTED).hasSize(9);
    assertThat(LibraryPrograms.TEST).hasSize(16);
    assertThat(LibraryPrograms.LARGE).extracting(LibraryProgram::name)
        .containsExactlyElementsOf(LibraryPrograms.TEST.stream().map(LibraryProgram::name).toList());
  }

  @Test
  void caseNamesAreUniquePerMode() {
    Set<String> seen = new HashSet<>();
    for (LibraryCase testCase : LibraryCases.all()) {
      assertThat(seen.add(testCase.toString())).as(testCase.toString()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCausalCases")
  void everyCallBuildsAFreshProgram(LibraryCase testCase) {
    assertThat(testCase.program().get().id()).isNotEqualTo(testCase.program().get().id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allPrograms")
  void randomInputsAreValidAndEvaluate(LibraryProgram program) {
    Random random = new Random(program.name().hashCode());
    SOp sop = program.program().get();
    for (int trial = 0; trial < 50; trial++) {
      List<Value> input = program.randomInput(random);
      assertThat(input).isNotEmpty().hasSizeLessThanOrEqualTo(program.maxSeqLen());
      assertThat(program.vocab()).containsAll(input);
      assertThat(Interpreter.standard().evaluate(sop, input)).hasSameSizeAs(input);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupportedCases")
  void unsupportedProgramsStillEvaluate(UnsupportedCase testCase) {
    // The interpreter ignores encodings: these programs are only uncompilable.
    List<Value> input = testCase.vocab();
    assertThat(Interpreter.standard().evaluate(testCase.program().get(), input)).hasSameSizeAs(input);
  }

  static List<UnsupportedCase> unsupportedCases() {
    return LibraryCases.UNSUPPORTED;
  }

  @Test
  void reverseNamesItsIntermediates() {
    Aggregate reverse = (Aggregate) Library.makeReverse(Rasp.tokens());
    assertThat(reverse.name()).isEqualTo("reverse");
    Select selector = (Select) reverse.selector();
    assertThat(selector.name()).isEqualTo("reverse_selector");
    assertThat(selector.predicate()).isEqualTo(Comparison.EQ);
    assertThat(selector.keys()).isSameAs(Rasp.indices());
    ElementwiseMap oppositeMinusOne = (ElementwiseMap) selector.queries();
    assertThat(oppositeMinusOne.name()).isEqualTo("opp_idx-1");
    assertThat(oppositeMinusOne.function()).hasToString("x -> x - 1");
    SequenceMap opposite = (SequenceMap) oppositeMinusOne.inner();
    assertThat(opposite.name()).isEqualTo("opp_idx");
    assertThat(opposite.function()).hasToString("(x, y) -> x - y");
    assertLength(opposite.first());
  }

  @Test
  void lengthIsTheSelectorWidthOfAnAllTrueSelector() {
    assertLength(Library.makeLength());
    assertThat(Interpreter.standard().evaluate(Library.makeLength(), chars("abcde")))
        .containsOnly(Value.of(5));
  }

  private static void assertLength(SOp length) {
    SelectorWidth width = (SelectorWidth) length;
    assertThat(width.name()).isEqualTo("length");
    Select all = (Select) width.selector();
    assertThat(all.name()).isEqualTo("all_true_selector");
    assertThat(all.predicate()).isEqualTo(Comparison.TRUE);
    assertThat(all.keys()).isSameAs(Rasp.tokens());
    assertThat(all.queries()).isSameAs(Rasp.tokens());
  }

  @Test
  void histAndSortNameTheirIntermediates() {
    SelectorWidth hist = (SelectorWidth) Library.makeHist();
    assertThat(hist.name()).isEqualTo("hist");
    assertThat(hist.selector().name()).isEqualTo("same_tok");

    Aggregate sort = (Aggregate) Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1);
    assertThat(sort.name()).isEqualTo("sort");
    Select selectNew = (Select) sort.selector();
    assertThat(selectNew.name()).isEqualTo("sel_new");
    assertThat(selectNew.queries()).isSameAs(Rasp.indices());
    SelectorWidth targetPosition = (SelectorWidth) selectNew.keys();
    assertThat(targetPosition.name()).isEqualTo("target_pos");
    Select smaller = (Select) targetPosition.selector();
    assertThat(smaller.name()).isEqualTo("smaller");
    assertThat(smaller.predicate()).isEqualTo(Comparison.LT);
    SequenceMap uniqueKeys = (SequenceMap) smaller.keys();
    assertThat(uniqueKeys.function()).hasToString("(x, i) -> x + 1 * i / 5");
    assertThat(uniqueKeys.second()).isSameAs(Rasp.indices());

    assertThat(Library.makeSortFreq(5).name()).isEqualTo("sort_freq");
    SequenceMap freqKeys = (SequenceMap) ((Select) ((SelectorWidth) ((Select) ((Aggregate) Library.makeSortFreq(5))
        .selector()).keys()).selector()).keys();
    ElementwiseMap negated = (ElementwiseMap) freqKeys.first();
    assertThat(negated.function()).hasToString("x -> -1 * x");
    assertThat(negated.inner().name()).isEqualTo("hist");
  }

  @Test
  void fracPrevsIsANumericalAggregateWithDefaultZero() {
    SOp bools = Rasp.tokens().eq("a");
    Aggregate fraction = (Aggregate) Library.makeFracPrevs(bools);
    assertThat(fraction.name()).isEqualTo("frac_prevs");
    assertThat(fraction.isNumerical()).isTrue();
    assertThat(fraction.defaultValue()).isEqualTo(Value.of(0));
    assertThat(fraction.sop().isNumerical()).isTrue();
    assertThat(bools.isCategorical()).as("the argument is not changed").isTrue();
    assertThat(((Select) fraction.selector()).predicate()).isEqualTo(Comparison.LEQ);
  }

  @Test
  void pairBalanceIsANumericalLinearSequenceMap() {
    LinearSequenceMap balance = (LinearSequenceMap) Library.makePairBalance(Rasp.tokens(), "(", ")");
    assertThat(balance.name()).isEqualTo("pair_balance");
    assertThat(balance.isNumerical()).isTrue();
    assertThat(balance.firstFactor()).isEqualTo(Value.of(1));
    assertThat(balance.secondFactor()).isEqualTo(Value.of(-1));
    assertThat(balance.first().name()).isEqualTo("opens");
    assertThat(balance.second().name()).isEqualTo("closes");
    assertThat(balance.first().isNumerical()).isTrue();
    Aggregate opens = (Aggregate) balance.first();
    assertThat(opens.sop().name()).isEqualTo("bools_open");
    assertThat(opens.sop().isNumerical()).isTrue();
    assertThat(((Aggregate) balance.second()).sop().name()).isEqualTo("bools_close");
  }

  @Test
  void shuffleDyckNamesItsIntermediates() {
    SequenceMap dyck = (SequenceMap) Library.makeShuffleDyck(List.of("()", "{}"));
    assertThat(dyck.name()).isEqualTo("shuffle_dyck");
    assertThat(dyck.function()).hasToString("(x, y) -> x and y");
    Aggregate lastZero = (Aggregate) dyck.first();
    assertThat(lastZero.name()).isEqualTo("last_zero");
    assertThat(lastZero.isCategorical()).isTrue();
    assertThat(lastZero.selector().name()).isEqualTo("select_last");
    ElementwiseMap notHasNegative = (ElementwiseMap) dyck.second();
    assertThat(notHasNegative.name()).isEqualTo("not_has_neg");
    Aggregate hasNegative = (Aggregate) notHasNegative.inner();
    assertThat(hasNegative.name()).isEqualTo("has_neg");
    assertThat(hasNegative.isNumerical()).isTrue();
    assertThat(hasNegative.defaultValue()).isEqualTo(Value.of(0));
    assertThat(hasNegative.selector().name()).isEqualTo("select_all");
    assertThat(hasNegative.sop().name()).isEqualTo("any_negative");
    assertThat(hasNegative.sop().isNumerical()).isTrue();

    Set<String> names = new HashSet<>();
    collectNames(dyck, names);
    assertThat(names).contains("balance_()", "balance_{}", "opens", "closes", "length",
        "all_true_selector", "bools_open", "bools_close");
    assertThat(Library.makeShuffleDyck2().name()).isEqualTo("shuffle_dyck2");
  }

  @Test
  void shiftCountAndPatternNames() {
    assertThat(Library.shiftBy(2, Rasp.tokens()).name()).isEqualTo("shift_by(2)");
    Aggregate shift = (Aggregate) Library.shiftBy(2, Rasp.tokens());
    assertThat(shift.defaultValue()).isEqualTo(Value.NONE);
    assertThat(((Select) shift.selector()).predicate()).hasToString("(k, q) -> q == k + 2");

    SelectorWidth count = (SelectorWidth) Library.makeCount(Rasp.tokens(), "a");
    assertThat(count.name()).isEqualTo("count_a");
    assertThat(((Select) count.selector()).predicate()).hasToString("(k, q) -> k == \"a\"");
    assertThat(Library.makeCount(Rasp.tokens(), 3).name()).isEqualTo("count_3");

    SelectorWidth countLess = (SelectorWidth) Library.makeCountLessFreq(2);
    assertThat(countLess.name()).isEqualTo("count_less_freq");
    Select selectLess = (Select) countLess.selector();
    assertThat(selectLess.name()).isEqualTo("select_less");
    assertThat(selectLess.predicate()).hasToString("(k, q) -> k <= 2");
    assertThat(selectLess.keys().name()).isEqualTo("hist");

    assertThat(Library.detectPattern(Rasp.tokens(), chars("abc")).name()).isEqualTo("detect_pattern(abc)");
    assertThat(Library.detectPattern(Rasp.tokens(), List.of(1, 22)).name()).isEqualTo("detect_pattern([1, 22])");
  }

  @Test
  void naryMapFoldsArgumentsIntoTuples() {
    SOp sum = Library.makeNarySequenceMap(args -> Value.of((long) args.size()),
        List.of(Rasp.tokens(), Rasp.indices(), Rasp.tokens(), Rasp.indices()));
    assertThat(Interpreter.standard().evaluate(sum, chars("ab"))).containsExactly(Value.of(4), Value.of(4));
    ElementwiseMap map = (ElementwiseMap) sum;
    SequenceMap last = (SequenceMap) map.inner();
    assertThat(Interpreter.standard().evaluate(last, chars("ab")).get(1))
        .isEqualTo(Value.ofJava(List.of("b", 1, "b", 1)));
    SOp single = Library.makeNarySequenceMap(args -> args.get(0), List.of(Rasp.tokens()));
    assertThat(Interpreter.standard().evaluate(single, chars("ab"))).containsExactlyElementsOf(chars("ab"));
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> Library.detectPattern(Rasp.tokens(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
    assertThatThrownBy(() -> Library.makeShuffleDyck(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Library.makeShuffleDyck(List.of("(")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"(\"");
    assertThatThrownBy(() -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Library.makeNarySequenceMap(args -> args.get(0), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCausalCases")
  void everyFunctionHasAPrintedForm(LibraryCase testCase) {
    List<String> forms = new ArrayList<>();
    ArrayDeque<RaspExpr> pending = new ArrayDeque<>(List.of(testCase.program().get()));
    Set<Long> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      RaspExpr expr = pending.pop();
      if (!seen.add(expr.id())) {
        continue;
      }
      switch (expr) {
        case ElementwiseMap m -> forms.add(m.function().toString());
        case SequenceMap m -> forms.add(m.function().toString());
        case Select s -> forms.add(s.predicate().toString());
        default -> { }
      }
      pending.addAll(expr.children());
    }
    assertThat(forms).allSatisfy(form -> assertThat(form).doesNotContain("$$Lambda").doesNotContain("Library$"));
  }

  private static void collectNames(RaspExpr expr, Set<String> names) {
    names.add(expr.name());
    for (RaspExpr child : expr.children()) {
      collectNames(child, names);
    }
  }
}
