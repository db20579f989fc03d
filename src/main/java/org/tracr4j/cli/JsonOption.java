package org.tracr4j.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON document (or JSON lines) instead of plain text. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON: {\"input\": [...], \"output\": [...]} per input.")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
