package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.TupleValue;
import org.tracr4j.craft.VectorSpace;

/**
 * The first layer shared by the discretising MLPs (tracr-reference.md §4.3 steps 1–4), and the points it
 * kept. See {@link NumericalMlp} for the formulas.
 *
 * @param <T> the type of the function's results (a number, or an output direction)
 */
final class DiscretisingLayer<T> {
  /** How many steps' tuple values {@link #step} shares. */
  private static final int SHARED_STEPS = 1024;
  private static volatile TupleValue[] stepValues = new TupleValue[0];

  final double[] points;
  final List<T> outputs;
  final VectorSpace hidden;
  final Linear first;
  /** Position in {@link #hidden} of the start neuron, then of each step neuron (k, 0), (k, 1) for k = 1… */
  private final int[] neuronPositions;

  private DiscretisingLayer(double[] points, List<T> outputs, VectorSpace hidden, Linear first,
      int[] neuronPositions) {
    this.points = points;
    this.outputs = outputs;
    this.hidden = hidden;
    this.first = first;
    this.neuronPositions = neuronPositions;
  }

  /** The position of {@link #start} in {@link #hidden}. */
  int startPosition() {
    return neuronPositions[0];
  }

  /** The position of {@link #step step(prefix, k, half)} in {@link #hidden}. */
  int stepPosition(int k, int half) {
    return neuronPositions[2 * k - 1 + half];
  }

  /** The hidden neuron of step {@code k} (1-based), half {@code half} (0 or 1). */
  static BasisDirection step(String prefix, int k, int half) {
    return new BasisDirection(prefix, stepValue(k, half));
  }

  /**
   * The tuple {@code (k, half)}: for {@code k < }{@value #SHARED_STEPS} one shared instance (tuples are
   * immutable), so that a layer of n steps does not build 2n lists of boxed numbers.
   */
  private static TupleValue stepValue(int k, int half) {
    int at = 2 * k + half;
    TupleValue[] known = stepValues;
    if (at < known.length) {
      return known[at];
    }
    if (k >= SHARED_STEPS) {
      return TupleValue.of(k, half);
    }
    // Grown by whichever thread needs more; racing threads publish equal tables, either one will do.
    TupleValue[] grown = Arrays.copyOf(known, Math.min(2 * SHARED_STEPS, Math.max(2 * at + 2, 128)));
    for (int i = known.length; i < grown.length; i++) {
      grown[i] = TupleValue.of(i / 2, i % 2);
    }
    stepValues = grown;
    return grown[at];
  }

  static BasisDirection start(String prefix) {
    return new BasisDirection(prefix + "start");
  }

  /**
   * Evaluates {@code f} on the sorted distinct inputs, drops points where it returns {@code null}, throws
   * {@link ArithmeticException} or gives a non-finite number, and builds the first layer, silenced at BOS
   * or not as {@code atBos} says.
   */
  static <T> DiscretisingLayer<T> build(BasisDirection input, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<T> f, double largeNumber, String prefix) {
    return build(List.of(input), new double[] {1}, 0, one, atBos, inputValues, f, largeNumber, prefix, false);
  }

  /**
   * Like the above; with {@code onlyChangingSteps}, a step between two points with equal outputs gets no
   * neurons ({@link #stepPosition} is -1): the MLP is the one that pruning its silent neurons would leave,
   * the other neurons' weights included, built without them.
   */
  static <T> DiscretisingLayer<T> build(BasisDirection input, BasisDirection one, AtBos atBos,
      double[] inputValues, DoubleFunction<T> f, double largeNumber, String prefix, boolean onlyChangingSteps) {
    return build(List.of(input), new double[] {1}, 0, one, atBos, inputValues, f, largeNumber, prefix,
        onlyChangingSteps);
  }

  static <T> DiscretisingLayer<T> build(List<BasisDirection> inputDirections, double[] coefficients,
      double bosBound, BasisDirection one, AtBos atBos, double[] inputValues, DoubleFunction<T> f,
      double largeNumber, String prefix) {
    return build(inputDirections, coefficients, bosBound, one, atBos, inputValues, f, largeNumber, prefix, false);
  }

