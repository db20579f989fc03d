package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Generated exact program 747, refused before: {@code shift_by} of a one-valued s-op is an aggregate whose
 * empty selection is none, and the sequence map reading it writes nothing there. Read as a number (0 on the
 * empty selection), the map's outputs split into five 0/1 s-ops that the unembedding could not read
 * together; read as none, they are one categorical s-op. Float32 directory, stripped and permuted.
 */
class OneValuedAggregateTest {
  private static final String SOURCE = """
      v1 = sequence_map((x, y) -> abs(x - y), indices, indices);
      v2 = map(x -> ceil(x * 1.5), v1);
      v3 = shift_by(2, v2);
      v4 = sequence_map((x, y) -> max(x, y), indices, v3);
      sel5 = select(indices, length, (k, q) -> k == 2);
      sel6 = select(indices, length, <=);
      sel7 = sel5 and sel6;
      v8 = aggregate(sel7, v4);
      return v8;
      """;

  @TempDir Path dir;

  @ParameterizedTest(name = "causal={0}")
  @ValueSource(booleans = {false, true})
  void emptySelectionOfAOneValuedAggregateIsNone(boolean causal) throws IOException {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    SOp program = RaspLanguage.parse(SOURCE, "747.rasp").output();
    var model = Compiler.compile(program, CompileOptions.of(vocab, 5).withCausal(causal)).model();
    ModelDirectory.write(Permutation.of(model, 747), dir, DataType.F32);
    LibraryDecompileTest.strip(dir);
    Decompiler.Decompiled result = Decompiler.decompile(ModelDirectory.read(dir));
    assertThat(Equivalence.check(program, result.source(), vocab, 5, causal, 200, 1)).as(result.source()).isNull();
  }
}
