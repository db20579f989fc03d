package org.tracr4j.cli;

import java.nio.file.Path;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;

/** Loads {@code .rasp} files for the commands, turning I/O failures into one-line errors. */
final class Programs {
  private Programs() {}

  static Program load(Path path) {
    return RaspLanguage.parse(TextFiles.read(path), path.toString());
  }
}
