package org.tracr4j.generate;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Operators;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The library programs a generated program may call (spec §2, "Library"), with their {@code .rasp}
 * names and signatures: {@code sops} are s-op arguments, {@code constants} the literal ones.
 */
public enum LibraryFunction {
  MAKE_LENGTH("make_length", 0, 0),
  MAKE_HIST("make_hist", 0, 0),
  MAKE_REVERSE("make_reverse", 1, 0),
  MAKE_SORT_UNIQUE("make_sort_unique", 2, 0),
  /** {@code make_sort(vals, keys, max_seq_len, min_key)}. */
  MAKE_SORT("make_sort", 2, 2),
  /** {@code make_sort_freq(max_seq_len)}. */
  MAKE_SORT_FREQ("make_sort_freq", 0, 1),
  MAKE_FRAC_PREVS("make_frac_prevs", 1, 0),
  /** {@code make_pair_balance(sop, open, close)}. */
  MAKE_PAIR_BALANCE("make_pair_balance", 1, 2),
  /** {@code shift_by(offset, sop)}: the constant comes first. */
  SHIFT_BY("shift_by", 1, 1),
  /** {@code make_count(sop, token)}. */
  MAKE_COUNT("make_count", 1, 1),
  /** {@code make_count_less_freq(n)}. */
  MAKE_COUNT_LESS_FREQ("make_count_less_freq", 0, 1);

  private final String spelling;
  private final int sopCount;
  private final int constantCount;

  LibraryFunction(String spelling, int sopCount, int constantCount) {
    this.spelling = spelling;
    this.sopCount = sopCount;
    this.constantCount = constantCount;
  }

  /** The name in {@code .rasp}. */
  public String spelling() {
    return spelling;
  }

  int sopCount() {
    return sopCount;
  }

  int constantCount() {
    return constantCount;
  }

  /** The call as {@code .rasp} source, s-op arguments given by name. */
  String source(List<String> sops, List<Value> constants) {
    List<String> arguments = new ArrayList<>();
    if (this == SHIFT_BY) {
      arguments.add(Operators.literal(constants.get(0)));
      arguments.add(sops.get(0));
    } else {
      arguments.addAll(sops);
      constants.forEach(c -> arguments.add(Operators.literal(c)));
    }
    return spelling + "(" + String.join(", ", arguments) + ")";
  }

  /** Builds the library program on already built arguments. */
  SOp build(List<SOp> sops, List<Value> constants) {
    return switch (this) {
      case MAKE_LENGTH -> Library.makeLength();
      case MAKE_HIST -> Library.makeHist();
      case MAKE_REVERSE -> Library.makeReverse(sops.get(0));
      case MAKE_SORT_UNIQUE -> Library.makeSortUnique(sops.get(0), sops.get(1));
      case MAKE_SORT -> Library.makeSort(sops.get(0), sops.get(1), whole(constants.get(0)),
          constants.get(1).asDouble());
      case MAKE_SORT_FREQ -> Library.makeSortFreq(whole(constants.get(0)));
      case MAKE_FRAC_PREVS -> Library.makeFracPrevs(sops.get(0));
      case MAKE_PAIR_BALANCE -> Library.makePairBalance(sops.get(0), constants.get(0), constants.get(1));
      case SHIFT_BY -> Library.shiftBy(whole(constants.get(0)), sops.get(0));
      case MAKE_COUNT -> Library.makeCount(sops.get(0), constants.get(0));
      case MAKE_COUNT_LESS_FREQ -> Library.makeCountLessFreq(whole(constants.get(0)));
    };
  }

  private static int whole(Value value) {
    return (int) value.asDouble();
  }
}
