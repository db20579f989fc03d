package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.LibraryCase;
import org.tracr4j.testing.LibraryCases;
import org.tracr4j.testing.Outputs;
import org.tracr4j.testing.UnsupportedCase;

/** Tracr's own test table (tracr-reference §6) through the compiler, in both modes. */
class CompilerTest {
  static Stream<LibraryCase> cases() {
    return LibraryCases.all().stream();
  }

  static List<Value> run(Model model, List<Value> input) {
    List<Value> out = new ArrayList<>();
    for (Object o : model.run(input)) {
      out.add(Value.ofJava(o));
    }
    return out;
  }

  static CompileOptions options(LibraryCase c, CompileOptions.Mode mode) {
    return CompileOptions.of(c.vocab(), c.maxSeqLen()).withCausal(c.causal()).withMode(mode);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exactModelGivesTheListedOutput(LibraryCase c) {
    Model model = Compiler.compile(c.program().get(), options(c, CompileOptions.Mode.EXACT)).model();
    Outputs.COMPILED.assertMatches(run(model, c.input()), c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tracrModelGivesTheListedOutput(LibraryCase c) {
    Model model = Compiler.compile(c.program().get(), options(c, CompileOptions.Mode.TRACR)).model();
    Outputs.COMPILED.assertMatches(run(model, c.input()), c.expected());
  }

  static Stream<UnsupportedCase> unsupported() {
    return LibraryCases.UNSUPPORTED.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void unsupportedProgramsAreRejectedWithTheirLabel(UnsupportedCase c) {
    CompileOptions options = CompileOptions.of(c.vocab(), c.maxSeqLen()).withMode(CompileOptions.Mode.TRACR);
    assertThatThrownBy(() -> Compiler.compile(c.program().get(), options))
        .isInstanceOf(UnsupportedProgramException.class)
        .satisfies(e -> assertThat(((UnsupportedProgramException) e).findings()).isNotEmpty());
  }

  /**
   * The stage boundary: assembling a plan gives the model that compile gives (same shape, weights, labels,
   * metadata and provenance), and the plan already knows the shape; a plan can be assembled more than once.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compileIsPlanThenAssemble(LibraryCase c) {
    for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
      PlannedProgram planned = Compiler.plan(c.program().get(), options(c, mode));
      Model compiled = Compiler.compile(c.program().get(), options(c, mode)).model();
      Model assembled = Compiler.assemble(planned).model();
      assertThat(planned.config()).isEqualTo(compiled.config());
      assertThat(assembled.weights()).usingRecursiveComparison().isEqualTo(compiled.weights());
      assertThat(assembled.residualLabels()).isEqualTo(compiled.residualLabels());
      assertThat(assembled.metadata()).isEqualTo(compiled.metadata());
      assertThat(assembled.provenance()).isEqualTo(compiled.provenance());
      assertThat(Compiler.assemble(planned).model().weights()).usingRecursiveComparison()
          .isEqualTo(compiled.weights());
    }
  }
}
