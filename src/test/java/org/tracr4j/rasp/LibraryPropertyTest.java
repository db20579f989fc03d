package org.tracr4j.rasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.testing.Sequences.charVocab;
import static org.tracr4j.testing.Sequences.intVocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.testing.InputGenerator;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.Outputs;

/** The library programs against direct Java computations, on seeded random inputs. */
class LibraryPropertyTest {
  private static final int TRIALS = 300;
  private static final Interpreter STANDARD = Interpreter.standard();
  private static final Interpreter CAUSAL = Interpreter.causal();

  @Test
  void reversingTwiceIsTheIdentity() {
    SOp reverse = Library.makeReverse(Rasp.tokens());
    SOp twice = Library.makeReverse(Library.makeReverse(Rasp.tokens()));
    Random random = new Random(11);
    for (List<Value> input : inputs(random, charVocab("abcd"), 10)) {
      List<Value> reversed = new ArrayList<>(input).reversed();
      assertThat(STANDARD.evaluate(reverse, input)).containsExactlyElementsOf(reversed);
      assertThat(STANDARD.evaluate(twice, input)).containsExactlyElementsOf(input);
    }
  }

  @Test
  void sortGivesASortedPermutation() {
    int maxSeqLen = 8;
    SOp sort = Library.makeSort(Rasp.tokens(), Rasp.tokens(), maxSeqLen, 1);
    Random random = new Random(12);
    for (List<Value> input : inputs(random, intVocab(-2, 0, 1, 3, 4, 7), maxSeqLen)) {
      List<Value> output = STANDARD.evaluate(sort, input);
      assertThat(output).isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(output).containsExactlyInAnyOrderElementsOf(input);
    }
  }

