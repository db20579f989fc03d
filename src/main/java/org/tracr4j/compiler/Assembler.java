package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Matrix;
import org.tracr4j.craft.Mlp;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.model.InputVocabulary;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.ModelSize;
import org.tracr4j.model.OutputEncoding;
import org.tracr4j.model.OutputSpace;
import org.tracr4j.model.Provenance;
import org.tracr4j.model.WeightEntries;
import org.tracr4j.rasp.ExpressionMap;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Turns the allocated craft blocks into a transformer (tracr-reference §2.5).
 *
 * <p>Residual: the sorted union of every block's spaces, the token space (vocabulary, BOS and PAD), the
 * index space, the output space, and {@code one} when a block reads it. Token rows of W_E are one-hot plus
 * {@code one}; position 0 (BOS) has no index; position p is {@code indices:(p-1)}.
 *
 * <p>A head with W_QK {@code [Q, K]} and W_OV {@code [V, O]} becomes {@code W_Q = P(Q)·W_QK·s},
 * {@code W_K = P(K)}, {@code W_V = P(V)·W_OV}, {@code W_O = P(O)ᵀ}, where the query scale s and each
 * head's width are the {@link BuildMode}'s ({@code √d_head} and the key width in the exact mode). Unlike
 * Tracr, d_head is at least every head's value width, so no head overflows.
 * MLPs of one layer are placed side by side (their hidden neurons never share a column).
 *
 * <p>The model records where each expression went ({@link Provenance}): its head index, its neuron range,
 * the hidden neuron names and what each residual direction means.
 */
final class Assembler {
  private Assembler() {}

  record Inputs(ProgramGraph graph, LayerPlan plan, ExpressionMap<LoweredBlock> blocks, VectorSpace tokenSpace,
      VectorSpace indexSpace, VectorSpace outputSpace, BasisDirection one, BuildMode mode, Positions positions,
      java.util.function.Supplier<Map<String, String>> metadata, Map<Long, String> preconditions,
      Map<Long, String> neverNone, java.util.function.Supplier<String> sizeDetail, List<Double> outputValues) {}

  /**
   * What the model's input side needs from the options.
   *
   * @param maxSeqLen the longest input, BOS excluded
   * @param causal every head gets a causal mask
   * @param bos the BOS token string
   * @param pad the PAD token string
   */
  record Positions(int maxSeqLen, boolean causal, String bos, String pad) {}

  /** One head slot: its head and the s-ops it computes (several when heads with one W_QK were merged). */
  private record Slot(AttentionHead head, List<SOp> sops) {}

  /**
   * Where everything goes, before any weight is written: each layer's head slots and MLPs, the residual
   * space, the model's shape, its metadata and provenance. The compiler compares routes by this and
   * assembles only the one it keeps; the provenance, which only the assembled model carries, is worked
   * out then.
   */
  static final class Layout {
    private final Inputs in;
    private final List<List<AttentionHead>> heads;
    private final List<List<List<SOp>>> headSops;
    private final List<List<Mlp>> mlps;
    private final VectorSpace residual;
    private final ModelConfig config;
    /**
     * Built when first asked for, as the provenance is: only assembling reads the metadata (its lines of
     * rewrites, constructions and shared heads are strings), and a plan's route may never be assembled.
     */
    private volatile Map<String, String> metadata;
    /**
     * Built when first asked for, by {@link #assemble}: only the route kept is assembled, and its labels
     * and names are strings nothing before that reads. It is a function of the fields above, which nothing
     * changes, so it is the same whenever it is built; volatile, so one thread's is seen whole by others.
     */
    private volatile Provenance provenance;

    private Layout(Inputs in, List<List<AttentionHead>> heads, List<List<List<SOp>>> headSops,
        List<List<Mlp>> mlps, VectorSpace residual, ModelConfig config) {
      this.in = in;
      this.heads = heads;
      this.headSops = headSops;
      this.mlps = mlps;
      this.residual = residual;
      this.config = config;
    }

