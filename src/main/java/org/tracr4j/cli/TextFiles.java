package org.tracr4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text files the commands are given (programs, {@code --inputs}, {@code --vocab-file}) as strict
 * UTF-8, with one-line errors that say what is wrong: no such file, permission denied, a directory, or not
 * UTF-8 at byte N.
 */
final class TextFiles {
  private TextFiles() {}

  static String read(Path path) {
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new CliException("cannot read " + path + ": it is a directory", CliException.NO_INPUT);
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + path + ": no such file", CliException.NO_INPUT);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read " + path + ": permission denied", CliException.NO_INPUT);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
      throw new CliException("cannot read " + path + ": " + reason.toLowerCase(Locale.ROOT), CliException.NO_INPUT);
    } catch (IOException e) {
      throw new CliException("cannot read " + path + ": " + e.getMessage(), CliException.NO_INPUT);
    }
    return decode(bytes, path);
  }

  static List<String> readLines(Path path) {
    return read(path).lines().toList();
  }

  /** Strict UTF-8; a malformed or unmappable sequence is reported with its byte offset (from 0). */
  static String decode(byte[] bytes, Path path) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new CliException("cannot read " + path + ": not UTF-8 at byte " + in.position()
          + " (0x" + String.format("%02x", bytes[in.position()] & 0xff) + ")", CliException.NO_INPUT);
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
