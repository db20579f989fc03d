package org.tracr4j.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The built-in functions of {@code .rasp}: the RASP primitives and, under their snake_case names, the
 * programs of {@link Library} (tracr-reference §6).
 */
final class Builtins {
  private Builtins() {}

  /** How a built-in computes its value from its (type-checked) arguments. */
  @FunctionalInterface
  interface Body {
    LangValue call(Arguments arguments);
  }

  /**
   * One built-in: its parameter names (the last one repeats when {@code variadic}), how many arguments it
   * takes at least, and its body.
   */
  record Builtin(String name, List<String> parameters, int required, boolean variadic, Body body) {
    Builtin {
      parameters = List.copyOf(parameters);
    }

    boolean accepts(int count) {
      return count >= required && (variadic || count <= parameters.size());
    }

    /** How to call it, for arity errors: {@code aggregate(selector, sop[, default])}. */
    String usage() {
      StringBuilder out = new StringBuilder(name).append('(');
      for (int i = 0; i < parameters.size(); i++) {
        String separator = i == 0 ? "" : ", ";
        out.append(i < required ? separator + parameters.get(i) : "[" + separator + parameters.get(i) + "]");
      }
      return out.append(variadic ? ", ...)" : ")").toString();
    }

    String expectedCount() {
      if (variadic) {
        return "at least " + plural(required);
      }
      return required == parameters.size() ? plural(required)
          : required + " or " + plural(parameters.size());
    }

    private static String plural(int count) {
      return count + (count == 1 ? " argument" : " arguments");
    }
  }

  static final Map<String, Builtin> ALL = table();

  private static Map<String, Builtin> table() {
    List<Builtin> all = new ArrayList<>();
    // The RASP primitives.
    all.add(fixed("select", List.of("keys", "queries", "comparison"),
        a -> selector(Rasp.select(a.sop(0), a.sop(1), a.predicate(2)))));
    all.add(new Builtin("aggregate", List.of("selector", "sop", "default"), 2, false,
        a -> sop(Rasp.aggregate(a.selector(0), a.sop(1), a.count() == 3 ? a.constant(2) : Value.NONE))));
    all.add(fixed("selector_width", List.of("selector"), a -> sop(Rasp.selectorWidth(a.selector(0)))));
    all.add(fixed("map", List.of("function", "sop"), a -> sop(Rasp.map(a.lambda(0, 1), a.sop(1)))));
    for (String name : List.of("sequence_map", "zipmap")) {
      all.add(fixed(name, List.of("function", "first", "second"),
          a -> sop(Rasp.sequenceMap(a.lambda(0, 2), a.sop(1), a.sop(2)))));
    }
    all.add(fixed("linear_sequence_map", List.of("first", "second", "first_factor", "second_factor"),
        a -> sop(Rasp.linearSequenceMap(a.sop(0), a.sop(1), number(a, 2), number(a, 3)))));
    all.add(fixed("numerical", List.of("sop"), a -> sop(a.sop(0).numerical())));
    all.add(fixed("categorical", List.of("sop"), a -> sop(a.sop(0).categorical())));
    // Tracr's library.
    all.add(fixed("make_length", List.of(), a -> sop(Library.makeLength())));
    all.add(fixed("make_reverse", List.of("sop"), a -> sop(Library.makeReverse(a.sop(0)))));
    all.add(fixed("make_hist", List.of(), a -> sop(Library.makeHist())));
    all.add(fixed("make_sort_unique", List.of("vals", "keys"),
        a -> sop(Library.makeSortUnique(a.sop(0), a.sop(1)))));
    all.add(fixed("make_sort", List.of("vals", "keys", "max_seq_len", "min_key"),
        a -> sop(Library.makeSort(a.sop(0), a.sop(1), positive(a, 2), a.number(3)))));
    all.add(fixed("make_sort_freq", List.of("max_seq_len"), a -> sop(Library.makeSortFreq(positive(a, 0)))));
    all.add(fixed("make_frac_prevs", List.of("bools"), a -> sop(Library.makeFracPrevs(a.sop(0)))));
    all.add(fixed("make_pair_balance", List.of("sop", "open", "close"),
        a -> sop(Library.makePairBalance(a.sop(0), a.constant(1), a.constant(2)))));
    all.add(new Builtin("make_shuffle_dyck", List.of("pair"), 1, true, a -> sop(Library.makeShuffleDyck(pairs(a)))));
    all.add(fixed("make_shuffle_dyck2", List.of(), a -> sop(Library.makeShuffleDyck2())));
    all.add(fixed("shift_by", List.of("offset", "sop"), a -> sop(Library.shiftBy(a.integer(0), a.sop(1)))));
    all.add(fixed("detect_pattern", List.of("sop", "pattern"), a -> {
      List<Value> pattern = a.pattern(1);
      if (pattern.isEmpty()) {
        throw a.error("the pattern must have at least one element");
      }
      return sop(Library.detectPattern(a.sop(0), pattern));
    }));
    all.add(fixed("make_count_less_freq", List.of("n"), a -> sop(Library.makeCountLessFreq(a.integer(0)))));
    all.add(fixed("make_count", List.of("sop", "token"), a -> sop(Library.makeCount(a.sop(0), a.constant(1)))));
    all.add(new Builtin("make_nary_sequencemap", List.of("function", "sop"), 2, true, a -> {
      List<SOp> sops = new ArrayList<>();
      for (int i = 1; i < a.count(); i++) {
        sops.add(a.sop(i));
      }
      return sop(Library.makeNarySequenceMap(a.lambda(0, sops.size())::call, sops));
    }));

    Map<String, Builtin> byName = new LinkedHashMap<>();
    all.forEach(b -> byName.put(b.name(), b));
    return java.util.Collections.unmodifiableMap(byName);
  }

  private static Builtin fixed(String name, List<String> parameters, Body body) {
    return new Builtin(name, parameters, parameters.size(), false, body);
  }

  private static LangValue sop(SOp sop) {
    return new LangValue.SOpValue(sop);
  }

  private static LangValue selector(org.tracr4j.rasp.Selector selector) {
    return new LangValue.SelectorValue(selector);
  }

  private static Value number(Arguments a, int index) {
    a.number(index);
    return a.constant(index);
  }

  private static int positive(Arguments a, int index) {
    int value = a.integer(index);
    if (value <= 0) {
      throw a.error("`max_seq_len` must be positive, found " + value);
    }
    return value;
  }

  private static List<String> pairs(Arguments a) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < a.count(); i++) {
      String pair = a.string(i);
      if (pair.codePointCount(0, pair.length()) != 2 || pair.length() != 2) {
        throw a.error("a bracket pair is a string of two characters such as \"()\", found \"" + pair + "\"");
      }
      pairs.add(pair);
    }
    return pairs;
  }
}