  @Test
  void sortIsStableForValuesOtherThanTheKeys() {
    int maxSeqLen = 8;
    // Sorting the positions by token gives the stable argsort.
    SOp argsort = Library.makeSort(Rasp.indices(), Rasp.tokens(), maxSeqLen, 1);
    Random random = new Random(13);
    for (List<Value> input : inputs(random, intVocab(1, 2, 3), maxSeqLen)) {
      List<Value> expected = IntStream.range(0, input.size()).boxed()
          .sorted(Comparator.comparing(input::get)).map(i -> Value.of((long) i)).toList();
      assertThat(STANDARD.evaluate(argsort, input)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void sortUniqueAgreesWithADirectSort() {
    SOp sort = Library.makeSortUnique(Rasp.tokens(), Rasp.tokens());
    SOp argsort = Library.makeSortUnique(Rasp.indices(), Rasp.tokens());
    InputGenerator distinct = InputGenerator.distinct(intVocab(-5, -1, 0, 2, 3, 8, 13, 21), 8);
    Random random = new Random(14);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Value> input = distinct.generate(random);
      assertThat(STANDARD.evaluate(sort, input)).containsExactlyElementsOf(input.stream().sorted().toList());
      List<Value> expected = IntStream.range(0, input.size()).boxed()
          .sorted(Comparator.comparing(input::get)).map(i -> Value.of((long) i)).toList();
      assertThat(STANDARD.evaluate(argsort, input)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void sortFreqOrdersByDescendingFrequencyThenPosition() {
    int maxSeqLen = 8;
    SOp sortFreq = Library.makeSortFreq(maxSeqLen);
    Random random = new Random(15);
    for (List<Value> input : inputs(random, intVocab(1, 2, 3, 4), maxSeqLen)) {
      List<Value> expected = IntStream.range(0, input.size()).boxed()
          .sorted(Comparator.comparing((Integer i) -> -count(input, input.get(i))))
          .map(input::get).toList();
      assertThat(STANDARD.evaluate(sortFreq, input)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void histCountsEachToken() {
    SOp hist = Library.makeHist();
    Random random = new Random(16);
    for (List<Value> input : inputs(random, charVocab("abcd"), 10)) {
      List<Value> expected = input.stream().map(token -> Value.of((long) count(input, token))).toList();
      assertThat(STANDARD.evaluate(hist, input)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void lengthIsTheInputLength() {
    SOp length = Library.makeLength();
    Random random = new Random(17);
    for (List<Value> input : inputs(random, charVocab("ab"), 12)) {
      assertThat(STANDARD.evaluate(length, input)).hasSameSizeAs(input).containsOnly(Value.of(input.size()));
      assertThat(CAUSAL.evaluate(length, input)).containsExactlyElementsOf(
          IntStream.rangeClosed(1, input.size()).mapToObj(Value::of).toList());
    }
  }

  @Test
  void fracPrevsIsTheRunningFraction() {
    SOp fraction = Library.makeFracPrevs(Rasp.tokens().eq("a"));
    Random random = new Random(18);
    for (List<Value> input : inputs(random, charVocab("abc"), 10)) {
      List<Value> expected = new ArrayList<>();
      int seen = 0;
      for (int i = 0; i < input.size(); i++) {
        seen += input.get(i).equals(Value.of("a")) ? 1 : 0;
        expected.add(Value.of((double) seen / (i + 1)));
      }
      Outputs.INTERPRETER.assertMatches(STANDARD.evaluate(fraction, input), expected);
      Outputs.INTERPRETER.assertMatches(CAUSAL.evaluate(fraction, input), expected);
    }
  }

  @Test
  void pairBalanceIsTheRunningDifferenceOfFractions() {
    SOp balance = Library.makePairBalance(Rasp.tokens(), "(", ")");
    Random random = new Random(19);
    for (List<Value> input : inputs(random, charVocab("()x"), 10)) {
      List<Value> expected = new ArrayList<>();
      int depth = 0;
      for (int i = 0; i < input.size(); i++) {
        depth += input.get(i).equals(Value.of("(")) ? 1 : input.get(i).equals(Value.of(")")) ? -1 : 0;
        expected.add(Value.of((double) depth / (i + 1)));
      }
      Outputs.INTERPRETER.assertMatches(STANDARD.evaluate(balance, input), expected);
    }
  }

  @Test
  void shiftByMovesValuesRightAndPadsWithNone() {
    Random random = new Random(20);
    for (int offset = 0; offset <= 4; offset++) {
      SOp shift = Library.shiftBy(offset, Rasp.tokens());
      for (List<Value> input : inputs(random, charVocab("abcd"), 8)) {
        List<Value> expected = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
          expected.add(i >= offset ? input.get(i - offset) : Value.NONE);
        }
        assertThat(STANDARD.evaluate(shift, input)).containsExactlyElementsOf(expected);
        assertThat(CAUSAL.evaluate(shift, input)).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void detectPatternAgreesWithADirectScan() {
    Random random = new Random(21);
    InputGenerator patterns = InputGenerator.uniform(charVocab("ab"), 3);
    InputGenerator inputs = InputGenerator.uniform(charVocab("abc"), 8);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Value> pattern = patterns.generate(random);
      SOp detect = Library.detectPattern(Rasp.tokens(), pattern);
      List<Value> input = inputs.generate(random);
      List<Value> expected = new ArrayList<>();
      for (int end = 0; end < input.size(); end++) {
        int start = end - pattern.size() + 1;
        expected.add(start < 0 ? Value.NONE
            : Value.of(input.subList(start, end + 1).equals(pattern)));
      }
      assertThat(STANDARD.evaluate(detect, input)).as("%s in %s", pattern, input)
          .containsExactlyElementsOf(expected);
      assertThat(CAUSAL.evaluate(detect, input)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void makeCountCountsTheToken() {
    Random random = new Random(22);
    for (Value token : charVocab("abz")) {
      SOp count = Library.makeCount(Rasp.tokens(), token);
      for (List<Value> input : inputs(random, charVocab("abc"), 8)) {
        assertThat(STANDARD.evaluate(count, input)).hasSameSizeAs(input)
            .containsOnly(Value.of((long) count(input, token)));
      }
    }
  }

  @Test
  void countLessFreqCountsPositionsWithRareTokens() {
    Random random = new Random(23);
    for (int n = 0; n <= 3; n++) {
      SOp countLess = Library.makeCountLessFreq(n);
      for (List<Value> input : inputs(random, charVocab("abcd"), 8)) {
        int limit = n;
        long rare = input.stream().filter(token -> count(input, token) <= limit).count();
        assertThat(STANDARD.evaluate(countLess, input)).hasSameSizeAs(input).containsOnly(Value.of(rare));
      }
    }
  }

  @Test
  void shuffleDyckAgreesWithADirectCounterCheck() {
    List<List<String>> pairSets = List.of(List.of("()"), List.of("()", "{}"), List.of("()", "{}", "[]"));
    Random random = new Random(24);
    int balancedSeen = 0;
    for (List<String> pairs : pairSets) {
      SOp dyck = Library.makeShuffleDyck(pairs);
      List<Value> vocab = charVocab(String.join("", pairs));
      InputGenerator generator = InputGenerator.brackets(pairs, vocab, 10);
      for (int trial = 0; trial < TRIALS; trial++) {
        List<Value> input = generator.generate(random);
        boolean balanced = isShuffleDyck(input, pairs);
        balancedSeen += balanced ? 1 : 0;
        assertThat(STANDARD.evaluate(dyck, input)).as("%s", input).hasSameSizeAs(input)
            .containsOnly(Value.of(balanced));
      }
    }
    assertThat(balancedSeen).as("the generator makes balanced words").isGreaterThan(TRIALS);
  }

  static List<LibraryCase> universalCases() {
    return LibraryCases.UNIVERSAL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("universalCases")
  void causalEvaluationOfAPrefixIsThePrefixOfCausalEvaluation(LibraryCase testCase) {
    SOp program = testCase.program().get();
    Random random = new Random(testCase.name().hashCode());
    for (List<Value> input : inputs(random, testCase.vocab(), testCase.maxSeqLen())) {
      List<Value> whole = CAUSAL.evaluate(program, input);
      for (int length = 1; length <= input.size(); length++) {
        assertThat(CAUSAL.evaluate(program, input.subList(0, length)))
            .containsExactlyElementsOf(whole.subList(0, length));
      }
      // Universal programs mean the same causally and non-causally.
      Outputs.INTERPRETER.assertMatches(whole, STANDARD.evaluate(program, input));
    }
  }

  private static boolean isShuffleDyck(List<Value> input, List<String> pairs) {
    for (String pair : pairs) {
      int depth = 0;
      for (Value token : input) {
        depth += token.equals(Value.of(pair.substring(0, 1))) ? 1 : token.equals(Value.of(pair.substring(1))) ? -1 : 0;
        if (depth < 0) {
          return false;
        }
      }
      if (depth != 0) {
        return false;
      }
    }
    return true;
  }

  private static int count(List<Value> input, Value token) {
    return (int) input.stream().filter(token::equals).count();
  }

  /** {@link #TRIALS} uniform inputs of lengths 1..maxLength. */
  private static List<List<Value>> inputs(Random random, List<Value> vocab, int maxLength) {
    InputGenerator generator = InputGenerator.uniform(vocab, maxLength);
    List<List<Value>> out = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      out.add(generator.generate(random));
    }
    return out;
  }
}
