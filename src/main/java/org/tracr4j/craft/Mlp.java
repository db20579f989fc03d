package org.tracr4j.craft;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLP block {@code x ↦ ReLU(x·W1)·W2} (tracr-reference.md §3.6). No biases: constructions use the
 * {@code one} direction instead.
 *
 * @param first W1, from the input space to the hidden space
 * @param second W2, from the hidden space to the output space
 */
public record Mlp(Linear first, Linear second) implements Block {

  public Mlp {
    if (!first.output().equals(second.input())) {
      throw new IllegalArgumentException("MLP hidden spaces differ: first layer writes " + first.output()
          + " but second layer reads " + second.input());
    }
  }

  /**
   * Runs MLPs side by side as one MLP: inputs, hidden neurons and outputs are the sorted unions, and
   * coinciding hidden or output directions add up (as in Tracr; give each MLP its own hidden names).
   */
  public static Mlp combineInParallel(List<Mlp> mlps) {
    List<Linear> firsts = new ArrayList<>(mlps.size());
    List<Linear> seconds = new ArrayList<>(mlps.size());
    List<VectorSpace> inputs = new ArrayList<>(mlps.size());
    List<VectorSpace> hidden = new ArrayList<>(mlps.size());
    List<VectorSpace> outputs = new ArrayList<>(mlps.size());
    for (int m = 0; m < mlps.size(); m++) { // indexed: no iterator per combination
      Mlp mlp = mlps.get(m);
      firsts.add(mlp.first);
      seconds.add(mlp.second);
      inputs.add(mlp.readSpace());
      hidden.add(mlp.hiddenSpace());
      outputs.add(mlp.writeSpace());
    }
    // The hidden union is both the first layer's output and the second's input: joined once.
    VectorSpace hiddenUnion = VectorSpace.join(hidden);
    return new Mlp(Linear.combineInParallel(firsts, VectorSpace.join(inputs), hiddenUnion),
        Linear.combineInParallel(seconds, hiddenUnion, VectorSpace.join(outputs)));
  }

  public VectorSpace hiddenSpace() {
    return first.output();
  }

  @Override
  public VectorSpace readSpace() {
    return first.input();
  }

  @Override
  public VectorSpace writeSpace() {
    return second.output();
  }

  @Override
  public double[][] apply(VectorSpace residual, double[][] stream) {
    Block.requireStream(residual, stream);
    int[] writes = second.output().embeddingInto(residual);
    double[][] hidden = Dense.multiply(
        Dense.gather(stream, first.input().indicesIn(residual)), first.matrix(), first.output().dims());
    Dense.reluInPlace(hidden);
    double[][] output = Dense.multiply(hidden, second.matrix(), second.output().dims());
    return Dense.scatter(output, writes, residual.dims());
  }
}
