package org.tracr4j.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tracr4j.CorruptModelException;

/**
 * The SHA-256 of {@code model.safetensors}, kept in config.json: a flipped bit inside a weight still reads
 * as a finite number, so only the digest catches it.
 */
final class WeightsDigest {
  /** Key of the digest (hex) in the {@code tracr4j} object of config.json. */
  static final String KEY = "weights_sha256";

  private WeightsDigest() {}

  static String sha256(byte[] bytes) {
    MessageDigest digest = newDigest();
    return HexFormat.of().formatHex(digest.digest(bytes));
  }

  /** The digest of a file, read in blocks (a model's weights may be larger than a Java array). */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] block = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(block); n >= 0; n = in.read(block)) {
        digest.update(block, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Checks the weights file against config.json's digest, when config.json has one (older files do not).
   *
   * @throws CorruptModelException naming the weights file if it cannot be read or does not match
   */
  static void check(JsonNode root, Path weightsFile) {
    JsonNode expected = root.path("tracr4j").path(KEY);
    if (expected.isMissingNode() || expected.isNull()) {
      return;
    }
    String actual;
    try {
      actual = sha256(weightsFile);
    } catch (IOException e) {
      throw new CorruptModelException(weightsFile.toString(), "cannot read the file: " + ReadFailure.reason(e), e);
    }
    if (!expected.isTextual() || !expected.textValue().equalsIgnoreCase(actual)) {
      throw new CorruptModelException(weightsFile.toString(), "SHA-256 does not match "
          + ModelDirectory.CONFIG_FILE + "'s " + KEY + ": the weights were modified or corrupted");
    }
  }
}
