package org.tracr4j.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracr4j.CorruptModelException;

/**
 * The safetensors format, written by hand: an unsigned 64-bit little-endian header length {@code n}, then
 * {@code n} bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets":
 * [begin, end]}} (offsets relative to the end of the header) and an optional {@code "__metadata__"} object
 * of strings, then the raw little-endian data of every tensor, back to back.
 *
 * <p>The reader is strict: anything but a well-formed file whose tensors exactly tile the data section is a
 * {@link CorruptModelException} naming the file and the problem.
 */
public final class Safetensors {
  /** Largest header accepted; real headers are a few kilobytes. */
  static final long MAX_HEADER_BYTES = 100L << 20;
  private static final String METADATA = "__metadata__";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private Safetensors() {}

  /** What a safetensors file holds: tensors in file order, and the {@code __metadata__} strings. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public Contents {
      tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
      metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /**
   * Writes {@code tensors} in iteration order, each in its own {@link Tensor#type()}, with {@code metadata}
   * as {@code __metadata__} (omitted when empty). The header is padded with spaces to a multiple of 8 bytes
   * so that the data section is aligned.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    List<Layout> layouts = new ArrayList<>(tensors.size());
    tensors.forEach((name, tensor) -> layouts.add(
        new Layout(name, tensor.type(), tensor.shape(), Tensor.elements(tensor.shape()) * tensor.type().bytes())));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header(layouts, metadata));
      for (Tensor tensor : tensors.values()) {
        encode(tensor, out);
      }
    }
  }

  /**
   * A tensor already encoded as it is stored: its name, type, shape and little-endian data. Encoding is the
   * costly part of writing; a writer that gathers many models (the dataset's shards) has it done in
   * parallel and then writes the bytes in order.
   */
  public record Encoded(String name, DataType type, int[] shape, byte[] data) {
    public Encoded {
      shape = shape.clone();
      if (Tensor.elements(shape) * type.bytes() != data.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type + " needs "
            + Tensor.elements(shape) * type.bytes() + " bytes, the data has " + data.length);
      }
    }

