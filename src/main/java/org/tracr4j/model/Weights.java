package org.tracr4j.model;

import java.util.ArrayList;
import java.util.List;

/**
 * All parameters of a transformer, float64, each a row-major {@code double[]} with TransformerLens's name
 * and shape (so export is a straight copy). Element {@code [a][b][c]} of a tensor of shape {@code [A][B][C]}
 * is at {@code (a * B + b) * C + c}.
 *
 * <p>Start from {@link #zeros(ModelConfig)} and fill in what is not zero; {@link Model} checks every length
 * against the configuration and copies the arrays ({@link Model#takingOwnership} takes them over instead).
 *
 * @param wE token embedding W_E, {@code [dVocab][dModel]}
 * @param wPos position embedding W_pos, {@code [nCtx][dModel]}; row 0 is the BOS position
 * @param layers one entry per layer
 * @param wU unembedding W_U, {@code [dModel][dVocabOut]}
 * @param bU unembedding bias b_U, {@code [dVocabOut]} (zero in compiled models)
 */
public record Weights(double[] wE, double[] wPos, List<Layer> layers, double[] wU, double[] bU) {

  public Weights {
    layers = List.copyOf(layers);
  }

  /**
   * The parameters of one layer: an attention sub-layer, then an MLP sub-layer.
   *
   * @param wQ query weights W_Q, {@code [heads][dModel][dHead]}
   * @param wK key weights W_K, {@code [heads][dModel][dHead]}
   * @param wV value weights W_V, {@code [heads][dModel][dHead]}
   * @param wO output weights W_O, {@code [heads][dHead][dModel]}
   * @param bQ query bias b_Q, {@code [heads][dHead]}
   * @param bK key bias b_K, {@code [heads][dHead]}
   * @param bV value bias b_V, {@code [heads][dHead]}
   * @param bO attention output bias b_O, {@code [dModel]}
   * @param wIn MLP input weights W_in, {@code [dModel][dMlp]}
   * @param bIn MLP hidden bias b_in, {@code [dMlp]}
   * @param wOut MLP output weights W_out, {@code [dMlp][dModel]}
   * @param bOut MLP output bias b_out, {@code [dModel]}
   */
  public record Layer(
      double[] wQ, double[] wK, double[] wV, double[] wO,
      double[] bQ, double[] bK, double[] bV, double[] bO,
      double[] wIn, double[] bIn, double[] wOut, double[] bOut) {

    /** A layer of zeros: a no-op attention sub-layer and a no-op MLP sub-layer. */
    public static Layer zeros(ModelConfig c) {
      int qkv = ModelSize.arrayLength("attn.W_Q", c.heads(), c.dModel(), c.dHead());
      int heads = ModelSize.arrayLength("attn.b_Q", c.heads(), c.dHead());
      int mlp = ModelSize.arrayLength("mlp.W_in", c.dModel(), c.dMlp());
      return new Layer(
          new double[qkv], new double[qkv], new double[qkv], new double[qkv],
          new double[heads], new double[heads], new double[heads], new double[c.dModel()],
          new double[mlp], new double[c.dMlp()], new double[mlp], new double[c.dModel()]);
    }

    Layer copy() {
      return new Layer(wQ.clone(), wK.clone(), wV.clone(), wO.clone(), bQ.clone(), bK.clone(), bV.clone(),
          bO.clone(), wIn.clone(), bIn.clone(), wOut.clone(), bOut.clone());
    }
  }