  /**
   * Like {@link #build(BasisDirection, BasisDirection, AtBos, double[], DoubleFunction, double, String)}, on
   * the linear combination {@code x = Σ coefficients[i]·inputs[i]} of residual directions instead of one
   * direction. {@code bosBound} bounds {@code |x|} at BOS (0 when nothing is written there), so that the
   * silencing row keeps every neuron at 0 at BOS whatever the inputs hold there.
   */
  private static <T> DiscretisingLayer<T> build(List<BasisDirection> inputDirections, double[] coefficients,
      double bosBound, BasisDirection one, AtBos atBos, double[] inputValues, DoubleFunction<T> f,
      double largeNumber, String prefix, boolean onlyChangingSteps) {
    for (BasisDirection input : inputDirections) {
      boolean clash = switch (atBos) {
        case AtBos.Written written -> input.equals(one);
        case AtBos.Silenced silenced ->
            input.equals(one) || input.equals(silenced.bos()) || one.equals(silenced.bos());
      };
      if (clash) {
        throw new IllegalArgumentException(
            "Input " + input + ", one " + one + " and " + atBos + " must be different directions");
      }
    }
    double[] sorted = sortedDistinct(inputValues);
    double[] kept = new double[sorted.length];
    List<T> outputs = new ArrayList<>();
    for (double value : sorted) {
      T result = evaluate(f, value);
      if (result != null) {
        kept[outputs.size()] = value;
        outputs.add(result);
      }
    }
    int n = outputs.size();
    double[] points = Arrays.copyOf(kept, n);

    // The steps in (k, half) order, then the start neuron, whose name extends the steps' name: that is the
    // basis order already (a name sorts before its extensions), so the space keeps the list as it is and
    // each neuron's position is where it was added, with no sorting or hashing of the tuple values.
    List<BasisDirection> neurons = new ArrayList<>(2 * n);
    int[] positions = new int[Math.max(1, 2 * n - 1)];
    Arrays.fill(positions, -1);
    for (int k = 1; k < n; k++) {
      if (!onlyChangingSteps || !Objects.equals(outputs.get(k), outputs.get(k - 1))) {
        positions[2 * k - 1] = neurons.size();
        neurons.add(step(prefix, k, 0));
        positions[2 * k] = neurons.size();
        neurons.add(step(prefix, k, 1));
      }
    }
    positions[0] = neurons.size();
    neurons.add(start(prefix));
    // (k, half) tuples of Integers, k then half ascending, order lexicographically by those numbers.
    VectorSpace hidden = VectorSpace.ofIncreasing(neurons);
    List<BasisDirection> read = new ArrayList<>(inputDirections);
    read.add(one);
    if (atBos instanceof AtBos.Silenced silenced) {
      read.add(silenced.bos());
    }
    VectorSpace inputs = VectorSpace.of(read);
    int[] inputRows = new int[inputDirections.size()];
    for (int i = 0; i < inputRows.length; i++) {
      inputRows[i] = inputs.indexOf(inputDirections.get(i));
    }
    int columns = hidden.dims();
    int oneRow = inputs.indexOf(one) * columns;
    // Every neuron reads x and one: W1 is dense, so it is filled in place. Each entry is added to +0.0 as a
    // builder would, so the weights are the same to the bit (a −0.0 weight included).
    double[] first = new double[inputs.dims() * columns];
    first[oneRow + positions[0]] += 1;
    double largestBias = 1;
    for (int k = 1; k < n; k++) {
      double breakpoint = (points[k - 1] + points[k]) / 2;
      // h(k,0) = ReLU(L(x − t_k) + 1) and h(k,1) = ReLU(L(x − t_k)): their difference steps from 0 at
      // x = t_k − 1/L to 1 at x = t_k.
      int low = positions[2 * k - 1];
      int high = positions[2 * k];
      largestBias = Math.max(largestBias, 1 - largeNumber * breakpoint);
      if (low < 0) {
        continue;
      }
      for (int i = 0; i < inputRows.length; i++) {
        first[inputRows[i] * columns + low] += largeNumber * coefficients[i];
        first[inputRows[i] * columns + high] += largeNumber * coefficients[i];
      }
      first[oneRow + low] += 1 - largeNumber * breakpoint;
      first[oneRow + high] += -largeNumber * breakpoint;
    }
    if (atBos instanceof AtBos.Silenced silenced) {
      // At BOS x = 0, one = 1 and bos = 1, so a neuron's pre-activation is its bias from one minus β; with
      // β = 1 + (largest bias) every neuron stays at 0 even if x leaks up to 1/L into BOS; L·bosBound more
      // covers inputs that may hold anything up to bosBound there.
      double silence = 1 + largestBias + largeNumber * bosBound;
      int bosRow = inputs.indexOf(silenced.bos()) * columns;
      for (int position : positions) {
        if (position >= 0) {
          first[bosRow + position] += -silence;
        }
      }
    }
    return new DiscretisingLayer<>(points, List.copyOf(outputs), hidden, new Linear(inputs, hidden, first),
        positions);
  }

  /** The values sorted and without repeats ({@link Double#compare} order); value sets come sorted already. */
  private static double[] sortedDistinct(double[] values) {
    for (int i = 1; i < values.length; i++) {
      if (Double.compare(values[i - 1], values[i]) >= 0) {
        return Arrays.stream(values).sorted().distinct().toArray();
      }
    }
    return values.clone();
  }

  private static <T> T evaluate(DoubleFunction<T> f, double value) {
    T result;
    try {
      result = f.apply(value);
    } catch (ArithmeticException undefined) {
      return null;
    }
    if (result instanceof Double number && !Double.isFinite(number)) {
      return null;
    }
    return result;
  }
}
