package org.tracr4j.generate;

import java.util.Objects;

/** One line of a generated program: {@code name = definition;}. */
public record Statement(String name, Definition definition) {
  public Statement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
  }

  /** The {@code .rasp} statement, with its terminating semicolon. */
  public String source() {
    return name + " = " + definition.source() + ";";
  }
}
