package org.tracr4j.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.SOp;

/**
 * Makes a failing program smaller. Given a program and a predicate that holds for it ("still fails"),
 * it tries simpler candidates, keeps the first that is well typed and still satisfies the predicate, and
 * repeats until no candidate does. The result is locally minimal: no single step below applies.
 *
 * <p>Candidates, most reducing first:
 * <ol>
 *   <li>return a built-in or an earlier s-op instead (drops everything only the output needed);
 *   <li>compose a map of a map into one map of the inner map's input;
 *   <li>replace every use of an s-op by one of its s-op inputs, or by {@code tokens}, {@code indices} or
 *       {@code length}, when it has the same encoding;
 *   <li>replace every use of a selector combination by one of its operands (drops a conjunct or a
 *       negation).
 * </ol>
 * Every candidate is rebuilt through the generator's type checks, so the predicate only ever sees
 * programs that evaluate without errors.
 */
public final class Shrinker {
  private static final List<String> BUILT_INS =
      List.of(ProgramBuilder.TOKENS, ProgramBuilder.INDICES, ProgramBuilder.LENGTH);

  private Shrinker() {}

  /**
   * The smallest program reachable from {@code program} by the steps above for which {@code stillFails}
   * holds; {@code program} itself when none is smaller. The predicate should hold for {@code program}.
   */
  public static GeneratedProgram shrink(GeneratedProgram program, Predicate<SOp> stillFails) {
    Objects.requireNonNull(stillFails, "stillFails");
    GeneratedProgram current = program;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Candidate candidate : candidates(current)) {
        Optional<GeneratedProgram> built =
            ProgramBuilder.assemble(current.config(), candidate.statements(), candidate.output());
        if (built.isPresent() && built.get().size() < current.size() && stillFails.test(built.get().program())) {
          current = built.get();
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  private record Candidate(List<Statement> statements, String output) {}

  private static List<Candidate> candidates(GeneratedProgram program) {
    List<Statement> statements = program.statements();
    List<Candidate> out = new ArrayList<>();
    for (String builtIn : BUILT_INS) {
      out.add(new Candidate(statements, builtIn));
    }
    for (Statement statement : statements) {
      if (!statement.name().equals(program.output())) {
        out.add(new Candidate(statements, statement.name()));
      }
    }
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i).definition() instanceof Definition.MapOf outer) {
        composed(statements, i, outer).ifPresent(composed -> out.add(new Candidate(composed, program.output())));
      }
    }
    for (Statement statement : statements) {
      Set<String> replacements = new LinkedHashSet<>();
      switch (statement.definition()) {
        case Definition.SelectorAndOf d -> replacements.addAll(d.references());
        case Definition.SelectorOrOf d -> replacements.addAll(d.references());
        case Definition.SelectorNotOf d -> replacements.addAll(d.references());
        case Definition.SelectOf d -> { }
        case Definition.MapOf d -> replacements.addAll(sopInputs(d, BUILT_INS));
        case Definition.SequenceMapOf d -> replacements.addAll(sopInputs(d, BUILT_INS));
        case Definition.LinearSequenceMapOf d -> replacements.addAll(d.references());
        case Definition.AggregateOf d -> replacements.addAll(sopInputs(d, List.of(d.sop())));
        case Definition.SelectorWidthOf d -> replacements.addAll(BUILT_INS);
        case Definition.LibraryCall d -> replacements.addAll(sopInputs(d, BUILT_INS));
      }
      for (String replacement : replacements) {
        out.add(replaced(statements, program.output(), statement.name(), replacement));
      }
    }
    return out;
  }

  /** The map at {@code index} applied directly to the input of the map it reads, when it reads one. */
  private static Optional<List<Statement>> composed(List<Statement> statements, int index, Definition.MapOf outer) {
    for (Statement statement : statements) {
      if (statement.name().equals(outer.input()) && statement.definition() instanceof Definition.MapOf inner) {
        Lambda function = Lambda.compose(outer.function(), inner.function());
        List<Statement> out = new ArrayList<>(statements);
        out.set(index, new Statement(statements.get(index).name(),
            new Definition.MapOf(inner.input(), function, outer.encoding())));
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  private static List<String> sopInputs(Definition definition, List<String> extra) {
    List<String> inputs = new ArrayList<>(definition.references());
    inputs.addAll(extra);
    return inputs;
  }

  /** Every use of {@code name} (including as the output) reading {@code replacement} instead. */
  private static Candidate replaced(List<Statement> statements, String output, String name, String replacement) {
    List<Statement> out = new ArrayList<>();
    for (Statement statement : statements) {
      if (!statement.name().equals(name)) {
        out.add(new Statement(statement.name(),
            statement.definition().renamed(reference -> reference.equals(name) ? replacement : reference)));
      }
    }
    String newOutput = output.equals(name) ? replacement : output;
    return new Candidate(out, newOutput);
  }
}
