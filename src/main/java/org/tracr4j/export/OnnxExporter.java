package org.tracr4j.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tracr4j.model.Model;
import org.tracr4j.model.ModelConfig;
import org.tracr4j.model.Parameter;
import org.tracr4j.model.Weights;

/**
 * Writes a model as an ONNX graph (IR version {@value #IR_VERSION}, opset {@value #OPSET}) that computes
 * the same network as {@code org.tracr4j.model}'s forward pass, with float32 weights and activations.
 *
 * <p>Input {@code tokens}: int64 {@code [batch, seq]} token ids, BOS first ({@code seq ≤ n_ctx}); shorter
 * sequences are padded with the PAD id. Outputs {@code logits}: float {@code [batch, seq, d_vocab_out]},
 * the unembedded output space, and {@code residual}: float {@code [batch, seq, d_model]}, the final
 * residual stream. Keys holding the PAD id are masked, and with a causal model so are keys after the query;
 * masked logits become −1e30 before the softmax, as in the Java forward pass. The graph's metadata holds
 * {@code config.json} under {@code tracr4j.config}, so the vocabulary and decoding travel with it.
 */
public final class OnnxExporter {
  public static final int IR_VERSION = 8;
  public static final int OPSET = 17;
  public static final String INPUT = "tokens";
  public static final String OUTPUT = "logits";
  public static final String RESIDUAL_OUTPUT = "residual";

  private OnnxExporter() {}

  /** The largest ONNX file: a protobuf message (the whole model, weights inline) holds at most 2 GB. */
  static final long MAX_BYTES = (1L << 31) - 1;

  /**
   * Refuses, before building anything, a model whose float32 weights (plus the causal mask) would not fit
   * in one ONNX protobuf.
   *
   * @throws org.tracr4j.ModelTooLargeException with the size and the limit
   */
  public static void requireFits(ModelConfig c) {
    long bytes = org.tracr4j.model.ModelSize.of(c).parameters() * 4L + (long) c.nCtx() * c.nCtx();
    if (bytes > MAX_BYTES - (64L << 20)) {
      throw new org.tracr4j.ModelTooLargeException(String.format(java.util.Locale.ROOT,
          "the ONNX export would hold %.1f GB of float32 weights, more than an ONNX file (one protobuf message, "
              + "weights inline) holds: 2 GB; write the model directory without --onnx", bytes / (double) (1L << 30)));
    }
  }

