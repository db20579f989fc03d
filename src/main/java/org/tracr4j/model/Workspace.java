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
  final int[] components; //     scratch: the nonzero query and key components of each position [2T][dHead]
  final int[] residualIndex; //  nonzero components of x read by a sub-layer, per position [T][dModel]
  final int[] residualCount; //  how many, per position [T]
  final int[] mixedIndex; //     nonzero components of pattern · v [T][dHead]
  final int[] mixedCount; //     [T]
  final int[] hiddenIndex; //    nonzero MLP hidden units [T][dMlp]
  final int[] hiddenCount; //    [T]

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
    components = new int[2 * positions * c.dHead()];
    residualIndex = new int[positions * c.dModel()];
    residualCount = new int[positions];
    mixedIndex = new int[positions * c.dHead()];
    mixedCount = new int[positions];
    hiddenIndex = new int[positions * c.dMlp()];
    hiddenCount = new int[positions];
  }
}
