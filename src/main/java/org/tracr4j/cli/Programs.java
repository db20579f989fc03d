package org.tracr4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;

/** Loads {@code .rasp} files for the commands, turning I/O failures into one-line errors. */
final class Programs {
  private Programs() {}

  static Program load(Path path) {
    String source;
    try {
      source = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + path + ": no such file", CliException.NO_INPUT);
    } catch (IOException e) {
      throw new CliException("cannot read " + path + ": " + e.getMessage(), CliException.NO_INPUT);
    }
    return RaspLanguage.parse(source, path.toString());
  }
}
