package org.tracr4j.model;

/**
 * A model's parameters as the forward pass reads them: every weight matrix (W_Q, W_K, W_V and W_O per head,
 * W_in and W_out per layer) as its nonzero entries by row ({@link SparseMatrix}), the embeddings, W_U and
 * the biases dense. Compiled weights are mostly zeros (make_sort at vocabulary 80 has 14 M parameters, about
 * 115 MB as float64, of which a few hundred thousand are not 0), so the compiler writes a model this way
 * ({@link #builder}) and the dense {@link Weights} are built only when asked for ({@link #toDense}).
 *
 * <p>Zeros of either sign are left out, so an entry set to {@code -0.0} reads back as {@code +0.0}.
 */
public final class WeightEntries {
  private final ModelConfig config;
  final double[] wE;
  final double[] wPos;
  final double[] wU;
  final double[] bU;
  final Layer[] layers;

  /**
   * One layer's matrices, one per head for attention, and its biases (shapes as in {@link Weights.Layer}).
   */
  record Layer(SparseMatrix[] wQ, SparseMatrix[] wK, SparseMatrix[] wV, SparseMatrix[] wO, SparseMatrix wIn,
      SparseMatrix wOut, double[] bQ, double[] bK, double[] bV, double[] bO, double[] bIn, double[] bOut) {}

  private WeightEntries(ModelConfig config, double[] wE, double[] wPos, double[] wU, double[] bU,
      Layer[] layers) {
    this.config = config;
    this.wE = wE;
    this.wPos = wPos;
    this.wU = wU;
    this.bU = bU;
    this.layers = layers;
  }

  /** The shape these weights have. */
  public ModelConfig config() {
    return config;
  }

  /** A builder of the weights of shape {@code c}, all zero until written. */
  public static Builder builder(ModelConfig c) {
    return new Builder(c);
  }

  /** The entries of dense weights of shape {@code c} (not copied: the embeddings and biases are shared). */
  static WeightEntries of(ModelConfig c, Weights weights) {
    int d = c.dModel();
    int dHead = c.dHead();
    Layer[] layers = new Layer[c.layers()];
    for (int l = 0; l < c.layers(); l++) {
      Weights.Layer layer = weights.layers().get(l);
      SparseMatrix[] wQ = new SparseMatrix[c.heads()];
      SparseMatrix[] wK = new SparseMatrix[c.heads()];
      SparseMatrix[] wV = new SparseMatrix[c.heads()];
      SparseMatrix[] wO = new SparseMatrix[c.heads()];
      for (int h = 0; h < c.heads(); h++) {
        int block = h * d * dHead;
        wQ[h] = SparseMatrix.of(layer.wQ(), block, d, dHead);
        wK[h] = SparseMatrix.of(layer.wK(), block, d, dHead);
        wV[h] = SparseMatrix.of(layer.wV(), block, d, dHead);
        wO[h] = SparseMatrix.of(layer.wO(), h * dHead * d, dHead, d);
      }
      layers[l] = new Layer(wQ, wK, wV, wO, SparseMatrix.of(layer.wIn(), 0, d, c.dMlp()),
          SparseMatrix.of(layer.wOut(), 0, c.dMlp(), d), layer.bQ(), layer.bK(), layer.bV(), layer.bO(),
          layer.bIn(), layer.bOut());
    }
    return new WeightEntries(c, weights.wE(), weights.wPos(), weights.wU(), weights.bU(), layers);
  }

  /** The dense weights, in fresh arrays (nothing shared with these entries or an earlier call). */
  public Weights toDense() {
    Weights dense = Weights.zeros(config);
    System.arraycopy(wE, 0, dense.wE(), 0, wE.length);
    System.arraycopy(wPos, 0, dense.wPos(), 0, wPos.length);
    System.arraycopy(wU, 0, dense.wU(), 0, wU.length);
    System.arraycopy(bU, 0, dense.bU(), 0, bU.length);
    int d = config.dModel();
    int dHead = config.dHead();
    for (int l = 0; l < layers.length; l++) {
      Layer from = layers[l];
      Weights.Layer to = dense.layers().get(l);
      for (int h = 0; h < config.heads(); h++) {
        from.wQ()[h].scatterInto(to.wQ(), h * d * dHead);
        from.wK()[h].scatterInto(to.wK(), h * d * dHead);
        from.wV()[h].scatterInto(to.wV(), h * d * dHead);
        from.wO()[h].scatterInto(to.wO(), h * dHead * d);
      }
      from.wIn().scatterInto(to.wIn(), 0);
      from.wOut().scatterInto(to.wOut(), 0);
      System.arraycopy(from.bQ(), 0, to.bQ(), 0, from.bQ().length);
      System.arraycopy(from.bK(), 0, to.bK(), 0, from.bK().length);
      System.arraycopy(from.bV(), 0, to.bV(), 0, from.bV().length);
      System.arraycopy(from.bO(), 0, to.bO(), 0, from.bO().length);
      System.arraycopy(from.bIn(), 0, to.bIn(), 0, from.bIn().length);
      System.arraycopy(from.bOut(), 0, to.bOut(), 0, from.bOut().length);
    }
    return dense;
  }

  /** One weight matrix being written: entries by (row, column) of its TransformerLens shape. */
  public static final class Entries {
    private final SparseMatrix.Builder matrix;