    Inputs in() {
      return in;
    }

    /** Per layer, its head slots. */
    List<List<AttentionHead>> heads() {
      return heads;
    }

    /** Per layer, its MLPs, side by side in this order. */
    List<List<Mlp>> mlps() {
      return mlps;
    }

    VectorSpace residual() {
      return residual;
    }

    ModelConfig config() {
      return config;
    }

    Map<String, String> metadata() {
      Map<String, String> built = metadata;
      if (built == null) {
        built = withSharedHeads(in, headSops);
        metadata = built;
      }
      return built;
    }

    /** Which head and which MLP neurons compute each expression, and what each residual direction means. */
    Provenance provenance() {
      Provenance built = provenance;
      if (built == null) {
        built = Assembler.provenance(in, residual, headSops, mlps);
        provenance = built;
      }
      return built;
    }
  }

  /**
   * The layout of {@code in}: head slots merged where the mode merges them, the residual, the shape, and
   * where each expression went.
   *
   * @throws org.tracr4j.ModelTooLargeException when the model would not fit (nothing is allocated yet)
   */
  static Layout layout(Inputs in) {
    int layers = in.plan().layers();
    List<List<AttentionHead>> heads = new ArrayList<>(layers);
    List<List<List<SOp>>> headSops = new ArrayList<>(layers);
    List<List<Mlp>> mlps = new ArrayList<>(layers);
    List<VectorSpace> spaces = new ArrayList<>(3 + 6 * layers);
    spaces.add(in.tokenSpace());
    spaces.add(in.indexSpace());
    spaces.add(in.outputSpace());
    for (int l = 0; l < layers; l++) {
      List<AttentionHead> layerHeads = new ArrayList<>(in.plan().attention().get(l).size());
      List<List<SOp>> layerSops = new ArrayList<>(in.plan().attention().get(l).size());
      List<Slot> slots = slots(in, in.plan().attention().get(l));
      for (int s = 0; s < slots.size(); s++) { // indexed, as below: no iterators per layer
        Slot slot = slots.get(s);
        AttentionHead head = slot.head();
        layerHeads.add(head);
        layerSops.add(slot.sops());
        // The spaces a head reads, one by one: joining them into its read space first would merge the
        // same directions twice.
        addOnce(spaces, head.qk().left());
        addOnce(spaces, head.qk().right());
        addOnce(spaces, head.ov().input());
        addOnce(spaces, head.ov().output());
      }
      headSops.add(layerSops);
      List<Mlp> layerMlps = new ArrayList<>(in.plan().mlp().get(l).size());
      List<SOp> layerMlpSops = in.plan().mlp().get(l);
      for (int m = 0; m < layerMlpSops.size(); m++) {
        Mlp mlp = in.blocks().get(layerMlpSops.get(m)).mlp();
        layerMlps.add(mlp);
        addOnce(spaces, mlp.readSpace());
        addOnce(spaces, mlp.writeSpace());
      }
      heads.add(layerHeads);
      mlps.add(layerMlps);
    }
    VectorSpace residual = VectorSpace.joinOverlapping(spaces);

    // Indexed walks, as above: no iterators (megamorphic List calls once many programs have run).
    int nHeads = 1;
    int dHead = 1;
    for (int l = 0; l < heads.size(); l++) {
      List<AttentionHead> layer = heads.get(l);
      nHeads = Math.max(nHeads, layer.size());
      for (int h = 0; h < layer.size(); h++) {
        AttentionHead head = layer.get(h);
        dHead = Math.max(dHead, in.mode().headWidth(head.qk().left().dims(), head.qk().right().dims(),
            head.ov().output().dims()));
      }
    }
    long widestMlp = 1;
    for (int l = 0; l < mlps.size(); l++) {
      List<Mlp> layer = mlps.get(l);
      long width = 0;
      for (int m = 0; m < layer.size(); m++) {
        width += layer.get(m).hiddenSpace().dims();
      }
      widestMlp = Math.max(widestMlp, width);
    }
    int dMlp = ModelSize.arrayLength("an MLP layer's hidden neurons", widestMlp);
    ModelConfig config = new ModelConfig(in.plan().layers(), nHeads, residual.dims(), dHead, dMlp,
        in.tokenSpace().dims(), in.outputSpace().dims(), in.positions().maxSeqLen() + 1, in.positions().causal());
    ModelSize.require(config, in.sizeDetail());
    return new Layout(in, heads, headSops, mlps, residual, config);
  }

