package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Value;

/**
 * Recovers one MLP layer as maps and sequence maps. The layer's neurons are split into functions: neurons
 * writing a common dimension belong together, and so do groups reading the same s-ops (one map's neurons
 * each write the one-hot of their own output value). Each function is then probed on its whole input
 * space: on every combination of its finite inputs (a table), or, for one numerical input, as the exact
 * piecewise-linear function of that number. Its output dimensions become s-ops: a dimension taking values
 * other than 0 and 1 is a numerical s-op of its own; 0/1 dimensions that never fire together are one
 * categorical s-op. When some dimension is not 0/1 (a numerical map, Tracr's inexact one-hots), the
 * neuron-connected groups are the s-ops.
 */
final class MlpRecovery {
  private static final int MAX_TABLE = 200_000;

  private final ModelConfig c;
  private final Weights.Layer layer;
  private final Residual residual;
  private final ProgramText text;
  private final String where;

  private final Weights weights;
  private final int layerIndex;

  MlpRecovery(ModelConfig c, Weights.Layer layer, int layerIndex, Residual residual, ProgramText text,
      Weights weights) {
    this.c = c;
    this.weights = weights;
    this.layerIndex = layerIndex;
    this.layer = layer;
    this.residual = residual;
    this.text = text;
    this.where = "blocks." + layerIndex + ".mlp";
  }

  List<Variable> recover() {
    int d = c.dModel();
    int m = c.dMlp();
    int[] parent = new int[m];
    List<List<Integer>> writes = new ArrayList<>();
    List<List<Integer>> reads = new ArrayList<>();
    Map<Integer, Integer> writerOfDim = new TreeMap<>();
    for (int n = 0; n < m; n++) {
      parent[n] = n;
      List<Integer> w = new ArrayList<>();
      List<Integer> r = new ArrayList<>();
      for (int i = 0; i < d; i++) {
        if (!Numbers.isZero(layer.wOut()[n * d + i])) {
          w.add(i);
        }
        if (!residual.isConstant(i) && !Numbers.isZero(layer.wIn()[i * m + n])) {
          r.add(i);
        }
      }
      writes.add(w);
      reads.add(r);
      for (int i : w) {
        Integer other = writerOfDim.putIfAbsent(i, n);
        if (other != null) {
          union(parent, other, n);
        }
      }
    }
    // Functions: neurons connected through written dimensions, then groups reading the same s-ops.
    Map<List<Variable>, List<Integer>> byInputs = new LinkedHashMap<>();
    Map<Integer, List<Integer>> components = new TreeMap<>();
    for (int n = 0; n < m; n++) {
      if (!writes.get(n).isEmpty()) {
        components.computeIfAbsent(find(parent, n), k -> new ArrayList<>()).add(n);
      }
    }
    for (List<Integer> neurons : components.values()) {
      TreeSet<Integer> dims = new TreeSet<>();
      neurons.forEach(n -> dims.addAll(reads.get(n)));
      List<Variable> inputs = residual.owners(dims, where);
      byInputs.computeIfAbsent(inputs, k -> new ArrayList<>()).addAll(neurons);
    }
    // Functions in the order of their inputs (each set of inputs is one function), not of their neurons.
    List<Map.Entry<List<Variable>, List<Integer>>> functions = new ArrayList<>(byInputs.entrySet());
    functions.sort((a, b) -> compareInputs(a.getKey(), b.getKey()));
    List<Variable> created = new ArrayList<>();
    for (Map.Entry<List<Variable>, List<Integer>> function : functions) {
      List<Integer> neurons = function.getValue();
      TreeSet<Integer> outputDims = new TreeSet<>();
      neurons.forEach(n -> outputDims.addAll(writes.get(n)));
      created.addAll(recoverFunction(function.getKey(), neurons.stream().sorted().toList(),
          new ArrayList<>(outputDims), writes));
    }
    return created;
  }

