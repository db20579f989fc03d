package org.tracr4j.decompile;

import java.util.HashMap;
import java.util.Map;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;

/**
 * The graph of operations of a program up to names, functions and constants, as a hash: kinds and how
 * they connect ({@code aggregate(select(indices, map(tokens)), tokens)}). Sequence maps hash their two
 * operands in either order, and {@code length} is the selector width it is defined as.
 */
final class Structure {
  private final Map<Long, Long> memo = new HashMap<>();

  static long of(SOp program) {
    return new Structure().hash(program);
  }

  private long hash(RaspExpr expr) {
    Long known = memo.get(expr.id());
    if (known != null) {
      return known;
    }
    long h = switch (expr) {
      case Tokens t -> 1;
      case Indices i -> 2;
      case Length l -> combine(7, combine(5, combine(1, 1)));
      case Full f -> 3;
      case org.tracr4j.rasp.ElementwiseMap m -> combine(4, hash(m.inner()));
      case SequenceMap s -> combine(6, hash(s.first()) + hash(s.second()));
      case LinearSequenceMap s -> combine(6, hash(s.first()) + hash(s.second()));
      case Aggregate a -> combine(a.isNumerical() ? 8 : 9, combine(hash(a.selector()), hash(a.sop())));
      case SelectorWidth w -> combine(7, hash(w.selector()));
      case Select s -> combine(5, combine(hash(s.keys()), hash(s.queries())));
      case SelectorAnd s -> combine(10, hash(s.first()) + hash(s.second()));
      case SelectorOr s -> combine(11, hash(s.first()) + hash(s.second()));
      case SelectorNot s -> combine(12, hash(s.inner()));
    };
    memo.put(expr.id(), h);
    return h;
  }

  private static long combine(long a, long b) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    return h ^ (h >>> 29);
  }
}