    private Entries(int rows, int cols) {
      this.matrix = new SparseMatrix.Builder(rows, cols);
    }

    /** Adds {@code weight} to entry {@code (row, column)}. */
    public Entries add(int row, int column, double weight) {
      matrix.add(row, column, weight);
      return this;
    }

    /** Sets entry {@code (row, column)} to {@code weight}. */
    public Entries set(int row, int column, double weight) {
      matrix.set(row, column, weight);
      return this;
    }

    /** Makes room for {@code more} further calls (saves growing the buffers when the count is known). */
    public Entries reserve(int more) {
      matrix.reserve(more);
      return this;
    }
  }

  /**
   * Writes weights of one shape: the embeddings and W_U as dense arrays ({@link Weights}'s layouts), the
   * other matrices entry by entry; the biases stay zero. Use each builder once.
   */
  public static final class Builder {
    private final ModelConfig config;
    private final double[] wE;
    private final double[] wPos;
    private final double[] wU;
    private final Entries[][] heads; // [layer][4 * head + (0 Q, 1 K, 2 V, 3 O)]
    private final Entries[][] mlps; // [layer][0 in, 1 out]

    private Builder(ModelConfig c) {
      // The dense shapes must fit in Java arrays, so that toDense can always build them.
      ModelSize.arrayLength("attn.W_Q", c.heads(), c.dModel(), c.dHead());
      ModelSize.arrayLength("mlp.W_in", c.dModel(), c.dMlp());
      this.config = c;
      this.wE = new double[ModelSize.arrayLength("embed.W_E", c.dVocab(), c.dModel())];
      this.wPos = new double[ModelSize.arrayLength("pos_embed.W_pos", c.nCtx(), c.dModel())];
      this.wU = new double[ModelSize.arrayLength("unembed.W_U", c.dModel(), c.dVocabOut())];
      this.heads = new Entries[c.layers()][4 * c.heads()];
      this.mlps = new Entries[c.layers()][2];
    }

    /** W_E, {@code [dVocab][dModel]}, to fill in. */
    public double[] wE() {
      return wE;
    }

    /** W_pos, {@code [nCtx][dModel]}, to fill in. */
    public double[] wPos() {
      return wPos;
    }

    /** W_U, {@code [dModel][dVocabOut]}, to fill in. */
    public double[] wU() {
      return wU;
    }

    /** W_Q of one head, {@code [dModel][dHead]}. */
    public Entries wQ(int layer, int head) {
      return head(layer, head, 0, config.dModel(), config.dHead());
    }

    /** W_K of one head, {@code [dModel][dHead]}. */
    public Entries wK(int layer, int head) {
      return head(layer, head, 1, config.dModel(), config.dHead());
    }

    /** W_V of one head, {@code [dModel][dHead]}. */
    public Entries wV(int layer, int head) {
      return head(layer, head, 2, config.dModel(), config.dHead());
    }

    /** W_O of one head, {@code [dHead][dModel]}. */
    public Entries wO(int layer, int head) {
      return head(layer, head, 3, config.dHead(), config.dModel());
    }

    /** W_in of one layer, {@code [dModel][dMlp]}. */
    public Entries wIn(int layer) {
      Entries[] slots = mlps[layer];
      return slots[0] == null ? slots[0] = new Entries(config.dModel(), config.dMlp()) : slots[0];
    }

    /** W_out of one layer, {@code [dMlp][dModel]}. */
    public Entries wOut(int layer) {
      Entries[] slots = mlps[layer];
      return slots[1] == null ? slots[1] = new Entries(config.dMlp(), config.dModel()) : slots[1];
    }

    private Entries head(int layer, int head, int which, int rows, int cols) {
      if (head < 0 || head >= config.heads()) {
        throw new IndexOutOfBoundsException("head " + head + " of " + config.heads());
      }
      Entries[] slots = heads[layer];
      int slot = 4 * head + which;
      return slots[slot] == null ? slots[slot] = new Entries(rows, cols) : slots[slot];
    }

    public WeightEntries build() {
      ModelConfig c = config;
      Layer[] layers = new Layer[c.layers()];
      int headBiases = ModelSize.arrayLength("attn.b_Q", c.heads(), c.dHead());
      for (int l = 0; l < c.layers(); l++) {
        SparseMatrix[][] matrices = new SparseMatrix[4][c.heads()];
        for (int h = 0; h < c.heads(); h++) {
          for (int which = 0; which < 4; which++) {
            Entries entries = heads[l][4 * h + which];
            int rows = which == 3 ? c.dHead() : c.dModel();
            int cols = which == 3 ? c.dModel() : c.dHead();
            matrices[which][h] = (entries == null ? new Entries(rows, cols) : entries).matrix.build();
          }
        }
        layers[l] = new Layer(matrices[0], matrices[1], matrices[2], matrices[3],
            (mlps[l][0] == null ? wIn(l) : mlps[l][0]).matrix.build(),
            (mlps[l][1] == null ? wOut(l) : mlps[l][1]).matrix.build(),
            new double[headBiases], new double[headBiases], new double[headBiases], new double[c.dModel()],
            new double[c.dMlp()], new double[c.dModel()]);
      }
      return new WeightEntries(c, wE, wPos, wU, new double[c.dVocabOut()], layers);
    }
  }
}