  /** All-zero weights of the configured shapes, ready to be filled in. */
  public static Weights zeros(ModelConfig c) {
    ModelSize.arrayLength("attn.W_Q", c.heads(), c.dModel(), c.dHead()); // before any layer is allocated
    ModelSize.arrayLength("mlp.W_in", c.dModel(), c.dMlp());
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      layers.add(Layer.zeros(c));
    }
    return new Weights(new double[ModelSize.arrayLength("embed.W_E", c.dVocab(), c.dModel())],
        new double[ModelSize.arrayLength("pos_embed.W_pos", c.nCtx(), c.dModel())], layers,
        new double[ModelSize.arrayLength("unembed.W_U", c.dModel(), c.dVocabOut())], new double[c.dVocabOut()]);
  }

  /** Index of {@code W_Q/W_K/W_V[head][residual][component]} in the flat array. */
  public static int qkvIndex(ModelConfig c, int head, int residual, int component) {
    return (head * c.dModel() + residual) * c.dHead() + component;
  }

  /** Index of {@code W_O[head][component][residual]} in the flat array. */
  public static int outputIndex(ModelConfig c, int head, int component, int residual) {
    return (head * c.dHead() + component) * c.dModel() + residual;
  }

  /** A deep copy: no array is shared with this one. */
  public Weights copy() {
    return new Weights(wE.clone(), wPos.clone(), layers.stream().map(Layer::copy).toList(), wU.clone(),
        bU.clone());
  }

  /**
   * Every parameter in TransformerLens order ({@code embed.W_E}, {@code pos_embed.W_pos}, then per layer
   * {@code attn.W_Q … attn.b_O, mlp.W_in … mlp.b_out}, then {@code unembed.W_U}, {@code unembed.b_U}), each
   * with the shape {@code c} implies and this object's array (not copied). The one table of tensor names.
   */
  public List<Parameter> parameters(ModelConfig c) {
    int d = c.dModel();
    int h = c.heads();
    int k = c.dHead();
    int m = c.dMlp();
    List<Parameter> parameters = new ArrayList<>(4 + 12 * layers.size());
    parameters.add(new Parameter("embed.W_E", new int[] {c.dVocab(), d}, wE));
    parameters.add(new Parameter("pos_embed.W_pos", new int[] {c.nCtx(), d}, wPos));
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      String p = "blocks." + l + ".";
      parameters.add(new Parameter(p + "attn.W_Q", new int[] {h, d, k}, layer.wQ));
      parameters.add(new Parameter(p + "attn.W_K", new int[] {h, d, k}, layer.wK));
      parameters.add(new Parameter(p + "attn.W_V", new int[] {h, d, k}, layer.wV));
      parameters.add(new Parameter(p + "attn.W_O", new int[] {h, k, d}, layer.wO));
      parameters.add(new Parameter(p + "attn.b_Q", new int[] {h, k}, layer.bQ));
      parameters.add(new Parameter(p + "attn.b_K", new int[] {h, k}, layer.bK));
      parameters.add(new Parameter(p + "attn.b_V", new int[] {h, k}, layer.bV));
      parameters.add(new Parameter(p + "attn.b_O", new int[] {d}, layer.bO));
      parameters.add(new Parameter(p + "mlp.W_in", new int[] {d, m}, layer.wIn));
      parameters.add(new Parameter(p + "mlp.b_in", new int[] {m}, layer.bIn));
      parameters.add(new Parameter(p + "mlp.W_out", new int[] {m, d}, layer.wOut));
      parameters.add(new Parameter(p + "mlp.b_out", new int[] {d}, layer.bOut));
    }
    parameters.add(new Parameter("unembed.W_U", new int[] {d, c.dVocabOut()}, wU));
    parameters.add(new Parameter("unembed.b_U", new int[] {c.dVocabOut()}, bU));
    return parameters;
  }

  /**
   * Checks every array's length against {@code c} and that every entry is finite.
   *
   * @throws IllegalArgumentException naming the first offending tensor, its expected and actual length
   */
  public void check(ModelConfig c) {
    if (layers.size() != c.layers()) {
      throw new IllegalArgumentException(
          "weights have " + layers.size() + " layers, the configuration " + c.layers());
    }
    for (Parameter parameter : parameters(c)) {
      require(parameter.name(), parameter.values(), parameter.size());
    }
  }

  /** {@link #check} without looking at the entries: the array lengths only. */
  public void checkShapes(ModelConfig c) {
    if (layers.size() != c.layers()) {
      throw new IllegalArgumentException(
          "weights have " + layers.size() + " layers, the configuration " + c.layers());
    }
    for (Parameter parameter : parameters(c)) {
      double[] array = parameter.values();
      if (array == null || array.length != parameter.size()) {
        require(parameter.name(), array, parameter.size());
      }
    }
  }

  private static void require(String name, double[] array, int length) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    if (array.length != length) {
      throw new IllegalArgumentException(
          name + " has " + array.length + " entries, expected " + length);
    }
    for (int i = 0; i < array.length; i++) {
      if (!Double.isFinite(array[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + array[i]);
      }
    }
  }
}