  /**
   * Adds {@code space} to the residual's parts unless the very same space is there already (an s-op's
   * space is read by each of its readers). The residual's directions carry RASP values (or none), which
   * order consistently, so the union does not depend on the order or repeats of its parts.
   */
  private static void addOnce(List<VectorSpace> spaces, VectorSpace space) {
    if (space.dims() == 0) {
      return;
    }
    for (int i = spaces.size() - 1; i >= 0; i--) {
      if (spaces.get(i) == space) {
        return;
      }
    }
    spaces.add(space);
  }

  /** Which head and which MLP neurons compute each expression, and what each residual direction means. */
  private static Provenance provenance(Inputs in, VectorSpace residual, List<List<List<SOp>>> headSops,
      List<List<Mlp>> mlps) {
    List<Provenance.Layer> placed = new ArrayList<>();
    for (int l = 0; l < headSops.size(); l++) {
      List<Provenance.Head> headSlots = new ArrayList<>();
      for (int h = 0; h < headSops.get(l).size(); h++) {
        for (SOp sop : headSops.get(l).get(h)) {
          headSlots.add(new Provenance.Head(h, in.graph().label(sop)));
        }
      }
      List<Provenance.Neurons> ranges = new ArrayList<>();
      List<String> neuronNames = new ArrayList<>();
      int offset = 0;
      for (int m = 0; m < mlps.get(l).size(); m++) {
        Mlp mlp = mlps.get(l).get(m);
        int hidden = mlp.hiddenSpace().dims();
        if (hidden > 0) {
          ranges.add(new Provenance.Neurons(offset, offset + hidden,
              in.graph().label(in.plan().mlp().get(l).get(m))));
        }
        mlp.hiddenSpace().basis().forEach(neuron -> neuronNames.add(neuron.toString()));
        offset += hidden;
      }
      placed.add(new Provenance.Layer(headSlots, ranges, neuronNames));
    }
    return new Provenance(ProvenanceRecorder.residual(in.graph(), residual, in.one()),
        ProvenanceRecorder.expressions(in.graph(), in.plan(), in.preconditions(), in.neverNone()), placed);
  }

  /** Writes the weights of {@code layout}: the model. */
  static Model assemble(Layout layout) {
    Inputs in = layout.in();
    ModelConfig config = layout.config();
    VectorSpace residual = layout.residual();
    // Only the entries that are not zero are written: a large model's dense float64 arrays are mostly zeros,
    // and allocating them was most of a compile (Model builds them when asked).
    WeightEntries.Builder weights = WeightEntries.builder(config);
    embed(in, residual, config, weights);
    double queryScale = in.mode().queryScale(config.dHead());
    for (int l = 0; l < config.layers(); l++) {
      List<AttentionHead> heads = layout.heads().get(l);
      for (int h = 0; h < heads.size(); h++) {
        writeHead(heads.get(h), residual, weights.wQ(l, h), weights.wK(l, h), weights.wV(l, h), weights.wO(l, h),
            queryScale);
      }
      int offset = 0;
      for (Mlp mlp : layout.mlps().get(l)) {
        writeMlp(mlp, offset, residual, weights.wIn(l), weights.wOut(l));
        offset += mlp.hiddenSpace().dims();
      }
    }
    return Model.compiled(config, weights.build(), vocabulary(in), outputSpace(in), layout.metadata(),
        layout.provenance());
  }

