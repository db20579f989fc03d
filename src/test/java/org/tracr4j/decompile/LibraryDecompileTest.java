package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.model.Model;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;

/**
 * Every library program, exact and Tracr mode, causal and not, is written as a model directory, stripped of
 * everything but the weights and the interface (residual labels, source, metadata, digest), its residual
 * dimensions, neurons and heads permuted; the decompiled program must be equivalent to the original.
 */
class LibraryDecompileTest {
  /** Keys of the tracr4j object that are the model's interface; everything else is removed. */
  static final List<String> INTERFACE = List.of("format_version", "input_vocab", "bos", "pad",
      "output_encoding", "output_values", "max_seq_len", "causal");

  @TempDir static Path dir;

  static Stream<Arguments> cases() {
    return LibraryPrograms.TEST.stream().flatMap(p -> Stream.of(
        Arguments.of(p, CompileOptions.Mode.EXACT, false), Arguments.of(p, CompileOptions.Mode.EXACT, true),
        Arguments.of(p, CompileOptions.Mode.TRACR, false), Arguments.of(p, CompileOptions.Mode.TRACR, true)));
  }

  @ParameterizedTest(name = "{0} {1} causal={2}")
  @MethodSource("cases")
  void decompiledProgramIsEquivalent(LibraryProgram program, CompileOptions.Mode mode, boolean causal)
      throws IOException {
    CompileOptions options = CompileOptions.of(program.vocab(), program.maxSeqLen()).withMode(mode)
        .withCausal(causal);
    Model compiled = Compiler.compile(program.program().get(), options).model();
    Path modelDir = dir.resolve(program.name() + "-" + mode + "-" + causal);
    ModelDirectory.write(Permutation.of(compiled, program.name().hashCode()), modelDir, DataType.F32);
    strip(modelDir);
    Decompiler.Decompiled result = Decompiler.decompile(ModelDirectory.read(modelDir), 200, 100);
    assertThat(Equivalence.check(program.program().get(), result.source(), program.vocab(),
        program.maxSeqLen(), causal, 200, 1)).as(result.source()).isNull();
  }

  /** Removes from config.json everything the decompiler must not need. */
  static void strip(Path modelDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path config = modelDir.resolve(ModelDirectory.CONFIG_FILE);
    ObjectNode root = (ObjectNode) json.readTree(config.toFile());
    ObjectNode meta = (ObjectNode) root.get("tracr4j");
    meta.retain(INTERFACE);
    json.writeValue(config.toFile(), root);
    assertThat(Files.readString(config)).doesNotContain("residual_labels").doesNotContain("source");
  }
}
