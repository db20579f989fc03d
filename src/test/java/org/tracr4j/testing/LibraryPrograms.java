package org.tracr4j.testing;

import static org.tracr4j.testing.Sequences.charVocab;
import static org.tracr4j.testing.Sequences.chars;
import static org.tracr4j.testing.Sequences.intVocab;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Every library program at the two sizes of targets.md, each with a generator of random valid inputs.
 *
 * <ul>
 *   <li>{@link #TEST}: the "test" rows, with the vocabularies of the matching cases in {@link LibraryCases}
 *       and the maximum lengths of targets.md (16 programs).
 *   <li>{@link #LARGE}: the "large" rows: 16 tokens (the letters a–p; brackets plus letters for the bracket
 *       programs; the integers 1–16 for the sorting programs) and maximum length 16, except
 *       {@code make_nary_sequencemap} at vocabulary 1–10 and length 10.
 * </ul>
 *
 * <p>All programs are meant non-causally. Inputs: uniform tokens and lengths, except distinct tokens for
 * {@code make_sort_unique} (its keys must be unique) and half balanced words for the shuffle-Dyck programs
 * (uniform bracket strings are almost never balanced).
 */
public final class LibraryPrograms {
  private LibraryPrograms() {}

  public static final List<LibraryProgram> TEST = List.of(
      uniform("detect_pattern_abc", () -> Library.detectPattern(Rasp.tokens(), chars("abc")),
          charVocab("abc"), 6, "return detect_pattern(tokens, \"abc\");"),
      uniform("make_count_a", () -> Library.makeCount(Rasp.tokens(), "a"), charVocab("abc"), 8,
          "return make_count(tokens, \"a\");"),
      uniform("make_count_less_freq_2", () -> Library.makeCountLessFreq(2), charVocab("abcd"), 6,
          "return make_count_less_freq(2);"),
      uniform("make_frac_prevs", () -> Library.makeFracPrevs(Rasp.tokens().eq("l")), charVocab("helo"), 5,
          "return make_frac_prevs(tokens == \"l\");"),
      uniform("make_hist", Library::makeHist, charVocab("abcd"), 5, "return make_hist();"),
      uniform("make_length", Library::makeLength, charVocab("abcd"), 3, "return make_length();"),
      uniform("make_nary_sequencemap", LibraryCases::tokensPlusTokensMinusIndices, intVocab(1, 2, 3), 5, null),
      pairBalance(charVocab("abc()"), 10),
      uniform("make_reverse", () -> Library.makeReverse(Rasp.tokens()), charVocab("abcd"), 5,
          "return make_reverse(tokens);"),
      shuffleDyck2(charVocab("(){}"), 5),
      shuffleDyckOnePair(charVocab("()"), 5),
      uniform("make_sort", () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1), intVocab(1, 2, 3, 4), 5,
          "return make_sort(tokens, tokens, 5, 1);"),
      uniform("make_sort_freq", () -> Library.makeSortFreq(5), intVocab(1, 2, 3, 4), 5,
          "return make_sort_freq(5);"),
      sortUnique(intVocab(1, 2, 3, 4), 5),
      uniform("shift_by_1", () -> Library.shiftBy(1, Rasp.tokens()), charVocab("abcd"), 5,
          "return shift_by(1, tokens);"),
      uniform("shift_by_2", () -> Library.shiftBy(2, Rasp.tokens()), charVocab("abcd"), 5,
          "return shift_by(2, tokens);"));

  private static final String LETTERS = "abcdefghijklmnop";
  private static final int LARGE_N = 16;

  public static final List<LibraryProgram> LARGE = List.of(
      uniform("detect_pattern_abc", () -> Library.detectPattern(Rasp.tokens(), chars("abc")),
          charVocab(LETTERS), LARGE_N, "return detect_pattern(tokens, \"abc\");"),
      uniform("make_count_a", () -> Library.makeCount(Rasp.tokens(), "a"), charVocab(LETTERS), LARGE_N,
          "return make_count(tokens, \"a\");"),
      uniform("make_count_less_freq_2", () -> Library.makeCountLessFreq(2), charVocab(LETTERS), LARGE_N,
          "return make_count_less_freq(2);"),
      uniform("make_frac_prevs", () -> Library.makeFracPrevs(Rasp.tokens().eq("l")), charVocab(LETTERS),
          LARGE_N, "return make_frac_prevs(tokens == \"l\");"),
      uniform("make_hist", Library::makeHist, charVocab(LETTERS), LARGE_N, "return make_hist();"),
      uniform("make_length", Library::makeLength, charVocab(LETTERS), LARGE_N, "return make_length();"),
      uniform("make_nary_sequencemap", LibraryCases::tokensPlusTokensMinusIndices, oneTo(10), 10, null),
      pairBalance(charVocab("()" + LETTERS.substring(0, 14)), LARGE_N),
      uniform("make_reverse", () -> Library.makeReverse(Rasp.tokens()), charVocab(LETTERS), LARGE_N,
          "return make_reverse(tokens);"),
      shuffleDyck2(charVocab("(){}" + LETTERS.substring(0, 12)), LARGE_N),
      shuffleDyckOnePair(charVocab("()" + LETTERS.substring(0, 14)), LARGE_N),
      uniform("make_sort", () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), LARGE_N, 1), oneTo(16),
          LARGE_N, "return make_sort(tokens, tokens, 16, 1);"),
      uniform("make_sort_freq", () -> Library.makeSortFreq(LARGE_N), oneTo(16), LARGE_N,
          "return make_sort_freq(16);"),
      sortUnique(oneTo(16), LARGE_N),
      uniform("shift_by_1", () -> Library.shiftBy(1, Rasp.tokens()), charVocab(LETTERS), LARGE_N,
          "return shift_by(1, tokens);"),
      uniform("shift_by_2", () -> Library.shiftBy(2, Rasp.tokens()), charVocab(LETTERS), LARGE_N,
          "return shift_by(2, tokens);"));

  /** The program of {@code list} with this name; an error when there is none. */
  public static LibraryProgram named(List<LibraryProgram> list, String name) {
    return list.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no library program named " + name));
  }

  private static LibraryProgram uniform(String name, Supplier<SOp> program, List<Value> vocab, int maxSeqLen,
      String rasp) {
    return new LibraryProgram(name, program, vocab, maxSeqLen, InputGenerator.uniform(vocab, maxSeqLen), rasp);
  }

  private static LibraryProgram pairBalance(List<Value> vocab, int maxSeqLen) {
    return new LibraryProgram("make_pair_balance", () -> Library.makePairBalance(Rasp.tokens(), "(", ")"),
        vocab, maxSeqLen, InputGenerator.brackets(List.of("()"), vocab, maxSeqLen),
        "return make_pair_balance(tokens, \"(\", \")\");");
  }

  private static LibraryProgram shuffleDyck2(List<Value> vocab, int maxSeqLen) {
    return new LibraryProgram("make_shuffle_dyck2", Library::makeShuffleDyck2, vocab, maxSeqLen,
        InputGenerator.brackets(List.of("()", "{}"), vocab, maxSeqLen), "return make_shuffle_dyck2();");
  }

  private static LibraryProgram shuffleDyckOnePair(List<Value> vocab, int maxSeqLen) {
    return new LibraryProgram("make_shuffle_dyck_1pair", () -> Library.makeShuffleDyck(List.of("()")), vocab,
        maxSeqLen, InputGenerator.brackets(List.of("()"), vocab, maxSeqLen), "return make_shuffle_dyck(\"()\");");
  }

  private static LibraryProgram sortUnique(List<Value> vocab, int maxSeqLen) {
    return new LibraryProgram("make_sort_unique", () -> Library.makeSortUnique(Rasp.tokens(), Rasp.tokens()),
        vocab, maxSeqLen, InputGenerator.distinct(vocab, maxSeqLen), "return make_sort_unique(tokens, tokens);");
  }

  private static List<Value> oneTo(int n) {
    return intVocab(LongStream.rangeClosed(1, n).toArray());
  }

  /** Every program of {@link #TEST} in every build mode, as JUnit arguments {@code (program, mode)}. */
  public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> testInEveryMode() {
    return TEST.stream().flatMap(program -> java.util.Arrays.stream(org.tracr4j.compiler.CompileOptions.Mode.values())
        .map(mode -> org.junit.jupiter.params.provider.Arguments.of(program, mode)));
  }
}
