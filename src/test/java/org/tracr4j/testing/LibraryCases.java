package org.tracr4j.testing;

import static org.tracr4j.testing.Sequences.charVocab;
import static org.tracr4j.testing.Sequences.chars;
import static org.tracr4j.testing.Sequences.intVocab;
import static org.tracr4j.testing.Sequences.ints;
import static org.tracr4j.testing.Sequences.repeat;
import static org.tracr4j.testing.Sequences.values;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.UnaryFunction;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * The shared table of end-to-end cases: Tracr's {@code test_cases.py} (tracr-reference §6), one program,
 * vocabulary, maximum length, input and expected output per case. It drives the interpreter, compiler and
 * export tests, so every consumer checks the same facts.
 *
 * <ul>
 *   <li>{@link #UNIVERSAL}: cases whose output is the same under causal and non-causal evaluation. They are
 *       stored non-causal; {@link #causal()} adds their causal copies ({@link LibraryCase#asCausal()}).
 *   <li>{@link #NON_CAUSAL}: cases that hold only under non-causal evaluation.
 *   <li>{@link #CAUSAL_EXTRA}: cases that hold only under causal evaluation.
 *   <li>{@link #UNSUPPORTED}: programs the compiler must reject for the given vocabulary and length.
 * </ul>
 *
 * <p>{@link #nonCausal()} is Tracr's {@code TEST_CASES} (43 cases), {@link #causal()} its
 * {@code CAUSAL_TEST_CASES} (11), {@link #all()} both. Tracr's tests write booleans as 1/0 where the
 * programs produce booleans (shuffle-Dyck); here the expected values are the booleans the programs give.
 */
public final class LibraryCases {
  private LibraryCases() {}

  private static final List<Value> ABCD = charVocab("abcd");
  private static final List<Value> BRACKETS_AND_LETTERS = charVocab("abc()");
  private static final List<Value> ONE_TO_FOUR = intVocab(1, 2, 3, 4);
  private static final List<Value> ONE_TO_THREE = intVocab(1, 2, 3);

  /** Same output causally and non-causally; stored with {@code causal = false}. */
  public static final List<LibraryCase> UNIVERSAL = List.of(
      nonCausal("frac_prevs_1", () -> Library.makeFracPrevs(Rasp.tokens().eq("l")),
          charVocab("helo"), 5, chars("hello"), values(0.0, 0.0, 1.0 / 3, 1.0 / 2, 2.0 / 5),
          "return make_frac_prevs(tokens == \"l\");"),
      nonCausal("frac_prevs_2", () -> Library.makeFracPrevs(Rasp.tokens().eq("(")),
          BRACKETS_AND_LETTERS, 10, chars("a()b(c))"),
          values(0.0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 2.0 / 5, 2.0 / 6, 2.0 / 7, 2.0 / 8),
          "return make_frac_prevs(tokens == \"(\");"),
      nonCausal("frac_prevs_3", () -> Library.makeFracPrevs(Rasp.tokens().eq(")")),
          BRACKETS_AND_LETTERS, 10, chars("a()b(c))"),
          values(0.0, 0.0, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 2.0 / 7, 3.0 / 8),
          "return make_frac_prevs(tokens == \")\");"),
      nonCausal("shift_by_one", () -> Library.shiftBy(1, Rasp.tokens()),
          ABCD, 5, chars("abcd"), values(null, "a", "b", "c"),
          "return shift_by(1, tokens);"),
      nonCausal("shift_by_two", () -> Library.shiftBy(2, Rasp.tokens()),
          ABCD, 5, chars("abcd"), values(null, null, "a", "b"),
          "return shift_by(2, tokens);"),
      nonCausal("detect_pattern_a", () -> Library.detectPattern(Rasp.tokens(), chars("a")),
          ABCD, 5, chars("bacd"), values(false, true, false, false),
          "return detect_pattern(tokens, \"a\");"),
      nonCausal("detect_pattern_ab", () -> Library.detectPattern(Rasp.tokens(), chars("ab")),
          charVocab("ab"), 5, chars("aaba"), values(null, false, true, false),
          "return detect_pattern(tokens, \"ab\");"),
      nonCausal("detect_pattern_ab_2", () -> Library.detectPattern(Rasp.tokens(), chars("ab")),
          charVocab("ab"), 5, chars("abaa"), values(null, true, false, false),
          "return detect_pattern(tokens, \"ab\");"),
      nonCausal("detect_pattern_ab_3", () -> Library.detectPattern(Rasp.tokens(), chars("ab")),
          charVocab("ab"), 5, chars("aaaa"), values(null, false, false, false),
          "return detect_pattern(tokens, \"ab\");"),
      nonCausal("detect_pattern_abc", () -> Library.detectPattern(Rasp.tokens(), chars("abc")),
          charVocab("abc"), 6, chars("abcabc"), values(null, null, true, false, false, true),
          "return detect_pattern(tokens, \"abc\");"));

  /** Only under non-causal evaluation. */
  public static final List<LibraryCase> NON_CAUSAL = List.of(
      nonCausal("reverse_1", () -> Library.makeReverse(Rasp.tokens()), ABCD, 5, chars("abcd"),
          chars("dcba"), "return make_reverse(tokens);"),
      nonCausal("reverse_2", () -> Library.makeReverse(Rasp.tokens()), ABCD, 5, chars("abc"),
          chars("cba"), "return make_reverse(tokens);"),
      nonCausal("reverse_3", () -> Library.makeReverse(Rasp.tokens()), ABCD, 5, chars("ad"),
          chars("da"), "return make_reverse(tokens);"),
      nonCausal("reverse_4", () -> Library.makeReverse(Rasp.tokens()), ABCD, 5, chars("c"),
          chars("c"), "return make_reverse(tokens);"),
      nonCausal("length_categorical_1", () -> Library.makeLength().categorical(), ABCD, 3, chars("abc"),
          repeat(3, 3), "return categorical(make_length());"),
      nonCausal("length_categorical_2", () -> Library.makeLength().categorical(), ABCD, 3, chars("ad"),
          repeat(2, 2), "return categorical(make_length());"),
      nonCausal("length_categorical_3", () -> Library.makeLength().categorical(), ABCD, 3, chars("c"),
          repeat(1, 1), "return categorical(make_length());"),
      nonCausal("length_numerical_1", () -> Library.makeLength().numerical(), ABCD, 3, chars("abc"),
          repeat(3, 3), "return numerical(make_length());"),
      nonCausal("length_numerical_2", () -> Library.makeLength().numerical(), ABCD, 3, chars("ad"),
          repeat(2, 2), "return numerical(make_length());"),
      nonCausal("length_numerical_3", () -> Library.makeLength().numerical(), ABCD, 3, chars("c"),
          repeat(1, 1), "return numerical(make_length());"),
      nonCausal("pair_balance_1", () -> Library.makePairBalance(Rasp.tokens(), "(", ")"),
          BRACKETS_AND_LETTERS, 10, chars("a()b(c))"),
          values(0.0, 1.0 / 2, 0.0, 0.0, 1.0 / 5, 1.0 / 6, 0.0, -1.0 / 8),
          "return make_pair_balance(tokens, \"(\", \")\");"),
      shuffleDyck("shuffle_dyck2_1", List.of("()", "{}"), 5, "({)}", true),
      shuffleDyck("shuffle_dyck2_2", List.of("()", "{}"), 5, "(){)}", false),
      shuffleDyck("shuffle_dyck2_3", List.of("()", "{}"), 5, "{}(", false),
      shuffleDyck("shuffle_dyck3_1", List.of("()", "{}", "[]"), 6, "({)[}]", true),
      shuffleDyck("shuffle_dyck3_2", List.of("()", "{}", "[]"), 6, "(){)}", false),
      shuffleDyck("shuffle_dyck3_3", List.of("()", "{}", "[]"), 6, "{}[(]", false),
      nonCausal("hist", Library::makeHist, ABCD, 5, chars("abac"), ints(2, 1, 2, 1), "return make_hist();"),
      nonCausal("sort_unique_1", () -> Library.makeSortUnique(Rasp.tokens(), Rasp.tokens()),
          ONE_TO_FOUR, 5, ints(2, 4, 3, 1), ints(1, 2, 3, 4), "return make_sort_unique(tokens, tokens);"),
      nonCausal("sort_unique_2", () -> Library.makeSortUnique(Rasp.tokens(), oneMinusIndices()),
          ABCD, 5, chars("abcd"), chars("dcba"), "return make_sort_unique(tokens, 1 - indices);"),
      nonCausal("sort_1", () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1),
          ONE_TO_FOUR, 5, ints(2, 4, 3, 1), ints(1, 2, 3, 4), "return make_sort(tokens, tokens, 5, 1);"),
      nonCausal("sort_2", () -> Library.makeSort(Rasp.tokens(), oneMinusIndices(), 5, 1),
          ABCD, 5, chars("abcd"), chars("dcba"), "return make_sort(tokens, 1 - indices, 5, 1);"),
      nonCausal("sort_3", () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1),
          ONE_TO_FOUR, 5, ints(2, 4, 1, 2), ints(1, 2, 2, 4), "return make_sort(tokens, tokens, 5, 1);"),
      nonCausal("sort_freq", () -> Library.makeSortFreq(5),
          ONE_TO_FOUR, 5, ints(2, 4, 2, 1), ints(2, 2, 4, 1), "return make_sort_freq(5);"),
      nonCausal("make_count_less_freq_categorical_1", () -> Library.makeCountLessFreq(2),
          ABCD, 6, chars("aaabbc"), repeat(3, 6), "return make_count_less_freq(2);"),
      nonCausal("make_count_less_freq_categorical_2", () -> Library.makeCountLessFreq(2),
          ABCD, 6, chars("aacbbc"), repeat(6, 6), "return make_count_less_freq(2);"),
      nonCausal("make_count_less_freq_numerical_1", () -> Library.makeCountLessFreq(2).numerical(),
          ABCD, 6, chars("aaabbc"), repeat(3, 6), "return numerical(make_count_less_freq(2));"),
      nonCausal("make_count_less_freq_numerical_2", () -> Library.makeCountLessFreq(2).numerical(),
          ABCD, 6, chars("aacbbc"), repeat(6, 6), "return numerical(make_count_less_freq(2));"),
      nonCausal("make_count_1", () -> Library.makeCount(Rasp.tokens(), "a"),
          charVocab("abc"), 8, chars("aaabbc"), repeat(3, 6), "return make_count(tokens, \"a\");"),
      nonCausal("make_count_2", () -> Library.makeCount(Rasp.tokens(), "a"),
          charVocab("abc"), 8, chars("cabc"), repeat(1, 4), "return make_count(tokens, \"a\");"),
      nonCausal("make_count_3", () -> Library.makeCount(Rasp.tokens(), "a"),
          charVocab("abc"), 8, chars("bbc"), repeat(0, 3), "return make_count(tokens, \"a\");"),
      nonCausal("make_nary_sequencemap_1", LibraryCases::tokensPlusTokensMinusIndices,
          ONE_TO_THREE, 5, ints(1, 2, 3), ints(2, 3, 4), null),
      nonCausal("make_nary_sequencemap_2", LibraryCases::indicesTimesIndicesOverTokens,
          ONE_TO_THREE, 3, ints(1, 2, 3), values(0, 1.0 / 2, 4.0 / 3), null));

  /** Only under causal evaluation; stored with {@code causal = true}. */
  public static final List<LibraryCase> CAUSAL_EXTRA = List.of(
      new LibraryCase("selector_width",
          () -> Rasp.selectorWidth(Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.TRUE)),
          ABCD, 5, chars("abcd"), ints(1, 2, 3, 4), true,
          "return selector_width(select(tokens, tokens, true));"));

  /** Programs the compiler must reject (Tracr raises {@code NotImplementedError} for each). */
  public static final List<UnsupportedCase> UNSUPPORTED = List.of(
      new UnsupportedCase("numerical_categorical_aggregate",
          () -> Rasp.aggregate(selectAllTokens(), identity(Rasp.tokens()).numerical()),
          ONE_TO_THREE, 5, "a categorical aggregate of a numerical s-op",
          "return aggregate(select(tokens, tokens, true), numerical(map(x -> x, tokens)));"),
      new UnsupportedCase("categorical_numerical_aggregate",
          () -> Rasp.aggregate(selectAllTokens(), Rasp.tokens()).numerical(),
          ONE_TO_THREE, 5, "a numerical aggregate of categorical tokens",
          "return numerical(aggregate(select(tokens, tokens, true), tokens));"),
      new UnsupportedCase("numerical_numerical_aggregate",
          () -> Rasp.aggregate(selectAllTokens(), identity(Rasp.tokens()).numerical(), 0).numerical(),
          ONE_TO_THREE, 5, "a numerical aggregate of a numerical s-op whose values are not 0 or 1",
          "return numerical(aggregate(select(tokens, tokens, true), numerical(map(x -> x, tokens)), 0));"),
      new UnsupportedCase("aggregate_with_not_None_default",
          () -> Rasp.aggregate(Rasp.select(Rasp.indices(), Rasp.indices(), Comparison.EQ), Rasp.tokens(), 1)
              .numerical(),
          ONE_TO_THREE, 5, "a numerical aggregate (of categorical tokens) with default 1",
          "return numerical(aggregate(select(indices, indices, ==), tokens, 1));"),
      new UnsupportedCase("numerical_selector",
          () -> Rasp.selectorWidth(Rasp.select(identity(Rasp.tokens()).numerical(),
              identity(Rasp.tokens()).numerical(), Comparison.LT)),
          ONE_TO_THREE, 5, "a select with numerical keys and queries",
          "return selector_width(select(numerical(map(x -> x, tokens)), numerical(map(x -> x, tokens)), <));"),
      new UnsupportedCase("numerical_SequenceMap",
          () -> identity(Rasp.indices()).numerical().add(identity(Rasp.tokens()).numerical()).numerical(),
          ONE_TO_THREE, 5, "a non-linear sequence map on numerical s-ops",
          "return numerical(sequence_map((x, y) -> x + y, numerical(map(x -> x, indices)), "
              + "numerical(map(x -> x, tokens))));"),
      new UnsupportedCase("categorical_LinearSequenceMap",
          () -> Rasp.linearSequenceMap(Rasp.indices().categorical(), Rasp.tokens().categorical(), 1, 1)
              .categorical(),
          ONE_TO_THREE, 5, "a linear sequence map on categorical s-ops",
          "return categorical(linear_sequence_map(categorical(indices), categorical(tokens), 1, 1));"),
      new UnsupportedCase("numerical_tokens", () -> Rasp.tokens().numerical(),
          ONE_TO_THREE, 5, "tokens annotated numerical", "return numerical(tokens);"),
      new UnsupportedCase("numerical_indices", () -> Rasp.indices().numerical(),
          ONE_TO_THREE, 5, "indices annotated numerical", "return numerical(indices);"));

  /** Tracr's {@code TEST_CASES}: {@link #UNIVERSAL} and {@link #NON_CAUSAL}, all non-causal. */
  public static List<LibraryCase> nonCausal() {
    return concat(UNIVERSAL, NON_CAUSAL);
  }

  /** Tracr's {@code CAUSAL_TEST_CASES}: the causal copies of {@link #UNIVERSAL}, and {@link #CAUSAL_EXTRA}. */
  public static List<LibraryCase> causal() {
    return concat(UNIVERSAL.stream().map(LibraryCase::asCausal).toList(), CAUSAL_EXTRA);
  }

  /** Every case in every mode it holds in: {@link #nonCausal()} then {@link #causal()}. */
  public static List<LibraryCase> all() {
    return concat(nonCausal(), causal());
  }

  private static List<LibraryCase> concat(List<LibraryCase> first, List<LibraryCase> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static LibraryCase nonCausal(String name, Supplier<SOp> program, List<Value> vocab,
      int maxSeqLen, List<Value> input, List<Value> expected, String rasp) {
    return new LibraryCase(name, program, vocab, maxSeqLen, input, expected, false, rasp);
  }

  private static LibraryCase shuffleDyck(String name, List<String> pairs, int maxSeqLen, String input,
      boolean balanced) {
    StringBuilder brackets = new StringBuilder();
    List<String> quoted = new ArrayList<>();
    for (String pair : pairs) {
      brackets.append(pair);
      quoted.add("\"" + pair + "\"");
    }
    return nonCausal(name, () -> Library.makeShuffleDyck(pairs), charVocab(brackets.toString()), maxSeqLen,
        chars(input), repeat(balanced, input.length()),
        "return make_shuffle_dyck(" + String.join(", ", quoted) + ");");
  }

  /** {@code 1 - indices}: distinct keys in descending order, so sorting by them reverses. */
  private static SOp oneMinusIndices() {
    return Operators.apply(Operators.Binary.SUBTRACT, 1, Rasp.indices());
  }

  private static SOp identity(SOp sop) {
    return Rasp.map(UnaryFunction.described("x -> x", x -> x), sop);
  }

  private static Selector selectAllTokens() {
    return Rasp.select(Rasp.tokens(), Rasp.tokens(), Comparison.TRUE);
  }

  /** Tracr's {@code make_nary_sequencemap(lambda x, y, z: x + y - z, tokens, tokens, indices)}. */
  static SOp tokensPlusTokensMinusIndices() {
    return Library.makeNarySequenceMap(
        args -> ValueOperations.subtract(ValueOperations.add(args.get(0), args.get(1)), args.get(2)),
        List.of(Rasp.tokens(), Rasp.tokens(), Rasp.indices()));
  }

  /** Tracr's {@code make_nary_sequencemap(lambda x, y, z: x * y / z, indices, indices, tokens)}. */
  static SOp indicesTimesIndicesOverTokens() {
    return Library.makeNarySequenceMap(
        args -> ValueOperations.divide(ValueOperations.multiply(args.get(0), args.get(1)), args.get(2)),
        List.of(Rasp.indices(), Rasp.indices(), Rasp.tokens()));
  }
}
