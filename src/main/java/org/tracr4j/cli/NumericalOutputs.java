package org.tracr4j.cli;

import java.util.Arrays;
import java.util.Collection;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;

/**
 * Decodes a numerical model output to the nearest value the output can take (its inferred value set) when it
 * is within {@link Tolerance#MODEL_OUTPUT}: a model's {@code 7.4e-44} is the {@code 0} the interpreter
 * gives, printed alike. An output farther from every value is left as it is (and will show as a
 * disagreement wherever it is compared).
 */
final class NumericalOutputs {
  private final double[] values;

  NumericalOutputs(Collection<Value> valueSet) {
    this.values = valueSet.stream().filter(Value::isNumeric).mapToDouble(Value::asDouble).sorted().toArray();
  }

  /** From a model's recorded output value set ({@code OutputSpace.valueSet}). */
  static NumericalOutputs of(java.util.List<Double> valueSet) {
    return new NumericalOutputs(valueSet.stream().map(Value::of).toList());
  }

  Value decode(double raw) {
    int at = Arrays.binarySearch(values, raw);
    if (at >= 0) {
      return Value.of(values[at]);
    }
    int above = -at - 1;
    double best = Double.NaN;
    for (int i = Math.max(0, above - 1); i <= Math.min(values.length - 1, above); i++) {
      if (Double.isNaN(best) || Math.abs(values[i] - raw) < Math.abs(best - raw)) {
        best = values[i];
      }
    }
    return !Double.isNaN(best) && Tolerance.MODEL_OUTPUT.close(best, raw) ? Value.of(best) : Value.of(raw);
  }
}
