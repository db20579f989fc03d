package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.rasp.Value;

/**
 * A head that reads several s-ops on its query or key side is how the compiler builds {@code a and b} and
 * {@code a or b} of two selects (one head over the combined values). Its selection, probed on every
 * combination of the s-ops' values, is read back as two selects joined by {@code and} or {@code or} when it
 * factors so exactly: each select compares one key s-op with one query s-op, and its predicate is the
 * largest (for {@code or}: smallest) one the selection allows. Where none fits the head is read as a select
 * on the combination ({@link Join}).
 */
final class Selections {
  /** Largest number of (query, key) combinations probed. */
  private static final int MAX_PAIRS = 250_000;

  private Selections() {}

  /** The select expression ({@code select(...) and select(...)}), or null when the selection does not factor. */
  static String factor(HeadRecovery head, List<Variable> queries, List<Variable> keys, boolean width) {
    if (queries.isEmpty() || keys.isEmpty() || queries.size() > 2 || keys.size() > 2
        || queries.size() + keys.size() < 3) {
      return null;
    }
    List<Variable> all = new ArrayList<>(queries);
    all.addAll(keys);
    for (Variable v : all) {
      if (v.isContinuous() || v.names().stream().anyMatch(Value::isNone)) {
        return null;
      }
    }
    List<int[]> queryChoices = combinations(queries);
    List<int[]> keyChoices = combinations(keys);
    if ((long) queryChoices.size() * keyChoices.size() > MAX_PAIRS) {
      return null;
    }
    boolean[][] selected;
    try {
      selected = head.select(queries, queryChoices, keys, keyChoices, width);
    } catch (UndecompilableModelException notSharp) {
      return null; // some combination's scores are not a select's: the combined reading decides
    }
    for (int[][] pairs : assignments(keys.size(), queries.size())) {
      for (boolean conjunction : new boolean[] {true, false}) {
        boolean[][][] factors = new boolean[2][][];
        for (int i = 0; i < 2; i++) {
          Variable key = keys.get(pairs[i][0]);
          Variable query = queries.get(pairs[i][1]);
          factors[i] = new boolean[query.size()][key.size()];
          if (!conjunction) {
            for (boolean[] row : factors[i]) {
              java.util.Arrays.fill(row, true);
            }
          }
        }
        for (int q = 0; q < queryChoices.size(); q++) {
          for (int k = 0; k < keyChoices.size(); k++) {
            for (int i = 0; i < 2; i++) {
              int kv = keyChoices.get(k)[pairs[i][0]];
              int qv = queryChoices.get(q)[pairs[i][1]];
              if (conjunction) {
                factors[i][qv][kv] |= selected[q][k];
              } else {
                factors[i][qv][kv] &= selected[q][k];
              }
            }
          }
        }
        if (reproduces(selected, factors, pairs, queryChoices, keyChoices, conjunction)) {
          List<String> selects = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            Variable key = keys.get(pairs[i][0]);
            Variable query = queries.get(pairs[i][1]);
            selects.add("select(" + key.name() + ", " + query.name() + ", "
                + Tables.predicate(key.names(), query.names(), factors[i]) + ")");
          }
          return String.join(conjunction ? " and " : " or ", selects);
        }
      }
    }
    return null;
  }

  private static boolean reproduces(boolean[][] selected, boolean[][][] factors, int[][] pairs,
      List<int[]> queryChoices, List<int[]> keyChoices, boolean conjunction) {
    for (int q = 0; q < queryChoices.size(); q++) {
      for (int k = 0; k < keyChoices.size(); k++) {
        boolean a = factors[0][queryChoices.get(q)[pairs[0][1]]][keyChoices.get(k)[pairs[0][0]]];
        boolean b = factors[1][queryChoices.get(q)[pairs[1][1]]][keyChoices.get(k)[pairs[1][0]]];
        if ((conjunction ? a && b : a || b) != selected[q][k]) {
          return false;
        }
      }
    }
    return true;
  }

  /** The ways to pair key s-ops with query s-ops into two selects that use every one: {key, query} twice. */
  private static List<int[][]> assignments(int keys, int queries) {
    if (keys == 2 && queries == 2) {
      return List.of(new int[][] {{0, 0}, {1, 1}}, new int[][] {{0, 1}, {1, 0}});
    }
    if (keys == 2) {
      return List.<int[][]>of(new int[][] {{0, 0}, {1, 0}});
    }
    return List.<int[][]>of(new int[][] {{0, 0}, {0, 1}});
  }

  /** Every combination of the variables' values, the last varying fastest. */
  private static List<int[]> combinations(List<Variable> variables) {
    List<int[]> out = new ArrayList<>();
    int total = 1;
    for (Variable v : variables) {
      total *= v.size();
    }
    for (int r = 0; r < total; r++) {
      int[] choice = new int[variables.size()];
      int rest = r;
      for (int v = variables.size() - 1; v >= 0; v--) {
        choice[v] = rest % variables.get(v).size();
        rest /= variables.get(v).size();
      }
      out.add(choice);
    }
    return out;
  }
}