    /** The same tensor under another name (no copy of the data). */
    public Encoded named(String newName) {
      return new Encoded(newName, type, shape, data);
    }
  }

  /** {@code tensor} encoded in its {@link Tensor#type()} under {@code name}. */
  public static Encoded encode(String name, Tensor tensor) {
    return new Encoded(name, tensor.type(), tensor.shape(), encode(tensor));
  }

  /** {@link #write} of tensors already encoded, in list order; names must be distinct. */
  public static void writeEncoded(Path file, List<Encoded> tensors, Map<String, String> metadata)
      throws IOException {
    List<Layout> layouts = new ArrayList<>(tensors.size());
    for (Encoded tensor : tensors) {
      layouts.add(new Layout(tensor.name(), tensor.type(), tensor.shape, tensor.data().length));
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header(layouts, metadata));
      for (Encoded tensor : tensors) {
        out.write(tensor.data());
      }
    }
  }

  /** Where a tensor goes: its name, type, shape and byte size. */
  private record Layout(String name, DataType type, int[] shape, long bytes) {}

  /**
   * The 8-byte header length and the JSON header, padded with spaces to a multiple of 8 bytes so that the
   * data section is aligned; names must be distinct.
   */
  private static byte[] header(List<Layout> layouts, Map<String, String> metadata) throws IOException {
    // Streamed, not built as a tree: a dataset shard's header lists tens of thousands of tensors.
    ByteArrayOutputStream json = new ByteArrayOutputStream(64 + 96 * layouts.size());
    Set<String> names = new HashSet<>();
    try (JsonGenerator out = JSON.getFactory().createGenerator(json)) {
      out.writeStartObject();
      if (!metadata.isEmpty()) {
        out.writeObjectFieldStart(METADATA);
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
          out.writeStringField(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
      }
      long offset = 0;
      for (Layout layout : layouts) {
        if (layout.name().equals(METADATA) && !metadata.isEmpty() || !names.add(layout.name())) {
          throw new IllegalArgumentException("two tensors named " + layout.name());
        }
        out.writeObjectFieldStart(layout.name());
        out.writeStringField("dtype", layout.type().name());
        out.writeArrayFieldStart("shape");
        for (int dimension : layout.shape()) {
          out.writeNumber(dimension);
        }
        out.writeEndArray();
        long end = offset + layout.bytes();
        out.writeArrayFieldStart("data_offsets");
        out.writeNumber(offset);
        out.writeNumber(end);
        out.writeEndArray();
        out.writeEndObject();
        offset = end;
      }
      out.writeEndObject();
    }
    int padded = (json.size() + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json.toByteArray());
    while (out.hasRemaining()) {
      out.put((byte) ' ');
    }
    return out.array();
  }

  /**
   * Reads and checks a whole file.
   *
   * @throws CorruptModelException naming {@code file} if it cannot be read, if the header length is not
   *     sane, the header is not valid JSON of the expected form, a dtype is not F32 or F64, offsets are not
   *     contiguous, in bounds and equal to dtype size × shape, or the file size is not exactly header +
   *     data
   */
  public static Contents read(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > org.tracr4j.model.ModelSize.MAX_ARRAY) {
        throw new org.tracr4j.ModelTooLargeException(String.format(java.util.Locale.ROOT, "%s is %.1f GB; this "
            + "reader holds the file in one Java array, at most 2 GB (write the model as float32, the default "
            + "--dtype, to halve it)", name, size / (double) (1L << 30)));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | OutOfMemoryError e) {
      throw new CorruptModelException(name, "cannot read the file: " + ReadFailure.reason(e), e);
    }
    if (bytes.length < 8) {
      throw new CorruptModelException(name,
          "file is " + bytes.length + " bytes, too short for the 8-byte header length");
    }
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8L) {
      throw new CorruptModelException(name, "header length " + Long.toUnsignedString(headerLength)
          + " is not between 2 and the " + (bytes.length - 8) + " bytes that follow it");
    }
    JsonNode header = parseHeader(name, bytes, (int) headerLength);
    int dataStart = 8 + (int) headerLength;
    long dataLength = bytes.length - (long) dataStart;

    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals(METADATA)) {
        readMetadata(name, field.getValue(), metadata);
      } else {
        entries.add(entry(name, field.getKey(), field.getValue()));
      }
    }

    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin));
    long expected = 0;
    for (Entry entry : byOffset) {
      if (entry.begin != expected) {
        throw new CorruptModelException(name, "tensor " + entry.name + " starts at data offset "
            + entry.begin + ", expected " + expected + " (tensors must be contiguous, without gaps or overlap)");
      }
      expected = entry.end;
    }
    if (expected != dataLength) {
      throw new CorruptModelException(name, "the tensors cover " + expected
          + " bytes of data but the file holds " + dataLength + " after the header"
          + (expected > dataLength ? " (truncated?)" : " (trailing bytes)"));
    }

    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Entry entry : byOffset) {
      tensors.put(entry.name, decode(entry, bytes, dataStart));
    }
    return new Contents(tensors, metadata);
  }

  private record Entry(String name, DataType type, int[] shape, long begin, long end) {}

  private static JsonNode parseHeader(String name, byte[] bytes, int length) {
    String text = new String(bytes, 8, length, StandardCharsets.UTF_8);
    JsonNode header;
    try {
      header = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CorruptModelException(name, "header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (header == null || !header.isObject()) {
      throw new CorruptModelException(name, "header is not a JSON object");
    }
    return header;
  }

  private static void readMetadata(String name, JsonNode node, Map<String, String> metadata) {
    if (!node.isObject()) {
      throw new CorruptModelException(name, METADATA + " is not a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isTextual()) {
        throw new CorruptModelException(name, METADATA + "." + field.getKey() + " is not a string");
      }
      metadata.put(field.getKey(), field.getValue().asText());
    }
  }

  private static Entry entry(String name, String tensor, JsonNode node) {
    String where = "tensor " + tensor;
    if (!node.isObject()) {
      throw new CorruptModelException(name, where + " is not described by a JSON object");
    }
    JsonNode dtype = node.get("dtype");
    if (dtype == null || !dtype.isTextual()) {
      throw new CorruptModelException(name, where + " has no dtype string");
    }
    DataType type;
    try {
      type = DataType.valueOf(dtype.asText());
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(name, where + " has dtype " + dtype.asText()
          + "; only F32 and F64 are supported");
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw new CorruptModelException(name, where + " has no shape array");
    }
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode dimension = shapeNode.get(i);
      if (!dimension.isIntegralNumber() || dimension.bigIntegerValue().signum() < 0
          || dimension.bigIntegerValue().bitLength() > 31) {
        throw new CorruptModelException(name, where + " has shape " + shapeNode
            + "; dimensions must be non-negative integers below 2^31");
      }
      shape[i] = dimension.intValue();
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null || !offsets.isArray() || offsets.size() != 2
        || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
        || offsets.get(0).bigIntegerValue().signum() < 0
        || offsets.get(1).bigIntegerValue().bitLength() > 62) {
      throw new CorruptModelException(name, where + " has data_offsets " + offsets
          + "; expected [begin, end], two non-negative integers");
    }
    long begin = offsets.get(0).longValue();
    long end = offsets.get(1).longValue();
    long bytesNeeded = Tensor.elements(shape) * type.bytes();
    if (Tensor.elements(shape) > Integer.MAX_VALUE || end - begin != bytesNeeded) {
      throw new CorruptModelException(name, where + " has data_offsets [" + begin + ", " + end + "] ("
          + (end - begin) + " bytes), but " + type + " × " + Arrays.toString(shape) + " needs "
          + bytesNeeded + " bytes");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
        throw new CorruptModelException(name, where + " has an unknown field '" + key + "'");
      }
    }
    return new Entry(tensor, type, shape, begin, end);
  }

  /** A tensor's data little-endian in one array (a dataset's small models; refused beyond a Java array). */
  private static byte[] encode(Tensor tensor) {
    long bytes = Tensor.elements(tensor.shape()) * tensor.type().bytes();
    if (bytes > org.tracr4j.model.ModelSize.MAX_ARRAY) {
      throw new org.tracr4j.ModelTooLargeException("a tensor of " + bytes + " bytes does not fit one Java array");
    }
    // Straight into an array of the exact size: a dataset encodes tens of small tensors per program, and a
    // block buffer per tensor was most of what the whole build allocated.
    ByteBuffer out = ByteBuffer.wrap(new byte[(int) bytes]).order(ByteOrder.LITTLE_ENDIAN);
    put(tensor, 0, tensor.data().length, out);
    return out.array();
  }

  /** Writes a tensor's data little-endian, in blocks: its byte size may exceed a Java array's. */
  private static void encode(Tensor tensor, OutputStream out) throws IOException {
    double[] data = tensor.data();
    int perBlock = Math.min(1 << 16, Math.max(1, data.length));
    ByteBuffer buffer = ByteBuffer.allocate(perBlock * tensor.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < data.length; from += perBlock) {
      buffer.clear();
      put(tensor, from, (int) Math.min(data.length, (long) from + perBlock), buffer);
      out.write(buffer.array(), 0, buffer.position());
    }
  }

  /**
   * Puts elements {@code from .. to - 1} of the tensor's data into {@code buffer}, in the tensor's type: in
   * bulk through a view in the buffer's byte order (one copy that swaps bytes, not a call per element).
   */
  private static void put(Tensor tensor, int from, int to, ByteBuffer buffer) {
    double[] data = tensor.data();
    int count = to - from;
    switch (tensor.type()) {
      case F32 -> {
        float[] floats = new float[count];
        for (int i = 0; i < count; i++) {
          floats[i] = (float) data[from + i];
        }
        buffer.asFloatBuffer().put(floats);
      }
      case F64 -> buffer.asDoubleBuffer().put(data, from, count);
    }
    buffer.position(buffer.position() + count * tensor.type().bytes());
  }

  private static Tensor decode(Entry entry, byte[] bytes, int dataStart) {
    int count = (int) Tensor.elements(entry.shape);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, dataStart + (int) entry.begin, (int) (entry.end - entry.begin))
        .order(ByteOrder.LITTLE_ENDIAN);
    double[] data = new double[count];
    switch (entry.type) {
      case F32 -> {
        for (int i = 0; i < count; i++) {
          data[i] = buffer.getFloat();
        }
      }
      case F64 -> {
        for (int i = 0; i < count; i++) {
          data[i] = buffer.getDouble();
        }
      }
    }
    return new Tensor(entry.type, entry.shape, data);
  }
}
