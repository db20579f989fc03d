package org.tracr4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.export.OnnxExporter;
import org.tracr4j.export.Safetensors;
import org.tracr4j.export.Tensor;
import org.tracr4j.model.Model;

/**
 * Writes a compression as a standard model directory: the {@linkplain Folding folded} d-wide model
 * ({@code model.safetensors} + {@code config.json}, optionally {@code model.onnx}), and W itself in
 * {@code compression.safetensors} (tensor {@code W}, float64, {@code [D][d]}, with the compiled residual
 * labels in its metadata).
 */
public final class CompressionDirectory {
  public static final String W_FILE = "compression.safetensors";
  public static final String W_TENSOR = "W";
  public static final String ONNX_FILE = "model.onnx";

  private CompressionDirectory() {}

  /** Writes {@code compression} to {@code dir} (created if needed) and returns the folded model. */
  public static Model write(Compression compression, Path dir, DataType type, boolean onnx)
      throws IOException {
    Files.createDirectories(dir);
    Model folded = Folding.fold(compression);
    ModelDirectory.write(folded, dir, type);
    if (onnx) {
      OnnxExporter.write(folded, dir.resolve(ONNX_FILE));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("original_residual_labels", Folding.json(compression.compiled().residualLabels()));
    meta.put("original_d_model", String.valueOf(compression.originalWidth()));
    meta.put("d_model", String.valueOf(compression.width()));
    meta.put("seed", String.valueOf(compression.options().seed()));
    Safetensors.write(dir.resolve(W_FILE), Map.of(W_TENSOR, new Tensor(DataType.F64,
        new int[] {compression.originalWidth(), compression.width()}, compression.w())), meta);
    return folded;
  }

  /** Reads W back from {@code compression.safetensors} in {@code dir}. */
  public static double[] readW(Path dir) {
    Tensor w = Safetensors.read(dir.resolve(W_FILE)).tensors().get(W_TENSOR);
    if (w == null) {
      throw new org.tracr4j.CorruptModelException(dir.resolve(W_FILE).toString(), "holds no tensor W");
    }
    return w.data();
  }
}
