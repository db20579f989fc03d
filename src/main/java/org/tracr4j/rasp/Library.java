package org.tracr4j.rasp;

import static org.tracr4j.rasp.Rasp.aggregate;
import static org.tracr4j.rasp.Rasp.indices;
import static org.tracr4j.rasp.Rasp.select;
import static org.tracr4j.rasp.Rasp.selectorWidth;
import static org.tracr4j.rasp.Rasp.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The RASP program library of Tracr ({@code lib.py}, tracr-reference §6), with the same constructions, the
 * same encodings and the same names on the intermediate expressions, so that compiled models have the
 * same residual labels as Tracr's.
 *
 * <p>Every method builds a fresh expression DAG (Tracr shares one module-level {@code length}; here each
 * program that needs the length builds its own). Every function a program creates prints as {@code .rasp}
 * lambda source, so programs print readably.
 *
 * <p>Under causal evaluation (tracr-reference §1.9) {@link #makeFracPrevs}, {@link #makePairBalance},
 * {@link #shiftBy} and {@link #detectPattern} give the same outputs as non-causally, and {@link
 * #makeNarySequenceMap} does when its inputs do. Tracr also lists {@link #makeCount} and {@link
 * #makeCountLessFreq} as causal: causally they count only up to each position. The other programs need
 * the whole input.
 */
public final class Library {
  private Library() {}

  /**
   * The length of the input at every position: {@code selector_width(select(tokens, tokens, true))}, with
   * the selector named {@code all_true_selector} and the result {@code length}. Same as {@link
   * Rasp#length()}.
   */
  public static SOp makeLength() {
    return Rasp.length();
  }

  /**
   * {@code sop} reversed: position i gets {@code sop[n - 1 - i]}. Builds {@code opp_idx = length - indices},
   * {@code opp_idx-1 = opp_idx - 1}, {@code reverse_selector = select(indices, opp_idx-1, ==)} and
   * {@code reverse = aggregate(reverse_selector, sop)}. Non-causal only.
   */
  public static SOp makeReverse(SOp sop) {
    SOp oppositeIndex = makeLength().subtract(indices()).named("opp_idx");
    SOp oppositeIndexMinusOne = oppositeIndex.subtract(1).named("opp_idx-1");
    Selector reverseSelector = select(indices(), oppositeIndexMinusOne, Comparison.EQ).named("reverse_selector");
    return aggregate(reverseSelector, sop).named("reverse");
  }

  /**
   * How often each position's token occurs in the input: {@code selector_width(select(tokens, tokens, ==))}
   * with the selector named {@code same_tok} and the result {@code hist}. Non-causal only.
   */
  public static SOp makeHist() {
    Selector sameToken = select(tokens(), tokens(), Comparison.EQ).named("same_tok");
    return selectorWidth(sameToken).named("hist");
  }

  /**
   * {@code vals} sorted by ascending {@code keys}, which must be unique: each position's target is the
   * number of smaller keys ({@code smaller}, {@code target_pos}), and position i reads the value whose
   * target is i ({@code sel_new}, result {@code sort}). Repeated keys make several values land on one
   * position (a mean, or an error for strings) and leave other positions none. Non-causal only.
   */
  public static SOp makeSortUnique(SOp vals, SOp keys) {
    Selector smaller = select(keys, keys, Comparison.LT).named("smaller");
    SOp targetPosition = selectorWidth(smaller).named("target_pos");
    Selector selectNew = select(targetPosition, indices(), Comparison.EQ).named("sel_new");
    return aggregate(selectNew, vals).named("sort");
  }

  /**
   * A stable sort of {@code vals} by numeric {@code keys}: the keys are made unique as
   * {@code key + minKey * index / maxSeqLen} (an unnamed sequence map) and passed to {@link
   * #makeSortUnique}. Correct when {@code minKey} is at most the smallest gap between distinct keys and
   * inputs are no longer than {@code maxSeqLen}. Non-causal only.
   */
  public static SOp makeSort(SOp vals, SOp keys, int maxSeqLen, double minKey) {
    if (maxSeqLen <= 0) {
      throw new IllegalArgumentException("make_sort needs a positive max_seq_len, got " + maxSeqLen);
    }
    // (x, i) -> x + min_key * i / max_seq_len; an integral min_key is written as an integer, as Tracr's
    // callers pass it (the products are exact either way, so the keys are the same).
    Value factor = minKey == Math.rint(minKey) && Math.abs(minKey) < 1e15 ? Value.of((long) minKey) : Value.of(minKey);
    Term scaledIndex = new Term.Binary(Operators.Binary.DIVIDE, new Term.Binary(Operators.Binary.MULTIPLY,
        new Term.Constant(factor), new Term.Parameter(1)), new Term.Constant(Value.of((long) maxSeqLen)));
    Lambda uniqueKey = new Lambda(List.of("x", "i"),
        new Term.Binary(Operators.Binary.ADD, new Term.Parameter(0), scaledIndex));
    return makeSortUnique(vals, Rasp.sequenceMap(uniqueKey, keys, indices()));
  }

  /**
   * The tokens ordered by descending frequency, ties in input order: {@link #makeSort} of tokens by
   * {@code -1 * hist} with {@code minKey} 1, named {@code sort_freq}. Non-causal only.
   */
  public static SOp makeSortFreq(int maxSeqLen) {
    SOp negatedHistogram = Operators.apply(Operators.Binary.MULTIPLY, -1, makeHist());
    return makeSort(tokens(), negatedHistogram, maxSeqLen, 1).named("sort_freq");
  }

  /**
   * The running fraction of true values: position i gets the mean of {@code bools[0..i]}. {@code bools}
   * is re-annotated numerical, and the result is a numerical aggregate (default 0) over
   * {@code select(indices, indices, <=)}, named {@code frac_prevs}. Causal and non-causal.
   */
  public static SOp makeFracPrevs(SOp bools) {
    SOp numericalBools = bools.numerical();
    Selector previous = select(indices(), indices(), Comparison.LEQ);
    return aggregate(previous, numericalBools, 0).numerical().named("frac_prevs");
  }

  /**
   * The running balance of a bracket pair: at position i, the fraction of {@code sop[0..i]} equal to
   * {@code open} minus the fraction equal to {@code close}. Builds numerical {@code bools_open},
   * {@code opens}, {@code bools_close}, {@code closes} and the numerical linear sequence map
   * {@code pair_balance = opens - closes}. Same under causal evaluation (Tracr lists it as non-causal only).
   */
  public static SOp makePairBalance(SOp sop, Object open, Object close) {
    SOp boolsOpen = sop.eq(open).numerical().named("bools_open");
    SOp opens = makeFracPrevs(boolsOpen).numerical().named("opens");
    SOp boolsClose = sop.eq(close).numerical().named("bools_close");
    SOp closes = makeFracPrevs(boolsClose).numerical().named("closes");
    return Rasp.linearSequenceMap(opens, closes, 1, -1).numerical().named("pair_balance");
  }

  /**
   * True at every position iff the input is a shuffle-Dyck word over the given bracket pairs (each a
   * two-character string such as {@code "()"}): every pair's running balance ({@code balance_()}, ...)
   * never drops below 0 and ends at 0. Builds {@code any_negative} (numerical), {@code select_all},
   * {@code has_neg} (numerical mean over all positions), {@code select_last}, {@code last_zero},
   * {@code not_has_neg} and {@code shuffle_dyck = last_zero and not_has_neg}. Non-causal only.
   */
  public static SOp makeShuffleDyck(List<String> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("make_shuffle_dyck needs at least one bracket pair");
    }
    List<SOp> balances = new ArrayList<>();
    for (String pair : pairs) {
      if (pair.length() != 2) {
        throw new IllegalArgumentException(
            "make_shuffle_dyck: a bracket pair is two characters such as \"()\", got \"" + pair + "\"");
      }
      String open = pair.substring(0, 1);
      String close = pair.substring(1, 2);
      balances.add(makePairBalance(tokens(), open, close).named("balance_" + pair));
    }

    SOp anyNegative = balances.get(0).lt(0);
    for (SOp balance : balances.subList(1, balances.size())) {
      anyNegative = anyNegative.or(balance.lt(0));
    }
    anyNegative = Rasp.map(Lambda.unary(new Term.Parameter(0)), anyNegative)
        .numerical().named("any_negative");

    Selector selectAll = select(indices(), indices(), Comparison.TRUE).named("select_all");
    SOp hasNegative = aggregate(selectAll, anyNegative, 0).numerical().named("has_neg");

    SOp allZero = balances.get(0).eq(0);
    for (SOp balance : balances.subList(1, balances.size())) {
      allZero = allZero.and(balance.eq(0));
    }
    Selector selectLast = select(indices(), makeLength().subtract(1), Comparison.EQ).named("select_last");
    SOp lastZero = aggregate(selectLast, allZero).named("last_zero");

    SOp notHasNegative = hasNegative.not().named("not_has_neg");
    return lastZero.and(notHasNegative).named("shuffle_dyck");
  }

  /** {@link #makeShuffleDyck} over {@code ()} and <code>{}</code>, named {@code shuffle_dyck2}. */
  public static SOp makeShuffleDyck2() {
    return makeShuffleDyck(List.of("()", "{}")).named("shuffle_dyck2");
  }

  /**
   * {@code sop} shifted right by {@code offset} positions: position i gets {@code sop[i - offset]}, and
   * the first {@code offset} positions are none. An aggregate over
   * {@code select(indices, indices, (k, q) -> q == k + offset)}, named {@code shift_by(offset)}. Causal
   * and non-causal.
   */
  public static SOp shiftBy(int offset, SOp sop) {
    Lambda byOffset = Lambda.predicate(new Term.Binary(Operators.Binary.EQ, new Term.Parameter(1),
        new Term.Binary(Operators.Binary.ADD, new Term.Parameter(0), new Term.Constant(Value.of((long) offset)))));
    Selector selectOffByOffset = select(indices(), indices(), byOffset);
    return aggregate(selectOffByOffset, sop).named("shift_by(" + offset + ")");
  }

  /**
   * True at the last position of each occurrence of {@code pattern} in {@code sop}, false elsewhere; the
   * first {@code pattern.size() - 1} positions are none. One detector {@code sop == element} per pattern
   * element, shifted by its distance from the end of the pattern, combined with {@code and} starting from
   * the most-shifted; named {@code detect_pattern(abc)} (the elements concatenated when they are all
   * single characters, else listed in brackets). Causal and non-causal.
   */
  public static SOp detectPattern(SOp sop, List<?> pattern) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("detect_pattern needs a pattern of at least one element");
    }
    List<SOp> detectors = new ArrayList<>();
    for (int i = 0; i < pattern.size(); i++) {
      SOp detector = sop.eq(pattern.get(pattern.size() - 1 - i));
      detectors.add(i == 0 ? detector : shiftBy(i, detector));
    }
    SOp detected = detectors.get(detectors.size() - 1);
    for (int i = detectors.size() - 2; i >= 0; i--) {
      detected = detected.and(detectors.get(i));
    }
    return detected.named("detect_pattern(" + patternText(pattern) + ")");
  }

  /**
   * At every position, the number of positions whose token occurs at most {@code n} times in the input
   * (Tracr's docstring says "fewer than"; the code, reproduced here, says at most): {@code hist},
   * {@code select_less = select(hist, hist, (k, q) -> k <= n)}, result {@code count_less_freq}.
   */
  public static SOp makeCountLessFreq(int n) {
    SOp histogram = makeHist();
    Lambda atMost = Lambda.predicate(new Term.Binary(Operators.Binary.LE, new Term.Parameter(0),
        new Term.Constant(Value.of((long) n))));
    Selector selectLess = select(histogram, histogram, atMost).named("select_less");
    return selectorWidth(selectLess).named("count_less_freq");
  }

  /**
   * The number of positions where {@code sop} equals {@code token}, at every position:
   * {@code selector_width(select(sop, sop, (k, q) -> k == token))} named {@code count_token}.
   */
  public static SOp makeCount(SOp sop, Object token) {
    Value target = Value.ofJava(token);
    Lambda isToken = Lambda.predicate(new Term.Binary(Operators.Binary.EQ, new Term.Parameter(0),
        new Term.Constant(target)));
    return selectorWidth(select(sop, sop, isToken)).named("count_" + target);
  }

  /**
   * {@code f} applied position-wise to the values of several s-ops: the s-ops are folded into one
   * tuple-valued s-op by binary sequence maps (the first builds pairs, each further one appends an item),
   * then a map applies {@code f} to the tuple's items. The tuple intermediates are categorical and can be
   * very large when compiled. With a single s-op, {@code f} gets a one-element list.
   */
  public static SOp makeNarySequenceMap(Function<List<Value>, Value> f, List<SOp> sops) {
    Objects.requireNonNull(f, "f");
    if (sops.isEmpty()) {
      throw new IllegalArgumentException("make_nary_sequencemap needs at least one s-op");
    }
    if (sops.size() == 1) {
      return Rasp.map(UnaryFunction.described("x -> f(x)", x -> f.apply(List.of(x))), sops.get(0));
    }
    SOp arguments = Rasp.sequenceMap(
        BinaryFunction.described("(x, y) -> (x, y)", (x, y) -> new Value.Tuple(List.of(x, y))),
        sops.get(0), sops.get(1));
    for (SOp sop : sops.subList(2, sops.size())) {
      arguments = Rasp.sequenceMap(BinaryFunction.described("(x, y) -> (*x, y)", Library::append),
          arguments, sop);
    }
    return Rasp.map(UnaryFunction.described("args -> f(*args)", args -> f.apply(((Value.Tuple) args).items())),
        arguments);
  }

  private static Value append(Value tuple, Value item) {
    List<Value> items = new ArrayList<>(((Value.Tuple) tuple).items());
    items.add(item);
    return new Value.Tuple(items);
  }

  private static String patternText(List<?> pattern) {
    List<Value> values = pattern.stream().map(Value::ofJava).toList();
    boolean characters = values.stream().allMatch(v -> v instanceof Value.Str s && s.value().length() == 1);
    if (characters) {
      StringBuilder text = new StringBuilder();
      values.forEach(text::append);
      return text.toString();
    }
    return values.toString();
  }
}