  /**
   * The head slots of one layer, in plan order. When the mode merges heads, aggregates whose heads have
   * the same W_QK share one slot: the attention pattern is the same, so one head with the OV maps side by
   * side (their outputs are disjoint; shared value rows such as BOS's default add up per output) computes
   * each of them exactly. Selector widths keep their own heads.
   */
  private static List<Slot> slots(Inputs in, List<SOp> sops) {
    if (sops.size() == 1) { // one head in the layer (the common case): nothing to merge
      return List.of(new Slot(in.blocks().get(sops.get(0)).head(), List.of(sops.get(0))));
    }
    List<Slot> slots = new ArrayList<>();
    List<List<AttentionHead>> grouped = new ArrayList<>();
    for (SOp sop : sops) {
      LoweredBlock block = in.blocks().get(sop);
      AttentionHead head = block.head();
      int match = -1;
      if (in.mode().mergesIdenticalHeads() && block.mlp() == null) {
        for (int s = 0; s < slots.size() && match < 0; s++) {
          boolean aggregate = in.blocks().get(slots.get(s).sops().get(0)).mlp() == null;
          if (aggregate && slots.get(s).head().qk().equals(head.qk())) {
            match = s;
          }
        }
      }
      if (match < 0) {
        slots.add(new Slot(head, new ArrayList<>(List.of(sop))));
        grouped.add(new ArrayList<>(List.of(head)));
      } else {
        slots.get(match).sops().add(sop);
        grouped.get(match).add(head);
      }
    }
    List<Slot> merged = new ArrayList<>(slots.size());
    for (int s = 0; s < slots.size(); s++) {
      List<AttentionHead> group = grouped.get(s);
      AttentionHead head = group.size() == 1 ? group.get(0)
          : new AttentionHead(group.get(0).qk(), Linear.combineInParallel(group.stream().map(AttentionHead::ov).toList()));
      merged.add(new Slot(head, List.copyOf(slots.get(s).sops())));
    }
    return merged;
  }

