package org.tracr4j.generate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tracr4j.rasp.SOp;

/**
 * A generated program: the s-op, its {@code .rasp} text (one {@code name = expr;} statement per
 * expression in dependency order, then {@code return output;}), the statements it was built from, and the
 * configuration (vocabulary, maximum length) it is valid for.
 */
public record GeneratedProgram(SOp program, String raspSource, List<Statement> statements, String output,
    GeneratorConfig config, Map<Construct, Integer> constructCounts) {
  public GeneratedProgram {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(raspSource, "raspSource");
    statements = List.copyOf(statements);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(config, "config");
    EnumMap<Construct, Integer> counts = new EnumMap<>(Construct.class);
    counts.putAll(constructCounts);
    constructCounts = java.util.Collections.unmodifiableMap(counts);
  }

  /** The number of statements. */
  public int size() {
    return statements.size();
  }

  /** How many statements of {@code construct} the program has. */
  public int count(Construct construct) {
    return constructCounts.getOrDefault(construct, 0);
  }
}