  private int compareInputs(List<Variable> a, List<Variable> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = Integer.compare(residual.indexOf(a.get(i)), residual.indexOf(b.get(i)));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private List<Variable> recoverFunction(List<Variable> inputs, List<Integer> neurons, List<Integer> dims,
      List<List<Integer>> writes) {
    boolean continuous = inputs.stream().anyMatch(Variable::isContinuous);
    if (continuous && inputs.size() == 1) {
      return numericalFunction(inputs.get(0), neurons, dims);
    }
    if (inputs.stream().filter(Variable::isContinuous).count() == 1) {
      return mixed(inputs, neurons, dims);
    }
    if (continuous) {
      return separable(inputs, neurons, dims);
    }
    long combinations = 1;
    for (Variable input : inputs) {
      combinations *= input.size();
      if (combinations > MAX_TABLE) {
        throw new UndecompilableModelException(where, "a function's input space is too large to probe");
      }
    }
    int rows = (int) combinations;
    List<int[]> choices = new ArrayList<>();
    List<double[]> outputs = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      int[] choice = new int[inputs.size()];
      int rest = r;
      for (int v = inputs.size() - 1; v >= 0; v--) {
        choice[v] = rest % inputs.get(v).size();
        rest /= inputs.get(v).size();
      }
      choices.add(choice);
      outputs.add(evaluate(residual.context(inputs, choice, null), neurons, dims));
    }
    // Rows where an input is none (an empty selection's zero vector) say nothing about which outputs
    // belong to one s-op: a map is not called on none.
    List<double[]> defined = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      boolean none = false;
      for (int v = 0; v < inputs.size(); v++) {
        none |= inputs.get(v).names().get(choices.get(r)[v]).isNone();
      }
      if (!none) {
        defined.add(outputs.get(r));
      }
    }
    List<List<Integer>> parts = split(dims, neurons, writes, outputs, defined);
    List<Variable> created = new ArrayList<>();
    for (List<Integer> part : parts) {
      created.add(tableVariable(inputs, choices, outputs, dims, part));
    }
    return created;
  }

  /** ReLU(x·W_in + b_in)·W_out + b_out over the given neurons, restricted to {@code dims}. */
  private double[] evaluate(double[] x, List<Integer> neurons, List<Integer> dims) {
    int d = c.dModel();
    int m = c.dMlp();
    double[] out = new double[dims.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = layer.bOut()[dims.get(i)];
    }
    for (int n : neurons) {
      double pre = layer.bIn()[n];
      for (int i = 0; i < d; i++) {
        if (x[i] != 0) {
          pre += x[i] * layer.wIn()[i * m + n];
        }
      }
      if (pre > 0) {
        for (int i = 0; i < out.length; i++) {
          out[i] += pre * layer.wOut()[n * d + dims.get(i)];
        }
      }
    }
    return out;
  }

  /**
   * Splits a function's output dimensions into s-ops (indices into {@code dims}): each dimension that is
   * zero on every input is dropped; each taking other values than 0/1 is alone; the 0/1 dimensions are
   * grouped as the neurons connect them, and the groups are partitioned into s-ops ({@link #cover}).
   */
  private List<List<Integer>> split(List<Integer> dims, List<Integer> neurons, List<List<Integer>> writes,
      List<double[]> outputs, List<double[]> defined) {
    List<List<Integer>> parts = new ArrayList<>();
    List<Integer> binary = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      boolean zero = true;
      boolean zeroOne = true;
      for (double[] out : outputs) {
        zero &= Math.abs(out[i]) <= Numbers.SAME;
        zeroOne &= Math.abs(out[i]) <= Numbers.SAME || Numbers.close(out[i], 1, Numbers.SAME);
      }
      if (zero) {
        continue;
      }
      if (!residual.isFree(dims.get(i))) {
        throw new UndecompilableModelException(where, "writes residual dimension " + dims.get(i)
            + ", already in use");
      }
      if (zeroOne) {
        binary.add(i);
      } else {
        parts.add(List.of(i));
      }
    }
    // Neuron-connected groups of live dimensions, ordered by the first input on which they fire.
    int[] group = new int[dims.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = i;
    }
    List<Integer> live = new ArrayList<>(binary);
    parts.forEach(live::addAll);
    for (int n : neurons) {
      int first = -1;
      for (int dim : writes.get(n)) {
        int i = dims.indexOf(dim);
        if (live.contains(i)) {
          if (first < 0) {
            first = i;
          } else {
            union(group, first, i);
          }
        }
      }
    }
    Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
    for (int i : live.stream().sorted().toList()) {
      byRoot.computeIfAbsent(find(group, i), k -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> ordered = new ArrayList<>(byRoot.values());
    // By the first input on which they fire, then by what they compute: not by their dimensions' order.
    ordered.sort(java.util.Comparator.<List<Integer>>comparingInt(x -> firstFiring(outputs, x))
        .thenComparing(x -> signature(outputs, x)));
    if (!parts.isEmpty()) {
      // Some dimension is not 0/1 (a numerical map, or Tracr's inexact one-hots): each group is one s-op.
      return ordered;
    }
    List<List<Integer>> result = new ArrayList<>();
    if (!cover(ordered, 0, new ArrayList<>(), result, defined, new int[] {0}, dims)) {
      result.clear();
      result.addAll(ordered); // no partition into categorical s-ops: each group is a 0/1 s-op
    }
    result.forEach(java.util.Collections::sort);
    return result;
  }

  /**
   * What a group of output dimensions computes, independent of their order: on each input, the rank of its
   * output vector among the distinct vectors in order of first appearance, and for a single dimension its
   * value.
   */
  private static String signature(List<double[]> outputs, List<Integer> dims) {
    StringBuilder out = new StringBuilder();
    List<double[]> seen = new ArrayList<>();
    for (double[] row : outputs) {
      double[] vector = new double[dims.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = row[dims.get(i)];
      }
      int rank = -1;
      for (int s = 0; s < seen.size() && rank < 0; s++) {
        if (Numbers.close(seen.get(s), vector, Numbers.SAME)) {
          rank = s;
        }
      }
      if (rank < 0) {
        seen.add(vector);
        rank = seen.size() - 1;
      }
      out.append(rank).append(dims.size() == 1 ? String.format(java.util.Locale.ROOT, ":%.6f", vector[0]) : "")
          .append(',');
    }
    return out.toString();
  }

  private static int firstFiring(List<double[]> outputs, List<Integer> dims) {
    int first = Integer.MAX_VALUE;
    for (int i : dims) {
      first = Math.min(first, firstFiring(outputs, i));
    }
    return first;
  }

  private static int firstFiring(List<double[]> outputs, int i) {
    for (int r = 0; r < outputs.size(); r++) {
      if (Math.abs(outputs.get(r)[i]) > Numbers.SAME) {
        return r;
      }
    }
    return outputs.size();
  }

  private static final int SEARCH_LIMIT = 100_000;

  /**
   * Partitions the groups into s-ops: groups in one s-op never fire together, and an s-op of several groups
   * fires exactly once on every input (a categorical s-op's one-hot); a group on its own may be a 0/1
   * numerical s-op. Depth-first, joining an existing s-op before opening a new one; false when no partition
   * is found within the search limit.
   */
  private boolean cover(List<List<Integer>> groups, int next, List<List<Integer>> parts,
      List<List<Integer>> result, List<double[]> defined, int[] steps, List<Integer> dims) {
    if (++steps[0] > SEARCH_LIMIT) {
      return false;
    }
    if (next == groups.size()) {
      for (List<Integer> part : parts) {
        if (part.size() > 1 && !complete(defined, part)) {
          return false;
        }
      }
      parts.forEach(part -> result.add(new ArrayList<>(part)));
      return true;
    }
    List<Integer> group = groups.get(next);
    int existing = parts.size();
    // Parts that a later head or the unembedding reads together with the group first: of two s-ops
    // computing the same function (whose groups could be paired either way), each keeps its own values.
    List<Integer> tries = new ArrayList<>();
    for (int i = 0; i < existing; i++) {
      if (readTogether(parts.get(i), group, dims)) {
        tries.add(i);
      }
    }
    for (int i = 0; i < existing; i++) {
      if (!tries.contains(i)) {
        tries.add(i);
      }
    }
    for (int i : tries) {
      List<Integer> part = parts.get(i);
      if (!coFire(defined, part, group)) {
        part.addAll(group);
        boolean found = cover(groups, next + 1, parts, result, defined, steps, dims);
        part.subList(part.size() - group.size(), part.size()).clear();
        if (found) {
          return true;
        }
      }
    }
    parts.add(new ArrayList<>(group));
    boolean found = cover(groups, next + 1, parts, result, defined, steps, dims);
    parts.remove(parts.size() - 1);
    return found;
  }

  /**
   * Whether some head of a later layer reads a dimension of {@code part} and one of {@code group} on the
   * same side (queries, keys or values), or the unembedding reads both.
   */
  private boolean readTogether(List<Integer> part, List<Integer> group, List<Integer> dims) {
    for (int l = layerIndex + 1; l < c.layers(); l++) {
      Weights.Layer later = weights.layers().get(l);
      for (int h = 0; h < c.heads(); h++) {
        for (double[] w : List.of(later.wQ(), later.wK(), later.wV())) {
          if (readsAny(w, h, part, dims) && readsAny(w, h, group, dims)) {
            return true;
          }
        }
      }
    }
    return unembeds(part, dims) && unembeds(group, dims);
  }

  private boolean readsAny(double[] w, int h, List<Integer> indices, List<Integer> dims) {
    for (int i : indices) {
      if (Blocks.readsRow(c, w, h, dims.get(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean unembeds(List<Integer> indices, List<Integer> dims) {
    for (int i : indices) {
      for (int j = 0; j < c.dVocabOut(); j++) {
        if (!Numbers.isZero(weights.wU()[dims.get(i) * c.dVocabOut() + j])) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean complete(List<double[]> outputs, List<Integer> dims) {
    for (double[] out : outputs) {
      if (dims.stream().noneMatch(i -> Math.abs(out[i]) > Numbers.SAME)) {
        return false;
      }
    }
    return true;
  }

  private static boolean coFire(List<double[]> outputs, List<Integer> a, List<Integer> b) {
    for (double[] out : outputs) {
      boolean inA = a.stream().anyMatch(i -> Math.abs(out[i]) > Numbers.SAME);
      boolean inB = b.stream().anyMatch(i -> Math.abs(out[i]) > Numbers.SAME);
      if (inA && inB) {
        return true;
      }
    }
    return false;
  }

  private Variable tableVariable(List<Variable> inputs, List<int[]> choices, List<double[]> outputs,
      List<Integer> dims, List<Integer> part) {
    int[] partDims = part.stream().mapToInt(dims::get).toArray();
    boolean scalar = part.size() == 1;
    Variable decoded = inputs.size() == 1 ? decodedWidth(inputs.get(0), outputs, part, partDims, scalar) : null;
    if (decoded != null) {
      return decoded;
    }
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    List<List<Value>> rows = new ArrayList<>();
    List<Value> results = new ArrayList<>();
    boolean identity = inputs.size() == 1;
    for (int r = 0; r < choices.size(); r++) {
      double[] vector = new double[part.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = outputs.get(r)[part.get(i)];
      }
      List<Value> row = new ArrayList<>();
      for (int v = 0; v < inputs.size(); v++) {
        row.add(inputs.get(v).names().get(choices.get(r)[v]));
      }
      int index = new Variable("", partDims, names, vectors, false).indexOf(vector, Numbers.SAME);
      if (index < 0) {
        // A map of one numeric s-op keeps its input's names (a re-encoding keeps the values); a map of strings
        // gets numbers, which an aggregate may average when it selects several equal ones, as in the source.
        Value name = scalar ? Numbers.value(vector[0])
            : inputs.size() == 1 && (row.get(0).isNumeric() || row.get(0).isNone()) ? row.get(0)
            : inputs.size() == 1 ? Value.of((long) names.size())
            : Numbers.isZero(vector) && onlyOnNone(inputs, choices, outputs, part) ? Value.NONE
            : Value.of((long) names.size());
        if (names.contains(name)) {
          name = scalar ? Value.of(vector[0]) : HeadRecovery.freshName(names);
        }
        names.add(name);
        vectors.add(vector);
        index = names.size() - 1;
      }
      rows.add(row);
      results.add(names.get(index));
      identity &= inputs.size() == 1 && names.get(index).equals(row.get(0)) && !row.get(0).isNone();
    }
    if (identity && inputs.size() == 1) {
      // The MLP re-encodes an s-op (a selector width's 1/(w+1) as w): same values, new directions.
      Variable input = inputs.get(0);
      if (scalar) {
        text.makeNumerical(input.name());
      }
      return new Variable(input.name(), partDims, names, vectors, scalar);
    }
    String call = inputs.isEmpty() ? "map(x -> " + Tables.literal(results.get(0)) + ", tokens)"
        : call(inputs, rows, results);
    String name = text.fresh();
    text.define(name, scalar ? "numerical(" + call + ")" : call);
    Variable result = new Variable(name, partDims, names, vectors, scalar);
    if (!inputs.isEmpty()) {
      residual.mapped(result, new Residual.Mapping(List.copyOf(inputs), List.copyOf(rows), List.copyOf(results)));
    }
    return result;
  }

  /**
   * The selector width itself when this MLP decodes a width that cannot take every value 0..N: its outputs
   * on the widths that can occur are distinct (for one dimension: the width as a number), whatever they
   * are on the others. Each width keeps its name and the vector the MLP gives it, so every reader, which
   * reads the width through these vectors, computes what the model does on every width. Null otherwise.
   */
  private Variable decodedWidth(Variable input, List<double[]> outputs, List<Integer> part, int[] partDims,
      boolean scalar) {
    int[] reachable = residual.reachableWidths(input);
    if (reachable == null || reachable[0] == 0 && reachable[1] == c.maxSeqLen()) {
      return null;
    }
    List<double[]> vectors = new ArrayList<>();
    for (int w = 0; w < input.size(); w++) {
      double[] vector = new double[part.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = outputs.get(w)[part.get(i)];
      }
      vectors.add(vector);
    }
    for (int w = reachable[0]; w <= reachable[1]; w++) {
      if (scalar && !Numbers.close(vectors.get(w)[0], w, Numbers.SAME)) {
        return null;
      }
      for (int other = reachable[0]; other < w; other++) {
        if (Numbers.close(vectors.get(w), vectors.get(other), Numbers.SAME)) {
          return null;
        }
      }
    }
    if (scalar) {
      text.makeNumerical(input.name());
    }
    return new Variable(input.name(), partDims, input.names(), vectors, scalar);
  }

  /** A map, sequence map or n-ary sequence map of {@code inputs} giving {@code results} on {@code rows}. */
  static String call(List<Variable> inputs, List<List<Value>> rows, List<Value> results) {
    List<String> parameters = inputs.size() == 1 ? List.of("x") : inputs.size() == 2 ? List.of("x", "y")
        : java.util.stream.IntStream.range(0, inputs.size()).mapToObj(i -> "x" + i).toList();
    String lambda = Tables.lambda(parameters, rows, results);
    String arguments = String.join(", ", inputs.stream().map(Variable::name).toList());
    return inputs.size() == 1 ? "map(" + lambda + ", " + arguments + ")"
        : inputs.size() == 2 ? "sequence_map(" + lambda + ", " + arguments + ")"
        : "make_nary_sequencemap(" + lambda + ", " + arguments + ")";
  }

  /** Whether the zero vector of {@code part} appears only on rows where some input is none. */
  private static boolean onlyOnNone(List<Variable> inputs, List<int[]> choices, List<double[]> outputs,
      List<Integer> part) {
    for (int r = 0; r < choices.size(); r++) {
      double[] out = outputs.get(r);
      boolean zero = part.stream().allMatch(i -> Math.abs(out[i]) <= Numbers.SAME);
      boolean none = false;
      for (int v = 0; v < inputs.size(); v++) {
        none |= inputs.get(v).names().get(choices.get(r)[v]).isNone();
      }
      if (zero && !none) {
        return false;
      }
    }
    return true;
  }

  private List<Variable> numericalFunction(Variable input, List<Integer> neurons, List<Integer> dims) {
    Piecewise f = piecewise(input.dims()[0], neurons, dims, true);
    List<Integer> live = new ArrayList<>();
    for (int o = 0; o < dims.size(); o++) {
      if (!f.isZero(o)) {
        if (!residual.isFree(dims.get(o))) {
          throw new UndecompilableModelException(where, "writes residual dimension " + dims.get(o)
              + ", already in use");
        }
        live.add(o);
      }
    }
    if (live.isEmpty()) {
      return List.of();
    }
    String name = text.fresh();
    if (live.size() == 1) {
      text.define(name, "numerical(map(" + f.lambda(live.get(0)) + ", " + input.name() + "))");
      return List.of(Variable.continuous(name, dims.get(live.get(0))));
    }
    return List.of(steps(name, input, f, live, dims));
  }

  /**
   * A numerical function of several numbers in which every neuron reads one of them (a linear sequence
   * map): the sum of one piecewise-linear function per input, {@code (x, y) -> f(x) + g(y)}.
   */
  private List<Variable> separable(List<Variable> inputs, List<Integer> neurons, List<Integer> dims) {
    int d = c.dModel();
    int m = c.dMlp();
    if (inputs.size() > 2 || inputs.stream().anyMatch(v -> v.dims().length != 1)) {
      throw new UndecompilableModelException(where, "a function reads a numerical s-op together with "
          + (inputs.size() - 1) + " other s-ops");
    }
    List<Integer> live = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    List<String> parameters = List.of("x", "y");
    for (int v = 0; v < inputs.size(); v++) {
      int dim = inputs.get(v).dims()[0];
      List<Integer> own = new ArrayList<>();
      for (int n : neurons) {
        boolean readsThis = !Numbers.isZero(layer.wIn()[dim * m + n]);
        boolean readsOther = !Numbers.isZero(layer.wIn()[inputs.get(1 - v).dims()[0] * m + n]);
        if (readsThis && readsOther) {
          throw new UndecompilableModelException(where, "a neuron reads two numerical s-ops at once");
        }
        if (readsThis) {
          own.add(n);
        }
      }
      Piecewise f = piecewise(dim, own, dims, v == 0);
      for (int o = 0; o < dims.size(); o++) {
        if (!f.isZero(o) && !live.contains(o)) {
          live.add(o);
        }
      }
      if (live.size() != 1) {
        throw new UndecompilableModelException(where, "a function of two numbers writes "
            + live.size() + " dimensions");
      }
      String body = f.body(live.get(0), parameters.get(v));
      terms.add(body.contains(" if ") ? "(" + body + ")" : body);
    }
    String name = text.fresh();
    String linear = linear(terms, inputs);
    text.define(name, linear != null ? linear : "numerical(sequence_map((x, y) -> " + String.join(" + ", terms)
        + ", " + inputs.get(0).name() + ", " + inputs.get(1).name() + "))");
    return List.of(Variable.continuous(name, dims.get(live.get(0))));
  }

  /** {@code linear_sequence_map(a, b, ca, cb)} when the two terms are {@code ca * x} and {@code cb * y}. */
  private static String linear(List<String> terms, List<Variable> inputs) {
    String[] coefficients = new String[2];
    String[] parameters = {"x", "y"};
    for (int v = 0; v < 2; v++) {
      String term = terms.get(v);
      if (term.equals(parameters[v])) {
        coefficients[v] = "1";
      } else if (term.endsWith(" * " + parameters[v]) && !term.contains(" if ") && !term.contains(" + ")) {
        coefficients[v] = term.substring(0, term.length() - 4);
      } else if (term.equals("0")) {
        coefficients[v] = "0";
      } else {
        return null;
      }
    }
    return "numerical(linear_sequence_map(" + inputs.get(0).name() + ", " + inputs.get(1).name() + ", "
        + coefficients[0] + ", " + coefficients[1] + "))";
  }

  /** The piecewise function of the number in {@code dim} the given neurons compute (plus b_out if asked). */
  private Piecewise piecewise(int dim, List<Integer> neurons, List<Integer> dims, boolean withOutputBias) {
    double[] context = new double[c.dModel()];
    if (residual.one >= 0) {
      context[residual.one] = 1;
    }
    return piecewise(dim, neurons, dims, withOutputBias, context);
  }

  /** As {@link #piecewise(int, List, List, boolean)}, the other dimensions of the residual fixed to {@code context}. */
  private Piecewise piecewise(int dim, List<Integer> neurons, List<Integer> dims, boolean withOutputBias,
      double[] context) {
    int d = c.dModel();
    int m = c.dMlp();
    double[] a = new double[neurons.size()];
    double[] bias = new double[neurons.size()];
    double[][] out = new double[neurons.size()][dims.size()];
    for (int k = 0; k < neurons.size(); k++) {
      int n = neurons.get(k);
      a[k] = layer.wIn()[dim * m + n];
      bias[k] = layer.bIn()[n];
      for (int i = 0; i < d; i++) {
        if (i != dim && context[i] != 0) {
          bias[k] += context[i] * layer.wIn()[i * m + n];
        }
      }
      for (int o = 0; o < dims.size(); o++) {
        out[k][o] = layer.wOut()[n * d + dims.get(o)];
      }
    }
    double[] outBias = new double[dims.size()];
    for (int o = 0; o < dims.size() && withOutputBias; o++) {
      outBias[o] = layer.bOut()[dims.get(o)];
    }
    return Piecewise.of(a, bias, out, outBias);
  }

  /**
   * A function of one number x and finite s-ops (a sequence map of a numerical mean and a categorical
   * s-op): for each combination of the finite values, the piecewise-linear function of x with that
   * combination fixed, chosen by a condition on the finite parameters.
   */
  private List<Variable> mixed(List<Variable> inputs, List<Integer> neurons, List<Integer> dims) {
    int numberAt = -1;
    List<Variable> finite = new ArrayList<>();
    for (int v = 0; v < inputs.size(); v++) {
      if (inputs.get(v).isContinuous()) {
        numberAt = v;
      } else {
        finite.add(inputs.get(v));
      }
    }
    List<String> parameters = inputs.size() == 2 ? List.of("x", "y")
        : java.util.stream.IntStream.range(0, inputs.size()).mapToObj(i -> "x" + i).toList();
    String number = parameters.get(numberAt);
    List<String> finiteParameters = new ArrayList<>(parameters);
    finiteParameters.remove(numberAt);
    long combinations = 1;
    for (Variable v : finite) {
      combinations *= v.size();
    }
    if (combinations > MAX_TABLE) {
      throw new UndecompilableModelException(where, "a function's input space is too large to probe");
    }
    List<Piecewise> pieces = new ArrayList<>();
    List<List<Value>> rows = new ArrayList<>();
    for (int r = 0; r < combinations; r++) {
      int[] choice = new int[finite.size()];
      int rest = r;
      for (int v = finite.size() - 1; v >= 0; v--) {
        choice[v] = rest % finite.get(v).size();
        rest /= finite.get(v).size();
      }
      List<Value> row = new ArrayList<>();
      for (int v = 0; v < finite.size(); v++) {
        row.add(finite.get(v).names().get(choice[v]));
      }
      if (row.stream().anyMatch(Value::isNone)) {
        continue;
      }
      rows.add(row);
      pieces.add(piecewise(inputs.get(numberAt).dims()[0], neurons, dims, true,
          residual.context(finite, choice, null)));
    }
    List<Integer> live = new ArrayList<>();
    for (int o = 0; o < dims.size(); o++) {
      final int output = o;
      if (pieces.stream().anyMatch(f -> !f.isZero(output))) {
        if (!residual.isFree(dims.get(o))) {
          throw new UndecompilableModelException(where, "writes residual dimension " + dims.get(o)
              + ", already in use");
        }
        live.add(o);
      }
    }
    if (live.isEmpty()) {
      return List.of();
    }
    List<String> bodies = new ArrayList<>();
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (Piecewise f : pieces) {
      bodies.add(live.size() == 1 ? f.body(live.get(0), number) : chain(f, live, names, vectors, number));
    }
    StringBuilder body = new StringBuilder();
    java.util.LinkedHashMap<String, List<List<Value>>> byBody = new java.util.LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      byBody.computeIfAbsent(bodies.get(r), k -> new ArrayList<>()).add(rows.get(r));
    }
    List<String> distinct = new ArrayList<>(byBody.keySet());
    for (int i = 0; i < distinct.size() - 1; i++) {
      List<String> alternatives = new ArrayList<>();
      for (List<Value> row : byBody.get(distinct.get(i))) {
        List<String> terms = new ArrayList<>();
        for (int p = 0; p < row.size(); p++) {
          terms.add(finiteParameters.get(p) + " == " + Tables.literal(row.get(p)));
        }
        alternatives.add(String.join(" and ", terms));
      }
      body.append("(").append(distinct.get(i)).append(") if ").append(String.join(" or ", alternatives))
          .append(" else ");
    }
    body.append(distinct.isEmpty() ? "0" : distinct.get(distinct.size() - 1));
    String lambda = (parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")")
        + " -> " + body;
    String arguments = String.join(", ", inputs.stream().map(Variable::name).toList());
    String call = (inputs.size() == 2 ? "sequence_map(" : "make_nary_sequencemap(") + lambda + ", " + arguments
        + ")";
    String name = text.fresh();
    int[] partDims = live.stream().mapToInt(dims::get).toArray();
    if (live.size() == 1) {
      text.define(name, "numerical(" + call + ")");
      return List.of(Variable.continuous(name, partDims[0]));
    }
    text.define(name, call);
    return List.of(new Variable(name, partDims, names, vectors, false));
  }

  /**
   * The categorical value of a numerical → categorical function of {@code x}: its flat stretches, named in
   * {@code names}/{@code vectors} (shared across calls), switching in the middle of each ramp.
   */
  private String chain(Piecewise f, List<Integer> live, List<Value> names, List<double[]> vectors, String x) {
    List<Value> pieces = new ArrayList<>();
    List<Double> bounds = new ArrayList<>();
    double lastFlatEnd = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < f.intervals(); i++) {
      if (!f.isFlat(i)) {
        continue;
      }
      double[] vector = new double[live.size()];
      for (int k = 0; k < vector.length; k++) {
        vector[k] = f.intercepts()[i][live.get(k)];
      }
      int index = new Variable("", null, names, vectors, false).indexOf(vector, Numbers.SAME);
      if (index < 0) {
        names.add(Value.of((long) names.size()));
        vectors.add(vector);
        index = names.size() - 1;
      }
      double start = i == 0 ? Double.NEGATIVE_INFINITY : f.breakpoints()[i - 1];
      if (!pieces.isEmpty() && !pieces.get(pieces.size() - 1).equals(names.get(index))) {
        bounds.add((lastFlatEnd + start) / 2);
      }
      if (pieces.isEmpty() || !pieces.get(pieces.size() - 1).equals(names.get(index))) {
        pieces.add(names.get(index));
      }
      lastFlatEnd = i == f.intervals() - 1 ? Double.POSITIVE_INFINITY : f.breakpoints()[i];
    }
    if (pieces.isEmpty()) {
      throw new UndecompilableModelException(where, "a numerical → categorical function is nowhere constant");
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pieces.size() - 1; i++) {
      body.append(Tables.literal(pieces.get(i))).append(" if ").append(x).append(" < ")
          .append(Tables.literal(Value.of(bounds.get(i)))).append(" else ");
    }
    return body.append(Tables.literal(pieces.get(pieces.size() - 1))).toString();
  }

  /**
   * A numerical → categorical MLP: between its ramps the output is a constant vector; each flat stretch is a
   * value, and the program switches value in the middle of each ramp.
   */
  private Variable steps(String name, Variable input, Piecewise f, List<Integer> live, List<Integer> dims) {
    List<Value> names = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    text.define(name, "map(x -> " + chain(f, live, names, vectors, "x") + ", " + input.name() + ")");
    int[] partDims = live.stream().mapToInt(dims::get).toArray();
    return new Variable(name, partDims, names, vectors, false);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
