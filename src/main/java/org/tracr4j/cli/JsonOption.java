package org.tracr4j.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON document (or JSON lines) instead of plain text. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON instead of text (its shape is given below).")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
