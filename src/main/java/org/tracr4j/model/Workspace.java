package org.tracr4j.model;

/** Every activation buffer of one forward pass, sized for the longest input of a call and reused. */
final class Workspace {
  final double[] residual; //    x          [T][dModel]
  final double[] query; //       q of a head [T][dHead]
  final double[] key; //         k of a head [T][dHead]
  final double[] value; //       v of a head [T][dHead]
  final double[] pattern; //     scores then weights of a head [T][T]
  final double[] mixed; //       pattern · v [T][dHead]
  final double[] sublayer; //    attention or MLP output [T][dModel]
  final double[] hidden; //      MLP hidden activations [T][dMlp]
  final boolean[] keyAllowed; // false at PAD positions [T]

  Workspace(ModelConfig c, int positions) {
    residual = new double[positions * c.dModel()];
    query = new double[positions * c.dHead()];
    key = new double[positions * c.dHead()];
    value = new double[positions * c.dHead()];
    pattern = new double[positions * positions];
    mixed = new double[positions * c.dHead()];
    sublayer = new double[positions * c.dModel()];
    hidden = new double[positions * c.dMlp()];
    keyAllowed = new boolean[positions];
  }
}
