package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.tracr4j.UndecompilableModelException;

/**
 * The residual stream as recovered so far: which variable owns each dimension, and the two dimensions that
 * are not variables, {@code one} (1 at every position) and {@code bos} (1 only at BOS). Blocks are analysed at
 * a non-BOS position, where {@code one = 1} and {@code bos = 0}.
 */
final class Residual {
  final int dModel;
  final int one;
  final int bos;
  private final Variable[] owner;
  private final int[] slot;
  private final List<Variable> variables = new ArrayList<>();
  private final java.util.Map<Variable, int[]> widths = new java.util.IdentityHashMap<>();

  Residual(int dModel, int one, int bos) {
    this.dModel = dModel;
    this.one = one;
    this.bos = bos;
    this.owner = new Variable[dModel];
    this.slot = new int[dModel];
  }

  void add(Variable variable, String where) {
    for (int i = 0; i < variable.dims().length; i++) {
      int dim = variable.dims()[i];
      if (owner[dim] != null || dim == one || dim == bos) {
        throw new UndecompilableModelException(where, "writes residual dimension " + dim
            + ", which already holds " + (owner[dim] != null ? owner[dim].name() : "a constant"));
      }
      owner[dim] = variable;
      slot[dim] = i;
    }
    variables.add(variable);
  }

  /**
   * How a map or sequence map (an MLP's table) computes {@code result} from its input s-ops.
   *
   * @param rows each combination of the inputs' values
   * @param results the result's value name on each row
   */
  record Mapping(List<Variable> inputs, List<List<org.tracr4j.rasp.Value>> rows,
      List<org.tracr4j.rasp.Value> results) {}

  private final java.util.Map<Variable, Mapping> mappings = new java.util.IdentityHashMap<>();

  void mapped(Variable result, Mapping mapping) {
    mappings.put(result, mapping);
  }

  /** The table that computes {@code variable}; null when it is not one. */
  Mapping mapping(Variable variable) {
    return mappings.get(variable);
  }

  /** Records that {@code width}, a selector width's head output, only takes the values min..max. */
  void reachableWidths(Variable width, int min, int max) {
    widths.put(width, new int[] {min, max});
  }

  /** The widths {min, max} a selector width's head output can take; null for other variables. */
  int[] reachableWidths(Variable variable) {
    return widths.get(variable);
  }

  /** The position of {@code variable} in the order of recovery. */
  int indexOf(Variable variable) {
    return variables.indexOf(variable);
  }

  /** The i-th variable recovered (0: tokens, 1: indices). */
  Variable variable(int i) {
    return variables.get(i);
  }

  boolean isFree(int dim) {
    return owner[dim] == null && dim != one && dim != bos;
  }

  /** Whether {@code dim} is {@code one} or {@code bos} (not a variable's). */
  boolean isConstant(int dim) {
    return dim == one || dim == bos;
  }

  /**
   * The variables owning {@code dims} (dimensions nobody has written are 0 and skipped), in the order they were recovered (which does not depend on how the
   * residual is permuted).
   */
  List<Variable> owners(Collection<Integer> dims, String where) {
    TreeSet<Integer> order = new TreeSet<>();
    for (int dim : dims) {
      if (isConstant(dim)) {
        continue;
      }
      if (owner[dim] == null) {
        // Nothing wrote it yet, so it is 0 at every position: Tracr's value sets list tuple values a
        // sequence map never produces, and their directions are read but never written.
        continue;
      }
      order.add(variables.indexOf(owner[dim]));
    }
    List<Variable> result = new ArrayList<>();
    for (int index : order) {
      result.add(variables.get(index));
    }
    return result;
  }

  /** A non-BOS residual vector: {@code one} set and each variable at the given value (continuous: the number). */
  double[] context(List<Variable> readVariables, int[] choice, double[] numbers) {
    double[] x = new double[dModel];
    if (one >= 0) {
      x[one] = 1;
    }
    for (int v = 0; v < readVariables.size(); v++) {
      Variable variable = readVariables.get(v);
      if (variable.isContinuous()) {
        x[variable.dims()[0]] = numbers == null ? 0 : numbers[v];
      } else {
        double[] vector = variable.vectors().get(choice[v]);
        for (int i = 0; i < vector.length; i++) {
          x[variable.dims()[i]] = vector[i];
        }
      }
    }
    return x;
  }
}
