package org.tracr4j.generate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tracr4j.rasp.SOp;

/**
 * A generated program: the s-op, its {@code .rasp} text (one {@code name = expr;} statement per
 * expression in dependency order, then {@code return output;}), the statements it was built from, and the
 * configuration (vocabulary, maximum length) it is valid for. {@code compilerRefusals} counts, by rule code,
 * the statements drawn for it that the compiler refused (and the generator replaced): outside the contract,
 * the failing functions and averaging aggregates the compiler caught.
 */
public record GeneratedProgram(SOp program, String raspSource, List<Statement> statements, String output,
    GeneratorConfig config, Map<Construct, Integer> constructCounts, Map<String, Integer> compilerRefusals) {
  public GeneratedProgram {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(raspSource, "raspSource");
    statements = List.copyOf(statements);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(config, "config");
    EnumMap<Construct, Integer> counts = new EnumMap<>(Construct.class);
    counts.putAll(constructCounts);
    constructCounts = java.util.Collections.unmodifiableMap(counts);
    compilerRefusals = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(compilerRefusals));
  }

  /** This program with {@code earlier} (the refusals of earlier draws) added to its refusals. */
  GeneratedProgram withEarlierRefusals(Map<String, Integer> earlier) {
    Map<String, Integer> all = new java.util.TreeMap<>(compilerRefusals);
    earlier.forEach((rule, n) -> all.merge(rule, n, Integer::sum));
    return new GeneratedProgram(program, raspSource, statements, output, config, constructCounts, all);
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
