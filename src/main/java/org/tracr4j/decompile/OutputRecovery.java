package org.tracr4j.decompile;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.Weights;
import org.tracr4j.rasp.Value;

/**
 * Reads the output off W_U: the s-op whose dimensions it projects, and what each of that s-op's values
 * decodes to (categorical: the value of the largest column, none below 0.5; numerical: the single column).
 * When the decoded values are not the s-op's own names, a last map renames them.
 */
final class OutputRecovery {
  private OutputRecovery() {}

  static String recover(Model model, Weights weights, Residual residual, ProgramText text) {
    ModelConfig c = model.config();
    int out = c.dVocabOut();
    List<Integer> read = new ArrayList<>();
    for (int i = 0; i < c.dModel(); i++) {
      for (int j = 0; j < out; j++) {
        if (!Numbers.isZero(weights.wU()[i * out + j])) {
          read.add(i);
          break;
        }
      }
    }
    List<Variable> variables = residual.owners(read, "unembed.W_U");
    boolean categorical = model.output().encoding() == OutputEncoding.CATEGORICAL;
    if (variables.isEmpty()) {
      // The output dimensions are never written: the model outputs the same at every position.
      double[] logits = weights.bU().clone();
      Value value = categorical ? Value.ofJava(model.decode(logits)) : Numbers.value(logits[0]);
      String name = text.fresh();
      String map = "map(x -> " + Tables.literal(value) + ", tokens)";
      text.define(name, categorical ? map : "numerical(" + map + ")");
      return name;
    }
    Variable output = Join.of(variables, text, "unembed.W_U");
    if (output.isContinuous() && categorical) {
      return categoricalOfNumber(model, weights, residual, output, text);
    }
    if (output.isContinuous()) {
      double zero = Blocks.dot(row(model, residual, output, 0, 0.0), column(model.config(), weights, 0));
      double slope = Blocks.dot(row(model, residual, output, 0, 1.0), column(model.config(), weights, 0)) - zero;
      String body = Piecewise.affine(slope, zero + weights.bU()[0]);
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
        logits[j] = Blocks.dot(x, column(model.config(), weights, j)) + weights.bU()[j];
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
    String map = "map(" + Tables.lambda(List.of("x"), rows, decoded) + ", " + output.name() + ")";
    Residual.Mapping mapping = residual.mapping(output);
    if (mapping != null) {
      // The output is a table whose values the decompiler named: decode them in that table, not in a second.
      List<Value> composed = new ArrayList<>();
      for (Value result : mapping.results()) {
        composed.add(decoded.get(output.names().indexOf(result)));
      }
      map = MlpRecovery.call(mapping.inputs(), mapping.rows(), composed);
    }
    String name = text.fresh();
    text.define(name, categorical ? map : "numerical(" + map + ")");
    return name;
  }

  /**
   * A categorical output read off one number x (a one-valued s-op the MLPs carried as a number): every column
   * is affine in x, so the decoded value changes only where two columns cross or one crosses 0.5.
   */
  private static String categoricalOfNumber(Model model, Weights weights, Residual residual, Variable output,
      ProgramText text) {
    int out = model.config().dVocabOut();
    double[] slope = new double[out];
    double[] intercept = new double[out];
    for (int j = 0; j < out; j++) {
      intercept[j] = Blocks.dot(row(model, residual, output, 0, 0.0), column(model.config(), weights, j)) + weights.bU()[j];
      slope[j] = Blocks.dot(row(model, residual, output, 0, 1.0), column(model.config(), weights, j)) + weights.bU()[j]
          - intercept[j];
    }
    java.util.TreeSet<Double> points = new java.util.TreeSet<>();
    for (int i = 0; i < out; i++) {
      if (!Numbers.isZero(slope[i])) {
        points.add((Model.CATEGORICAL_THRESHOLD - intercept[i]) / slope[i] + 0.0);
      }
      for (int j = i + 1; j < out; j++) {
        if (!Numbers.isZero(slope[i] - slope[j])) {
          points.add((intercept[j] - intercept[i]) / (slope[i] - slope[j]) + 0.0);
        }
      }
    }
    List<Double> bounds = new ArrayList<>(points);
    List<Value> pieces = new ArrayList<>();
    List<Double> switches = new ArrayList<>();
    for (int k = 0; k <= bounds.size(); k++) {
      double x = bounds.isEmpty() ? 0 : k == 0 ? bounds.get(0) - 1 : k == bounds.size() ? bounds.get(k - 1) + 1
          : (bounds.get(k - 1) + bounds.get(k)) / 2;
      double[] logits = new double[out];
      for (int j = 0; j < out; j++) {
        logits[j] = slope[j] * x + intercept[j];
      }
      Value value = Value.ofJava(model.decode(logits));
      if (pieces.isEmpty() || !pieces.get(pieces.size() - 1).equals(value)) {
        if (!pieces.isEmpty()) {
          switches.add(bounds.get(k - 1));
        }
        pieces.add(value);
      }
    }
    StringBuilder body = new StringBuilder("x -> ");
    for (int i = 0; i < pieces.size() - 1; i++) {
      body.append(Tables.literal(pieces.get(i))).append(" if x < ").append(Tables.literal(Value.of(switches.get(i))))
          .append(" else ");
    }
    body.append(Tables.literal(pieces.get(pieces.size() - 1)));
    String name = text.fresh();
    text.define(name, "map(" + body + ", " + output.name() + ")");
    return name;
  }

  private static double[] row(Model model, Residual residual, Variable v, int choice, double number) {
    return residual.context(List.of(v), new int[] {choice}, new double[] {number});
  }

  private static double[] column(ModelConfig c, Weights weights, int j) {
    double[] column = new double[c.dModel()];
    for (int i = 0; i < c.dModel(); i++) {
      column[i] = weights.wU()[i * c.dVocabOut() + j];
    }
    return column;
  }
}