  /** Writes {@link #toProto(Model)} to {@code path}. */
  public static void write(Model model, Path path) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      toProto(model).writeTo(out);
    }
  }

  /** The ONNX model of {@code model}. */
  public static ModelProto toProto(Model model) {
    ModelConfig c = model.config();
    requireFits(c);
    Weights w = model.weights();
    Graph g = new Graph();
    int d = c.dModel();
    int k = c.dHead();

    // Every parameter under its TransformerLens name and shape, as in model.safetensors.
    for (Parameter parameter : w.parameters(c)) {
      g.floats(parameter.name(), parameter.values(), parameter.shape());
    }

    // x = W_E[tokens] + W_pos[0:seq]
    g.node("Gather", List.of("embed.W_E", INPUT), "token_embedding");
    g.node("Shape", List.of(INPUT), "seq_len", g.intAttribute("start", 1), g.intAttribute("end", 2));
    g.longs("zero", new long[] {0}, 1);
    g.node("Slice", List.of("pos_embed.W_pos", "zero", "seq_len", "zero"), "position_embedding");
    String x = g.node("Add", List.of("token_embedding", "position_embedding"), "embedding");

    // mask [batch, 1, 1 or seq, seq]: true where the key is PAD (or, if causal, after the query)
    g.longs("pad_id", new long[] {model.vocabulary().pad()});
    g.node("Equal", List.of(INPUT, "pad_id"), "pad_keys");
    g.longs("axes_1_2", new long[] {1, 2}, 2);
    String mask = g.node("Unsqueeze", List.of("pad_keys", "axes_1_2"), "pad_mask");
    if (c.causal()) {
      boolean[] future = new boolean[c.nCtx() * c.nCtx()];
      for (int i = 0; i < c.nCtx(); i++) {
        for (int j = i + 1; j < c.nCtx(); j++) {
          future[i * c.nCtx() + j] = true;
        }
      }
      g.bools("future", future, c.nCtx(), c.nCtx());
      g.longs("zero_zero", new long[] {0, 0}, 2);
      g.longs("axes_0_1", new long[] {0, 1}, 2);
      g.node("Concat", List.of("seq_len", "seq_len"), "seq_seq", g.intAttribute("axis", 0));
      g.node("Slice", List.of("future", "zero_zero", "seq_seq", "axes_0_1"), "future_keys");
      mask = g.node("Or", List.of(mask, "future_keys"), "mask");
    }
    g.floats("masked", new double[] {-1e30});
    g.floats("scale", new double[] {1.0 / Math.sqrt(k)});
    g.longs("axes_1", new long[] {1}, 1);

    for (int l = 0; l < c.layers(); l++) {
      String p = "blocks." + l + ".";
      // b_Q, b_K, b_V are [heads, k]: [heads, 1, k] broadcasts over the sequence.
      for (String bias : List.of("b_Q", "b_K", "b_V")) {
        g.node("Unsqueeze", List.of(p + "attn." + bias, "axes_1"), p + "attn." + bias + "_per_head");
      }

      // Attention, all heads at once: [batch, 1, seq, d] · [heads, d, k] → [batch, heads, seq, k]
      String xs = g.node("Unsqueeze", List.of(x, "axes_1"), p + "attn.x");
      String q = g.affine(xs, p + "attn.W_Q", p + "attn.b_Q_per_head", p + "attn.q");
      String key = g.affine(xs, p + "attn.W_K", p + "attn.b_K_per_head", p + "attn.k");
      String v = g.affine(xs, p + "attn.W_V", p + "attn.b_V_per_head", p + "attn.v");
      g.node("Transpose", List.of(key), p + "attn.k_t", g.intsAttribute("perm", 0, 1, 3, 2));
      g.node("MatMul", List.of(q, p + "attn.k_t"), p + "attn.qk");
      g.node("Mul", List.of(p + "attn.qk", "scale"), p + "attn.scores");
      g.node("Where", List.of(mask, "masked", p + "attn.scores"), p + "attn.masked_scores");
      g.node("Softmax", List.of(p + "attn.masked_scores"), p + "attn.pattern", g.intAttribute("axis", -1));
      g.node("MatMul", List.of(p + "attn.pattern", v), p + "attn.z");
      g.node("MatMul", List.of(p + "attn.z", p + "attn.W_O"), p + "attn.head_out");
      g.node("ReduceSum", List.of(p + "attn.head_out", "axes_1"), p + "attn.sum",
          g.intAttribute("keepdims", 0));
      g.node("Add", List.of(p + "attn.sum", p + "attn.b_O"), p + "attn.out");
      x = g.node("Add", List.of(x, p + "attn.out"), p + "resid_mid");

      // MLP
      String pre = g.affine(x, p + "mlp.W_in", p + "mlp.b_in", p + "mlp.pre");
      g.node("Relu", List.of(pre), p + "mlp.post");
      String mlp = g.affine(p + "mlp.post", p + "mlp.W_out", p + "mlp.b_out", p + "mlp.out");
      x = g.node("Add", List.of(x, mlp), p + "resid_post");
    }

    g.affine(x, "unembed.W_U", "unembed.b_U", OUTPUT);
    g.node("Identity", List.of(x), RESIDUAL_OUTPUT);

    g.graph.setName("tracr4j")
        .addInput(valueInfo(INPUT, TensorProto.DataType.INT64, "batch", "seq"))
        .addOutput(valueInfo(OUTPUT, TensorProto.DataType.FLOAT, "batch", "seq", c.dVocabOut()))
        .addOutput(valueInfo(RESIDUAL_OUTPUT, TensorProto.DataType.FLOAT, "batch", "seq", d));
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("tracr4j")
        .setGraph(g.graph)
        .addMetadataProps(StringStringEntryProto.newBuilder()
            .setKey("tracr4j.config").setValue(ModelDirectory.configJson(model)))
        .build();
  }

  /** A graph under construction: nodes in order, initializers, unique node names. */
  private static final class Graph {
    final GraphProto.Builder graph = GraphProto.newBuilder();

    /** Adds a node with one output and returns the output's name. */
    String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
      graph.addNode(NodeProto.newBuilder()
          .setOpType(op)
          .setName(output + "/" + op)
          .addAllInput(inputs)
          .addOutput(output)
          .addAllAttribute(List.of(attributes)));
      return output;
    }

    /** {@code output = input · weight + bias}. */
    String affine(String input, String weight, String bias, String output) {
      node("MatMul", List.of(input, weight), output + "_matmul");
      return node("Add", List.of(output + "_matmul", bias), output);
    }

    void floats(String name, double[] values, int... dims) {
      ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
      for (double value : values) {
        buffer.putFloat((float) value);
      }
      graph.addInitializer(tensor(name, TensorProto.DataType.FLOAT, dims).setRawData(ByteString.copyFrom(
          buffer.array())));
    }

    void longs(String name, long[] values, int... dims) {
      ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
      for (long value : values) {
        buffer.putLong(value);
      }
      graph.addInitializer(tensor(name, TensorProto.DataType.INT64, dims).setRawData(ByteString.copyFrom(
          buffer.array())));
    }

    void bools(String name, boolean[] values, int... dims) {
      byte[] bytes = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        bytes[i] = (byte) (values[i] ? 1 : 0);
      }
      graph.addInitializer(tensor(name, TensorProto.DataType.BOOL, dims).setRawData(ByteString.copyFrom(
          bytes)));
    }

    AttributeProto intAttribute(String name, long value) {
      return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
          .setI(value).build();
    }

    AttributeProto intsAttribute(String name, long... values) {
      AttributeProto.Builder builder =
          AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
      for (long value : values) {
        builder.addInts(value);
      }
      return builder.build();
    }

    private static TensorProto.Builder tensor(String name, TensorProto.DataType type, int... dims) {
      TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
      for (int dim : dims) {
        tensor.addDims(dim);
      }
      return tensor;
    }
  }

  /** A tensor type whose dimensions are symbolic names ({@code String}) or sizes ({@code Integer}). */
  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
      switch (dim) {
        case String symbol -> dimension.setDimParam(symbol);
        case Integer size -> dimension.setDimValue(size);
        default -> throw new IllegalArgumentException("dimension " + dim);
      }
      shape.addDim(dimension);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }
}
