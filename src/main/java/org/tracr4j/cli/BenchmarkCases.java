package org.tracr4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The programs {@code tracr4j bench} and the JMH benchmarks ({@code bench/}) measure: Tracr's library at the
 * test sizes of targets.md and the scaling series, each with Tracr's own figures where targets.md has them.
 */
public final class BenchmarkCases {
  /** The sizes of the scaling series. */
  public static final int[] SERIES_SIZES = {5, 10, 20, 40, 80};

  private BenchmarkCases() {}

  /**
   * One benchmark row: a program at a size, with Tracr's compile milliseconds, parameters and d_model where
   * targets.md has them (0 where not).
   */
  public record Case(String name, Supplier<SOp> program, List<Value> vocab, int maxSeqLen, double tracrMs,
      long tracrParams, int tracrDModel) {}

  /**
   * The case called {@code name}: a library program ({@code "make_sort"}) or a point of the series ({@code
   * "make_sort N=80"}).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Case named(String name) {
    List<Case> all = new ArrayList<>(library());
    all.addAll(series(SERIES_SIZES, Integer.MAX_VALUE));
    return all.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no benchmark case '" + name + "'"));
  }

  private static List<Value> chars(String letters) {
    List<Value> vocab = new ArrayList<>();
    for (char ch : letters.toCharArray()) {
      vocab.add(Value.of(String.valueOf(ch)));
    }
    return vocab;
  }

  private static List<Value> integers(int from, int to) {
    List<Value> vocab = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      vocab.add(Value.of(i));
    }
    return vocab;
  }

  /** The library at the test sizes of targets.md, with Tracr's compile ms and params from its table. */
  public static List<Case> library() {
    List<Value> abcd = chars("abcd");
    return List.of(
        new Case("detect_pattern_abc", () -> Library.detectPattern(Rasp.tokens(), List.of("a", "b", "c")),
            chars("abc"), 6, 2.0, 6_292, 26),
        new Case("make_count_a", () -> Library.makeCount(Rasp.tokens(), "a"), chars("abc"), 8, 1.7, 1_896, 24),
        new Case("make_count_less_freq_2", () -> Library.makeCountLessFreq(2), abcd, 6, 2.9, 4_292, 29),
        new Case("make_frac_prevs", () -> Library.makeFracPrevs(Rasp.tokens().eq("l")), chars("helo"), 5, 0.8,
            1_022, 14),
        new Case("make_hist", Library::makeHist, abcd, 5, 1.3, 1_254, 19),
        new Case("make_length", Library::makeLength, abcd, 3, 1.1, 810, 15),
        new Case("make_nary_sequencemap", () -> Library.makeNarySequenceMap(
            args -> org.tracr4j.rasp.ValueOperations.subtract(
                org.tracr4j.rasp.ValueOperations.add(args.get(0), args.get(1)), args.get(2)),
            List.of(Rasp.tokens(), Rasp.tokens(), Rasp.indices())), integers(1, 3), 5, 7.7, 22_348, 74),
        new Case("make_pair_balance", () -> Library.makePairBalance(Rasp.tokens(), "(", ")"), chars("abc()"), 10,
            1.6, 5_221, 23),
        new Case("make_reverse", () -> Library.makeReverse(Rasp.tokens()), abcd, 5, 4.7, 19_264, 43),
        new Case("make_shuffle_dyck2", Library::makeShuffleDyck2, chars("(){}"), 5, 16.5, 243_650, 55),
        new Case("make_shuffle_dyck_1pair", () -> Library.makeShuffleDyck(List.of("()")), chars("()"), 5, 8.6,
            63_384, 38),
        new Case("make_sort", () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), 5, 1), integers(1, 4), 5, 4.2,
            17_200, 43),
        new Case("make_sort_freq", () -> Library.makeSortFreq(5), integers(1, 4), 5, 8.0, 63_096, 66),
        new Case("make_sort_unique", () -> Library.makeSortUnique(Rasp.tokens(), Rasp.tokens()), integers(1, 4),
            5, 1.7, 2_760, 23),
        new Case("shift_by_1", () -> Library.shiftBy(1, Rasp.tokens()), abcd, 5, 0.4, 736, 16),
        new Case("shift_by_2", () -> Library.shiftBy(2, Rasp.tokens()), abcd, 5, 0.3, 736, 16));
  }

  /** Tracr's compile ms of the scaling series (targets.md): [program][sweep][index in SERIES_SIZES]. */
  private static final Map<String, double[][]> TRACR_SERIES = Map.of(
      "make_sort_unique", new double[][] {{3, 3, 4, 5, 13}, {2, 3, 6, 16, 54}},
      "make_hist", new double[][] {{2, 2, 3, 4, 12}, {1, 2, 5, 14, 46}},
      "make_sort", new double[][] {{13, 36, 125, 495, 2018}, {12, 37, 130, 500, 2026}},
      "make_frac_prevs", new double[][] {{1, 1, 1, 1, 2}, {1, 1, 1, 3, 13}},
      "make_reverse", new double[][] {{14, 15, 16, 18, 25}, {5, 15, 80, 842, 108828}});

  /**
   * The scaling series of targets.md at the given sizes up to {@code maxSize}: each program with the
   * vocabulary size swept at length 10 ({@code "name V=size"}), then the length swept with 10 values
   * ({@code "name N=size"}). Sizes must be among {@link #SERIES_SIZES} (Tracr's figures are for those).
   */
  public static List<Case> series(int[] sizes, int maxSize) {
    List<Case> cases = new ArrayList<>();
    for (String name : List.of("make_sort_unique", "make_hist", "make_sort", "make_frac_prevs", "make_reverse")) {
      for (int sweep = 0; sweep < 2; sweep++) {
        for (int i = 0; i < sizes.length; i++) {
          int size = sizes[i];
          if (size > maxSize) {
            continue;
          }
          int vocab = sweep == 0 ? size : 10;
          int length = sweep == 0 ? 10 : size;
          String label = name + (sweep == 0 ? " V=" : " N=") + size;
          int index = Arrays.binarySearch(SERIES_SIZES, size);
          cases.add(new Case(label, program(name, length), integers(1, vocab), length,
              TRACR_SERIES.get(name)[sweep][index], 0, 0));
        }
      }
    }
    return cases;
  }

  private static Supplier<SOp> program(String name, int maxSeqLen) {
    return switch (name) {
      case "make_sort_unique" -> () -> Library.makeSortUnique(Rasp.tokens(), Rasp.tokens());
      case "make_hist" -> Library::makeHist;
      case "make_sort" -> () -> Library.makeSort(Rasp.tokens(), Rasp.tokens(), maxSeqLen, 1);
      case "make_frac_prevs" -> () -> Library.makeFracPrevs(Rasp.tokens().eq(1L));
      case "make_reverse" -> () -> Library.makeReverse(Rasp.tokens());
      default -> throw new IllegalArgumentException(name);
    };
  }
}
