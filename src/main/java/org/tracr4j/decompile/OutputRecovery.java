package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.rasp.Value;

/**
 * Reads the output off W_U: the s-op whose dimensions it projects, and what each of that s-op's values
 * decodes to (categorical: the value of the largest column, none below 0.5; numerical: the single column).
 * When the decoded values are not the s-op's own names, a last map renames them.
 */
final class OutputRecovery {
  private OutputRecovery() {}

  static String recover(Model model, Residual residual, ProgramText text) {
    ModelConfig c = model.config();
    int out = c.dVocabOut();
    List<Integer> read = new ArrayList<>();
    for (int i = 0; i < c.dModel(); i++) {
      for (int j = 0; j < out; j++) {
        if (!Numbers.isZero(model.weights().wU()[i * out + j])) {
          read.add(i);
          break;
        }
      }
    }
    List<Variable> variables = residual.owners(read, "unembed.W_U");
    if (variables.isEmpty()) {
      throw new UndecompilableModelException("unembed.W_U", "projects no s-op");
    }
    Variable output = Join.of(variables, text, "unembed.W_U");
    boolean categorical = model.output().encoding() == OutputEncoding.CATEGORICAL;
    if (output.isContinuous()) {
      if (categorical) {
        throw new UndecompilableModelException("unembed.W_U", "decodes the numerical s-op " + output.name()
            + " categorically");
      }
      double zero = Blocks.dot(row(model, residual, output, 0, 0.0), column(model, 0));
      double slope = Blocks.dot(row(model, residual, output, 0, 1.0), column(model, 0)) - zero;
      String body = Piecewise.affine(slope, zero + model.weights().bU()[0]);
      if (body.equals("x")) {
        return output.name();
      }
      String name = text.fresh();
      text.define(name, "numerical(map(x -> " + body + ", " + output.name() + "))");
      return name;
    }
    List<List<Value>> rows = new ArrayList<>();
    List<Value> decoded = new ArrayList<>();
    boolean identity = true;
    for (int v = 0; v < output.size(); v++) {
      double[] x = row(model, residual, output, v, 0);
      double[] logits = new double[out];
      for (int j = 0; j < out; j++) {
        logits[j] = Blocks.dot(x, column(model, j)) + model.weights().bU()[j];
      }
      Value value = Value.ofJava(model.decode(logits));
      if (!categorical) {
        value = Numbers.value(logits[0]);
      }
      rows.add(List.of(output.names().get(v)));
      decoded.add(value);
      Value name = output.names().get(v);
      identity &= name.equals(value) && (name.isNone() || name.getClass() == value.getClass()
          || name.isNumber() && value.isNumber());
    }
    if (identity) {
      if (!categorical) {
        text.makeNumerical(output.name());
      }
      return output.name();
    }
    String name = text.fresh();
    String map = "map(" + Tables.lambda(List.of("x"), rows, decoded) + ", " + output.name() + ")";
    text.define(name, categorical ? map : "numerical(" + map + ")");
    return name;
  }

  private static double[] row(Model model, Residual residual, Variable v, int choice, double number) {
    return residual.context(List.of(v), new int[] {choice}, new double[] {number});
  }

  private static double[] column(Model model, int j) {
    ModelConfig c = model.config();
    double[] column = new double[c.dModel()];
    for (int i = 0; i < c.dModel(); i++) {
      column[i] = model.weights().wU()[i * c.dVocabOut() + j];
    }
    return column;
  }
}
