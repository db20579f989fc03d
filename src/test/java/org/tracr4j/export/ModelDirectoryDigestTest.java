package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.CorruptModelException;
import org.tracr4j.model.Model;
import org.tracr4j.model.TestModels;

/** A bit flipped inside the weights still parses as a finite number: the SHA-256 in config.json catches it. */
class ModelDirectoryDigestTest {
  @TempDir Path dir;

  @Test
  void aFlippedWeightBitIsReportedNotAnsweredWith() throws Exception {
    Model model = TestModels.random(1, 2, 2, 8, 4, 6, 5, 6, 5, true);
    ModelDirectory.write(model, dir, DataType.F32);
    Path weights = dir.resolve(ModelDirectory.WEIGHTS_FILE);
    byte[] bytes = Files.readAllBytes(weights);
    long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    int inData = (int) (8 + header + (bytes.length - 8 - header) / 2);
    bytes[inData] ^= 0x01;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> ModelDirectory.read(dir))
        .isInstanceOf(CorruptModelException.class)
        .hasMessageStartingWith(weights.toString())
        .hasMessageContaining("SHA-256");
  }

  @Test
  void directoriesWithoutADigestStillLoad() throws Exception {
    Model model = TestModels.random(1, 2, 2, 8, 4, 6, 5, 6, 5, false);
    ModelDirectory.write(model, dir, DataType.F64);
    ObjectMapper json = new ObjectMapper();
    Path config = dir.resolve(ModelDirectory.CONFIG_FILE);
    ObjectNode root = (ObjectNode) json.readTree(config.toFile());
    assertThat(root.path("tracr4j").path(ModelDirectory.WEIGHTS_DIGEST).asText()).hasSize(64);
    ((ObjectNode) root.get("tracr4j")).remove(ModelDirectory.WEIGHTS_DIGEST);
    json.writeValue(config.toFile(), root);
    assertThat(ModelDirectory.read(dir).config()).isEqualTo(model.config());
  }
}
