package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.CorruptModelException;

class SafetensorsTest {
  @TempDir Path dir;

  private static Map<String, Tensor> sample(DataType type) {
    Random random = new Random(42);
    double[] matrix = new double[2 * 3];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = random.nextGaussian() * 1e3;
    }
    matrix[0] = -0.0;
    matrix[1] = Double.MIN_NORMAL;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a.weight", new Tensor(type, new int[] {2, 3}, matrix));
    tensors.put("b.bias", new Tensor(type, new int[] {3}, new double[] {1, 2.5, -7}));
    tensors.put("empty", new Tensor(type, new int[] {0, 4}, new double[0]));
    tensors.put("scalar", new Tensor(type, new int[] {}, new double[] {Math.PI}));
    return tensors;
  }

  @Test
  void float64RoundTripIsBitExact() throws IOException {
    Path file = dir.resolve("x.safetensors");
    Map<String, Tensor> tensors = sample(DataType.F64);
    Safetensors.write(file, tensors, Map.of("format", "pt", "note", "ünïcode"));
    Safetensors.Contents read = Safetensors.read(file);
    assertThat(read.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "note", "ünïcode"));
    assertThat(read.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
    for (String name : tensors.keySet()) {
      Tensor expected = tensors.get(name);
      Tensor actual = read.tensors().get(name);
      assertThat(actual.type()).isEqualTo(DataType.F64);
      assertThat(actual.shape()).isEqualTo(expected.shape());
      assertThat(Arrays.stream(actual.data()).mapToLong(Double::doubleToRawLongBits).toArray())
          .isEqualTo(Arrays.stream(expected.data()).mapToLong(Double::doubleToRawLongBits).toArray());
    }
  }

  @Test
  void encodedTensorsRenamedAreWrittenAsTheTensorsThemselves() throws IOException {
    Map<String, Tensor> tensors = sample(DataType.F32);
    Map<String, Tensor> prefixed = new LinkedHashMap<>();
    java.util.List<Safetensors.Encoded> encoded = new java.util.ArrayList<>();
    tensors.forEach((name, tensor) -> {
      prefixed.put("p1/" + name, tensor);
      encoded.add(Safetensors.encode(name, tensor).named("p1/" + name));
    });
    Path direct = dir.resolve("direct.safetensors");
    Path fromEncoded = dir.resolve("encoded.safetensors");
    Safetensors.write(direct, prefixed, Map.of("format", "pt"));
    Safetensors.writeEncoded(fromEncoded, encoded, Map.of("format", "pt"));
    assertThat(Files.readAllBytes(fromEncoded)).isEqualTo(Files.readAllBytes(direct));
    assertThat(Safetensors.read(fromEncoded).tensors()).containsOnlyKeys(prefixed.keySet());
  }

  @Test
  void encodedTensorsWithOneNameTwiceAreRefused() {
    Tensor tensor = new Tensor(DataType.F32, new int[] {1}, new double[] {1});
    java.util.List<Safetensors.Encoded> twice =
        java.util.List.of(Safetensors.encode("a", tensor), Safetensors.encode("a", tensor));
    assertThatThrownBy(() -> Safetensors.writeEncoded(dir.resolve("x.safetensors"), twice, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tensors named a");
  }

  @Test
  void float32RoundTripRoundsEachValueToNearest() throws IOException {
    Path file = dir.resolve("x.safetensors");
    Map<String, Tensor> tensors = sample(DataType.F32);
    Safetensors.write(file, tensors, Map.of());
    Safetensors.Contents read = Safetensors.read(file);
    assertThat(read.metadata()).isEmpty();
    for (String name : tensors.keySet()) {
      double[] expected = tensors.get(name).data();
      double[] actual = read.tensors().get(name).data();
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).isEqualTo((double) (float) expected[i]);
      }
    }
  }

  @Test
  void dataSectionIsAligned() throws IOException {
    Path file = dir.resolve("x.safetensors");
    Safetensors.write(file, sample(DataType.F32), Map.of("format", "pt"));
    byte[] bytes = Files.readAllBytes(file);
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(headerLength % 8).isZero();
    // 6 + 3 + 0 + 1 floats after the header, nothing else
    assertThat(bytes.length).isEqualTo(8 + headerLength + 10 * 4);
  }

  // --- corrupt files: each gives a CorruptModelException naming the file and the problem

  private Path valid() throws IOException {
    Path file = dir.resolve("model.safetensors");
    Safetensors.write(file, sample(DataType.F32), Map.of());
    return file;
  }

  private Path handWritten(String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(json.length).put(json);
    Path file = dir.resolve("model.safetensors");
    Files.write(file, buffer.array());
    return file;
  }

  private void assertCorrupt(Path file, String problem) {
    assertThatThrownBy(() -> Safetensors.read(file))
        .isInstanceOf(CorruptModelException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void truncatedFile() throws IOException {
    Path file = valid();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    assertCorrupt(file, "(truncated?)");
    Files.write(file, Arrays.copyOf(bytes, 5));
    assertCorrupt(file, "file is 5 bytes, too short for the 8-byte header length");
    Files.write(file, Arrays.copyOf(bytes, 40));
    assertCorrupt(file, "is not between 2 and the 32 bytes that follow it");
  }

  @Test
  void trailingBytes() throws IOException {
    Path file = valid();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length + 4));
    assertCorrupt(file, "(trailing bytes)");
  }

  @Test
  void badHeaderLength() throws IOException {
    Path file = valid();
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
    Files.write(file, bytes);
    assertCorrupt(file, "header length 18446744073709551615 is not between 2 and");
  }

  @Test
  void badJson() throws IOException {
    assertCorrupt(handWritten("{\"a\": [1, 2", 0), "header is not valid JSON");
    assertCorrupt(handWritten("[1, 2, 3]", 0), "header is not a JSON object");
    assertCorrupt(handWritten("{} {}", 0), "header is not valid JSON");
    assertCorrupt(handWritten(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
        "Duplicate field 'a'");
  }

  @Test
  void wrongOffsets() throws IOException {
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
        "tensor a has data_offsets [0, 4] (4 bytes), but F32 × [2] needs 8 bytes");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
        "tensor a starts at data offset 4, expected 0");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
        "starts at data offset 0, expected");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4),
        "expected [begin, end], two non-negative integers");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 0),
        "the tensors cover 4 bytes of data but the file holds 0 after the header (truncated?)");
  }

  @Test
  void wrongDtypeOrShape() throws IOException {
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
        "tensor a has dtype F16; only F32 and F64 are supported");
    assertCorrupt(handWritten("{\"a\":{\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
        "tensor a has no dtype string");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,4]}}", 4),
        "dimensions must be non-negative integers");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,4]}}", 4),
        "tensor a has no shape array");
    assertCorrupt(handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],"
        + "\"data_offsets\":[0,4]}}", 4), "needs");
    assertCorrupt(handWritten("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__.k is not a string");
  }

  @Test
  void missingFile() {
    assertCorrupt(dir.resolve("model.safetensors"), "cannot read the file");
  }
}
