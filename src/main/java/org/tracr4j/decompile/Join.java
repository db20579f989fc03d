package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.rasp.Value;

/**
 * Several finite s-ops read together by one block that reads a single s-op in RASP (one side of a select,
 * an aggregate's values, the output): a sequence map pairing them into one s-op whose value names the
 * combination. It occupies no dimensions of its own; its vectors span the dimensions of its parts.
 */
final class Join {
  private static final int MAX_COMBINATIONS = 10_000;

  private Join() {}

  static Variable of(List<Variable> parts, ProgramText text, String where) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    long combinations = 1;
    for (Variable part : parts) {
      if (part.isContinuous()) {
        throw new UndecompilableModelException(where, "reads the numerical s-op " + part.name()
            + " together with other s-ops");
      }
      combinations *= part.size();
      if (combinations > MAX_COMBINATIONS) {
        throw new UndecompilableModelException(where, "reads too many combinations of s-ops");
      }
    }
    int width = parts.stream().mapToInt(p -> p.dims().length).sum();
    int[] dims = new int[width];
    int at = 0;
    for (Variable part : parts) {
      System.arraycopy(part.dims(), 0, dims, at, part.dims().length);
      at += part.dims().length;
    }
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    List<List<Value>> rows = new ArrayList<>();
    List<Value> results = new ArrayList<>();
    boolean noneSeen = false;
    for (int r = 0; r < combinations; r++) {
      int rest = r;
      int[] choice = new int[parts.size()];
      for (int v = parts.size() - 1; v >= 0; v--) {
        choice[v] = rest % parts.get(v).size();
        rest /= parts.get(v).size();
      }
      List<Value> row = new ArrayList<>();
      double[] vector = new double[width];
      at = 0;
      for (int v = 0; v < parts.size(); v++) {
        Variable part = parts.get(v);
        row.add(part.names().get(choice[v]));
        double[] own = part.vectors().get(choice[v]);
        System.arraycopy(own, 0, vector, at, own.length);
        at += own.length;
      }
      if (row.stream().anyMatch(Value::isNone)) {
        // A sequence map is not called on none: every such combination is none (the first one stands).
        if (!noneSeen) {
          names.add(Value.NONE);
          vectors.add(vector);
          noneSeen = true;
        }
        continue;
      }
      Value name = Value.of((long) names.size());
      names.add(name);
      vectors.add(vector);
      rows.add(row);
      results.add(name);
    }
    List<String> parameters = new ArrayList<>();
    for (int v = 0; v < parts.size(); v++) {
      parameters.add(parts.size() == 2 ? (v == 0 ? "x" : "y") : "x" + v);
    }
    String arguments = String.join(", ", parts.stream().map(Variable::name).toList());
    String name = text.fresh();
    text.define(name, (parts.size() == 2 ? "sequence_map(" : "make_nary_sequencemap(")
        + Tables.lambda(parameters, rows, results) + ", " + arguments + ")");
    return new Variable(name, dims, names, vectors, false);
  }
}
