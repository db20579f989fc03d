package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Value;

/**
 * Recovers one attention head as a select and an aggregate, or as a selector width.
 *
 * <p><b>Select</b>: the query and key variables are those whose dimensions W_Q and W_K read (apart from
 * {@code one} and {@code bos}). For every query value q and key value k the score {@code s(q, k)} is
 * computed from the weights, and so is the score {@code b(q)} of the BOS key. A compiled head gives
 * selected keys one score and the others a score at least {@code c/2} lower, with BOS in between
 * (aggregate: {@code b = s_selected − c/2}) or level with the selected keys (selector width); so a key is
 * selected iff {@code s(q, k) ≥ b(q) − m/2}, where m is the largest {@code |s − b|} of the head.
 *
 * <p><b>Aggregate</b>: W_V·W_O applied to each value of the value variable gives what a selected key
 * contributes; the BOS key's contribution is the default. One written dimension: a numerical mean; several:
 * a categorical aggregate, each value mapping to a one-hot. <b>Selector width</b>: W_V reads only
 * {@code bos}; the head writes {@code a/(w+1)} for a query selecting w keys, recorded as a variable whose
 * value w is the selector width.
 */
final class HeadRecovery {
  private final ModelConfig c;
  private final Weights.Layer layer;
  private final int head;
  private final Residual residual;
  private final ProgramText text;
  private final double[] bosResidual;
  private final String where;
  private final Variable tokens;

  /** The residual dimensions something reads; writes to the others are ignored. */
  private final boolean[] read;
  private final boolean splitMeans;
  private final boolean oneValuedNone;

  /**
   * @param read the residual dimensions something reads (writes to the others, such as an aggregate's key
   *     channel that only the input check reads, are ignored)
   * @param reading how to read what the weights do not decide ({@link Decompiler.Reading})
   */
  HeadRecovery(ModelConfig c, Weights.Layer layer, int layerIndex, int head, Residual residual,
      ProgramText text, double[] bosResidual, Variable tokens, boolean[] read, Decompiler.Reading reading) {
    this.read = read;
    this.splitMeans = reading.splitMeans();
    this.oneValuedNone = reading.oneValuedNone();
    this.c = c;
    this.layer = layer;
    this.head = head;
    this.residual = residual;
    this.text = text;
    this.bosResidual = bosResidual;
    this.where = "blocks." + layerIndex + ".attn head " + head;
    this.tokens = tokens;
  }

  /** The dimensions of the aggregate being recovered (all the head writes, or one group of a shared head). */
  private List<Integer> written;