  /** The metadata, with a {@link Compiler#CONSTRUCTIONS} line for every aggregate that shares a head. */
  private static Map<String, String> withSharedHeads(Inputs in, List<List<List<SOp>>> headSops) {
    java.util.TreeMap<String, String> shared = new java.util.TreeMap<>();
    for (List<List<SOp>> layer : headSops) {
      for (List<SOp> sops : layer) {
        if (sops.size() > 1) {
          List<String> labels = sops.stream().map(in.graph()::label).toList();
          for (String label : labels) {
            shared.put(label, "head shared with " + String.join(", ", labels.stream().filter(x -> !x.equals(label))
                .toList()) + " (same attention pattern; " + labels.size() + " aggregates, one head)");
          }
        }
      }
    }
    if (shared.isEmpty()) {
      return in.metadata().get();
    }
    Map<String, String> metadata = new java.util.LinkedHashMap<>(in.metadata().get());
    java.util.TreeMap<String, String> lines = new java.util.TreeMap<>();
    String existing = metadata.get(Compiler.CONSTRUCTIONS);
    if (existing != null) {
      for (String line : existing.split("\n")) {
        int colon = line.indexOf(": ");
        lines.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    shared.forEach((label, text) -> lines.merge(label, text, (a, b) -> a + "; " + b));
    String joined = String.join("\n", lines.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    if (existing != null) {
      metadata.put(Compiler.CONSTRUCTIONS, joined);
    } else {
      // Keep the order of the compiler's metadata: constructions before the options.
      Map<String, String> ordered = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        if (entry.getKey().equals("causal")) {
          ordered.put(Compiler.CONSTRUCTIONS, joined);
        }
        ordered.put(entry.getKey(), entry.getValue());
      }
      ordered.putIfAbsent(Compiler.CONSTRUCTIONS, joined);
      metadata = ordered;
    }
    return metadata;
  }

  private static void embed(Inputs in, VectorSpace residual, ModelConfig config, WeightEntries.Builder weights) {
    int d = config.dModel();
    int oneColumn = residual.contains(in.one()) ? residual.indexOf(in.one()) : -1;
    int[] tokenColumns = in.tokenSpace().embeddingInto(residual);
    for (int id = 0; id < tokenColumns.length; id++) {
      weights.wE()[id * d + tokenColumns[id]] = 1;
      if (oneColumn >= 0) {
        weights.wE()[id * d + oneColumn] = 1;
      }
    }
    int[] indexColumns = in.indexSpace().embeddingInto(residual);
    for (int i = 0; i < indexColumns.length; i++) {
      weights.wPos()[(i + 1) * d + indexColumns[i]] = 1;
    }
    int[] outputColumns = in.outputSpace().embeddingInto(residual);
    for (int j = 0; j < outputColumns.length; j++) {
      weights.wU()[outputColumns[j] * config.dVocabOut() + j] = 1;
    }
  }

  private static void writeHead(AttentionHead head, VectorSpace residual, WeightEntries.Entries wQ,
      WeightEntries.Entries wK, WeightEntries.Entries wV, WeightEntries.Entries wO, double queryScale) {
    int[] queryRows = head.qk().left().embeddingInto(residual);
    int[] keyRows = head.qk().right().embeddingInto(residual);
    write(head.qk().weights(), wQ, queryRows, null, queryScale);
    for (int j = 0; j < keyRows.length; j++) {
      wK.set(keyRows[j], j, 1);
    }
    int[] valueRows = head.ov().input().embeddingInto(residual);
    int[] outputColumns = head.ov().output().embeddingInto(residual);
    write(head.ov().weights(), wV, valueRows, null, 1);
    for (int j = 0; j < outputColumns.length; j++) {
      wO.set(j, outputColumns[j], 1);
    }
  }

  private static void writeMlp(Mlp mlp, int offset, VectorSpace residual, WeightEntries.Entries wIn,
      WeightEntries.Entries wOut) {
    int[] hiddenColumns = new int[mlp.hiddenSpace().dims()];
    for (int j = 0; j < hiddenColumns.length; j++) {
      hiddenColumns[j] = offset + j;
    }
    write(mlp.first().weights(), wIn, mlp.first().input().embeddingInto(residual), hiddenColumns, 1);
    write(mlp.second().weights(), wOut, hiddenColumns, mlp.second().output().embeddingInto(residual), 1);
  }

  /**
   * Adds {@code scale} times each stored weight of a block to the model's matrix at row {@code rows[i]} and
   * column {@code columns[j]} ({@code j} itself when {@code columns} is null). The block's weights must be
   * finite: the model is not checked entry by entry again. A {@code +0.0} weight would add nothing.
   */
  private static void write(Matrix block, WeightEntries.Entries into, int[] rows, int[] columns, double scale) {
    into.reserve(block.storedCount());
    block.forEachStored((i, j, v) -> {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("a block has a weight that is not finite: " + v);
      }
      into.add(rows[i], columns == null ? j : columns[j], scale == 1 ? v : v * scale);
    });
  }

  private static InputVocabulary vocabulary(Inputs in) {
    List<String> tokens = new ArrayList<>();
    for (BasisDirection direction : in.tokenSpace().basis()) {
      tokens.add(direction.value().toString());
    }
    return new InputVocabulary(tokens, tokens.indexOf(in.positions().bos()), tokens.indexOf(in.positions().pad()));
  }

  private static OutputSpace outputSpace(Inputs in) {
    if (in.graph().output().isNumerical()) {
      List<Object> values = new ArrayList<>();
      values.add(null);
      List<Double> valueSet = in.outputValues().size() <= OutputSpace.MAX_VALUE_SET ? in.outputValues() : List.of();
      return new OutputSpace(OutputEncoding.NUMERICAL, values, valueSet);
    }
    List<Object> values = new ArrayList<>();
    for (BasisDirection direction : in.outputSpace().basis()) {
      values.add(((Value) direction.value()).toJava());
    }
    return new OutputSpace(OutputEncoding.CATEGORICAL, values);
  }
}