  /**
   * The variables the head writes: none, one, or one per aggregate when several aggregates share the head
   * (their value s-ops reach disjoint output dimensions through W_V·W_O).
   */
  List<Variable> recoverAll() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < c.dModel(); i++) {
      if (Blocks.writesColumn(c, layer.wO(), head, i) && read[i]) {
        all.add(i);
      }
    }
    List<Variable> values = residual.owners(reads(layer.wV()), where + " values");
    List<List<Integer>> groups = values.size() > 1 ? groups(values, all) : List.of();
    List<Variable> recovered = new ArrayList<>();
    if (groups.size() > 1) {
      for (List<Integer> group : groups) {
        recovered.addAll(recover(group));
      }
      return recovered;
    }
    return recover(all);
  }

  /**
   * The written dimensions split by the value s-ops that reach them (s-ops reaching a common dimension are
   * one group); one group when some written dimension is reached by no value s-op.
   */
  private List<List<Integer>> groups(List<Variable> values, List<Integer> all) {
    List<java.util.TreeSet<Integer>> reach = new ArrayList<>();
    for (Variable value : values) {
      java.util.TreeSet<Integer> dims = new java.util.TreeSet<>();
      for (int d : value.dims()) {
        for (int k = 0; k < c.dHead(); k++) {
          if (Numbers.isZero(layer.wV()[org.tracr4j.model.Weights.qkvIndex(c, head, d, k)])) {
            continue;
          }
          for (int r : all) {
            if (!Numbers.isZero(layer.wO()[org.tracr4j.model.Weights.outputIndex(c, head, k, r)])) {
              dims.add(r);
            }
          }
        }
      }
      reach.add(dims);
    }
    List<java.util.TreeSet<Integer>> merged = new ArrayList<>();
    // Each group's value s-ops by name: groups are ordered by them, not by residual dimension, so that a
    // permuted residual recovers the aggregates of a shared head in the same order.
    java.util.Map<java.util.TreeSet<Integer>, java.util.TreeSet<String>> names = new java.util.IdentityHashMap<>();
    for (int v = 0; v < reach.size(); v++) {
      java.util.TreeSet<Integer> group = new java.util.TreeSet<>(reach.get(v));
      java.util.TreeSet<String> groupNames = new java.util.TreeSet<>(List.of(values.get(v).name()));
      for (java.util.Iterator<java.util.TreeSet<Integer>> it = merged.iterator(); it.hasNext();) {
        java.util.TreeSet<Integer> other = it.next();
        if (!java.util.Collections.disjoint(other, group)) {
          group.addAll(other);
          groupNames.addAll(names.get(other));
          it.remove();
        }
      }
      merged.add(group);
      names.put(group, groupNames);
    }
    int covered = merged.stream().mapToInt(java.util.Set::size).sum();
    if (covered != all.size() || merged.stream().anyMatch(java.util.Set::isEmpty)) {
      return List.of(all);
    }
    merged.sort(java.util.Comparator.comparing(group -> String.join(",", names.get(group))));
    return merged.stream().map(g -> (List<Integer>) new ArrayList<>(g)).toList();
  }

  /** The variables written into {@code dims} (none when it writes nothing). */
  private List<Variable> recover(List<Integer> dimsWritten) {
    written = dimsWritten;
    double[] bosOut = restrict(Blocks.ov(c, layer, bosResidual, head), written);
    List<Variable> values = residual.owners(valueReads(written), where + " values");
    if (written.isEmpty() || (values.isEmpty() && Numbers.isZero(bosOut))) {
      return List.of();
    }
    for (int dim : written) {
      if (!residual.isFree(dim)) {
        throw new UndecompilableModelException(where, "writes residual dimension " + dim + ", already in use");
      }
    }
    List<Variable> queries = residual.owners(reads(layer.wQ()), where + " queries");
    List<Variable> keys = residual.owners(reads(layer.wK()), where + " keys");
    boolean width = values.isEmpty();
    int[] dims = written.stream().mapToInt(Integer::intValue).toArray();
    // A head reading several s-ops on a side is a compiled "and"/"or" of selects: read it back as one
    // when the selection factors so, else as a select on their combination.
    String factored = Selections.factor(this, queries, keys, width);
    if (factored != null) {
      return width ? List.of(selectorWidth(factored, null, null, null, dims, bosOut))
          : aggregate(factored, values, dims, bosOut, null);
    }
    Variable query = side(queries, "queries");
    Variable key = side(keys, "keys");
    boolean[][] selected = select(query, key, width);
    String select = "select(" + key.name() + ", " + query.name() + ", "
        + Tables.predicate(key.names(), query.names(), selected) + ")";
    if (width) {
      return List.of(selectorWidth(select, selected, query, key, dims, bosOut));
    }
    return aggregate(select, values, dims, bosOut, selected);
  }

  /** {@code selected} is the select's table where it was read as one (null for a factored and/or). */
  private List<Variable> aggregate(String select, List<Variable> values, int[] dims, double[] bosOut,
      boolean[][] selected) {
    Variable value = Join.of(values, text, where + " values");
    if (splitMeans && selected != null && dims.length > 1 && !value.isContinuous() && selectsSeveral(selected)) {
      // Several numerical means sharing one head (their pattern is the same) look like one categorical
      // aggregate whose selection averages; read each written dimension as its own mean.
      // In the order of what each dimension computes (its value per key value, then at BOS), not of the
      // residual, so that a permuted model prints the same program.
      List<Integer> order = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int j = 0; j < dims.length; j++) {
        StringBuilder key = new StringBuilder();
        for (int v = 0; v < value.size(); v++) {
          key.append(String.format(java.util.Locale.ROOT, "%.6f", contribution(value, v, 0)[j])).append(' ');
        }
        keys.add(key.append(String.format(java.util.Locale.ROOT, "%.6f", bosOut[j])).toString());
        order.add(j);
      }
      order.sort(java.util.Comparator.comparing(keys::get));
      List<Variable> means = new ArrayList<>();
      for (int j : order) {
        means.add(numericalMean(select, value, j, dims[j], bosOut[j]));
      }
      return means;
    }
    return List.of(dims.length == 1 && !singleValued(value) ? numericalMean(select, value, 0, dims[0], bosOut[0])
        : categorical(select, value, dims, bosOut));
  }

  /** Whether some query value selects more than one key value. */
  private static boolean selectsSeveral(boolean[][] selected) {
    for (boolean[] row : selected) {
      int count = 0;
      for (boolean s : row) {
        count += s ? 1 : 0;
      }
      if (count > 1) {
        return true;
      }
    }
    return false;
  }

  /** The dimensions W_V reads whose contribution reaches a dimension in {@code written}. */
  private List<Integer> valueReads(List<Integer> written) {
    double[] zero = Blocks.ov(c, layer, new double[c.dModel()], head);
    List<Integer> dims = new ArrayList<>();
    for (int i : reads(layer.wV())) {
      double[] unit = new double[c.dModel()];
      unit[i] = 1;
      double[] out = Blocks.ov(c, layer, unit, head);
      for (int w : written) {
        if (!Numbers.isZero(out[w] - zero[w])) {
          dims.add(i);
          break;
        }
      }
    }
    return dims;
  }

  private List<Integer> reads(double[] w) {
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < c.dModel(); i++) {
      if (!residual.isConstant(i) && Blocks.readsRow(c, w, head, i)) {
        dims.add(i);
      }
    }
    return dims;
  }

  /** The one variable a side reads; tokens when it reads none (the scores do not depend on that side). */
  private Variable side(List<Variable> read, String what) {
    Variable variable = read.isEmpty() ? tokens : Join.of(read, text, where + " " + what);
    if (variable.isContinuous()) {
      throw new UndecompilableModelException(where, "its " + what + " read the numerical s-op "
          + variable.name() + "; a select compares categorical values");
    }
    return variable;
  }

  private boolean[][] select(Variable query, Variable key, boolean width) {
    List<int[]> queryChoices = new ArrayList<>();
    for (int q = 0; q < query.size(); q++) {
      queryChoices.add(new int[] {q});
    }
    List<int[]> keyChoices = new ArrayList<>();
    for (int k = 0; k < key.size(); k++) {
      keyChoices.add(new int[] {k});
    }
    return select(List.of(query), queryChoices, List.of(key), keyChoices, width);
  }

  /**
   * Which keys each query selects: for each combination of values of the query s-ops (one choice per
   * s-op) and of the key s-ops, whether the head selects the key.
   */
  boolean[][] select(List<Variable> queries, List<int[]> queryChoices, List<Variable> keys,
      List<int[]> keyChoices, boolean width) {
    int nq = queryChoices.size();
    int nk = keyChoices.size();
    double[][] score = new double[nq][nk];
    double[] bosScore = new double[nq];
    double[] bosKey = Blocks.project(c, bosResidual, layer.wK(), layer.bK(), head);
    double[][] keyVectors = new double[nk][];
    for (int k = 0; k < nk; k++) {
      keyVectors[k] = Blocks.project(c, residual.context(keys, keyChoices.get(k), null), layer.wK(), layer.bK(),
          head);
    }
    double range = 0;
    for (int q = 0; q < nq; q++) {
      double[] queryVector = Blocks.project(c, residual.context(queries, queryChoices.get(q), null),
          layer.wQ(), layer.bQ(), head);
      bosScore[q] = Blocks.dot(queryVector, bosKey);
      for (int k = 0; k < nk; k++) {
        score[q][k] = Blocks.dot(queryVector, keyVectors[k]);
        range = Math.max(range, Math.abs(score[q][k] - bosScore[q]));
      }
    }
    // Relative to BOS, a compiled head scores selected keys +c/2 (aggregate; a conjunction of n selects
    // too, BOS at (n − ½)c) or 0 (selector width), other keys at most −c/2: selected iff not below BOS,
    // up to rounding, which is measured against the scores' size.
    double scale = range;
    for (double b : bosScore) {
      scale = Math.max(scale, Math.abs(b));
    }
    double tolerance = Math.max(scale, 1e-9) * 1e-5;
    double highest = Double.NEGATIVE_INFINITY;
    for (int q = 0; q < nq; q++) {
      for (int k = 0; k < nk; k++) {
        highest = Math.max(highest, score[q][k] - bosScore[q]);
      }
    }
    boolean[][] selected = new boolean[nq][nk];
    for (int q = 0; q < nq; q++) {
      double chosen = Double.NaN;
      for (int k = 0; k < nk; k++) {
        double relative = score[q][k] - bosScore[q];
        selected[q][k] = relative >= -tolerance;
        boolean sharp = selected[q][k]
            ? (width ? Math.abs(relative) <= tolerance : relative >= highest * 0.99 && highest > tolerance)
            : relative <= -Math.max(highest, range / 4) * 0.99 + tolerance;
        if (!sharp || selected[q][k] && !Double.isNaN(chosen) && Math.abs(score[q][k] - chosen) > tolerance) {
          throw new UndecompilableModelException(where, "its scores are not those of a select (query "
              + describe(queries, queryChoices.get(q)) + ", key " + describe(keys, keyChoices.get(k)) + ")");
        }
        if (selected[q][k]) {
          chosen = score[q][k];
        }
      }
    }
    return selected;
  }

  private static String describe(List<Variable> variables, int[] choice) {
    List<String> parts = new ArrayList<>();
    for (int v = 0; v < variables.size(); v++) {
      parts.add(variables.get(v).name() + " = " + variables.get(v).names().get(choice[v]));
    }
    return String.join(", ", parts);
  }

  /** Where the head is, for messages. */
  String where() {
    return where;
  }

  /**
   * A selector width, whose values 0..N are recorded as the vectors the head writes, {@code 1/(w+1)} scaled,
   * with the widths it can reach: from 1 when the select compares an s-op with itself and selects every
   * query's own position (or selects everything: {@code length}), up to N − 1 when it never does. The MLP
   * decoding the width may leave out the others (the compiler's narrowed decoder), so that its output is
   * the width only where the width can be.
   */
  private Variable selectorWidth(String select, boolean[][] selected, Variable query, Variable key, int[] dims,
      double[] bosOut) {
    boolean everything = selected != null;
    for (boolean[] row : selected == null ? new boolean[0][] : selected) {
      for (boolean s : row) {
        everything &= s;
      }
    }
    boolean ownAlways = everything;
    boolean ownNever = false;
    if (selected != null && query == key) {
      ownAlways = true;
      ownNever = true;
      for (int v = 0; v < query.size(); v++) {
        ownAlways &= selected[v][v];
        ownNever &= !selected[v][v];
      }
    }
    String name = text.fresh();
    text.define(name, everything ? "length" : "selector_width(" + select + ")");
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (int w = 0; w <= c.maxSeqLen(); w++) {
      names.add(Value.of((long) w));
      double[] v = new double[dims.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = bosOut[i] / (w + 1);
      }
      vectors.add(v);
    }
    Variable width = new Variable(name, dims, names, vectors, false);
    residual.reachableWidths(width, ownAlways ? 1 : 0, ownNever ? c.maxSeqLen() - 1 : c.maxSeqLen());
    return width;
  }

  /** The mean written into {@code dim}, entry {@code j} of the dimensions being recovered. */
  private Variable numericalMean(String select, Variable value, int j, int dim, double bosOut) {
    String valueExpression;
    if (value.isContinuous()) {
      double[] zero = contribution(value, 0, 0.0);
      double slope = contribution(value, 0, 1.0)[j] - zero[j];
      valueExpression = Piecewise.affineMap(value.name(), slope, zero[j]);
    } else {
      List<List<Value>> inputs = new ArrayList<>();
      List<Value> outputs = new ArrayList<>();
      boolean identity = true;
      for (int v = 0; v < value.size(); v++) {
        Value out = Numbers.value(contribution(value, v, 0)[j]);
        inputs.add(List.of(value.names().get(v)));
        outputs.add(out);
        identity &= value.names().get(v).isNumeric() && value.names().get(v).equals(out);
      }
      if (identity) {
        valueExpression = text.makeNumerical(value.name()) ? value.name() : "numerical(" + value.name() + ")";
      } else {
        String mapped = text.fresh();
        text.define(mapped, "numerical(map(" + Tables.lambda(List.of("x"), inputs, outputs) + ", " + value.name() + "))");
        valueExpression = mapped;
      }
    }
    String name = text.fresh();
    text.define(name, "numerical(aggregate(" + select + ", " + valueExpression + ", "
        + Tables.literal(Numbers.value(bosOut)) + "))");
    return Variable.continuous(name, dim);
  }

  private Variable categorical(String select, Variable value, int[] dims, double[] bosOut) {
    if (value.isContinuous()) {
      throw new UndecompilableModelException(where, "writes several dimensions from the numerical s-op "
          + value.name());
    }
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    List<List<Value>> inputs = new ArrayList<>();
    List<Value> outputs = new ArrayList<>();
    boolean identity = true;
    for (int v = 0; v < value.size(); v++) {
      double[] out = contribution(value, v, 0);
      if (Numbers.oneHot(out) < 0 && !Numbers.isZero(out)) {
        throw new UndecompilableModelException(where, "maps value " + value.names().get(v)
            + " to a vector that is not one-hot");
      }
      Variable sofar = new Variable("", dims, names, vectors, false);
      int index = sofar.indexOf(out, Numbers.SAME);
      if (index < 0) {
        names.add(dims.length == 1 ? Numbers.value(out[0]) : value.names().get(v));
        vectors.add(out);
        index = names.size() - 1;
      }
      inputs.add(List.of(value.names().get(v)));
      outputs.add(names.get(index));
      identity &= names.get(index).equals(value.names().get(v));
    }
    Variable sofar = new Variable("", dims, names, vectors, false);
    int defaultIndex = sofar.indexOf(bosOut, Numbers.SAME);
    Value defaultName;
    if (defaultIndex >= 0) {
      defaultName = names.get(defaultIndex);
    } else {
      // One dimension (a one-valued s-op): values are named by their number, so the empty selection is 0.
      defaultName = dims.length == 1 && !(oneValuedNone && Numbers.isZero(bosOut)) ? Numbers.value(bosOut[0])
          : Numbers.isZero(bosOut) ? Value.NONE : freshName(names);
      names.add(defaultName);
      vectors.add(bosOut);
    }
    String valueExpression = value.name();
    if (!identity) {
      valueExpression = text.fresh();
      text.define(valueExpression, "map(" + Tables.lambda(List.of("x"), inputs, outputs) + ", " + value.name() + ")");
    }
    String name = text.fresh();
    String aggregate = "aggregate(" + select + ", " + valueExpression
        + (defaultName.isNone() ? "" : ", " + Tables.literal(defaultName)) + ")";
    boolean number = dims.length == 1 && !defaultName.isNone();
    text.define(name, number ? "numerical(" + aggregate + ")" : aggregate);
    return new Variable(name, dims, names, vectors, number);
  }

  /**
   * Whether every value of a finite value s-op writes 1 into the head's single output dimension: then the
   * head is a categorical aggregate of a one-valued s-op (its mean is 1 whenever a key is selected), not a
   * numerical mean.
   */
  private boolean singleValued(Variable value) {
    if (value.isContinuous()) {
      return false;
    }
    for (int v = 0; v < value.size(); v++) {
      if (!value.names().get(v).isNone() && !Numbers.close(contribution(value, v, 0)[0], 1, Numbers.SAME)) {
        return false;
      }
    }
    return true;
  }

  /** What one key holding value {@code v} (or the number x) writes into the dimensions being recovered. */
  private double[] contribution(Variable value, int v, double x) {
    double[] residualVector = residual.context(List.of(value), new int[] {v}, new double[] {x});
    return restrict(Blocks.ov(c, layer, residualVector, head), written);
  }

  private static double[] restrict(double[] vector, List<Integer> dims) {
    double[] out = new double[dims.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector[dims.get(i)];
    }
    return out;
  }

  static Value freshName(List<Value> names) {
    long candidate = -1;
    while (names.contains(Value.of(candidate))) {
      candidate--;
    }
    return Value.of(candidate);
  }
}
