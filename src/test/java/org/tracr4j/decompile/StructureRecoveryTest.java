package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Programs whose graph of operations the decompiler reads back as it was written (float32 directories,
 * stripped and permuted), each a case that used to print extra maps: a selector width whose decoder the
 * compiler narrowed to the widths the select can reach (every query selects its own position: from 1),
 * and an output map of an MLP table (map or sequence map) whose values the decompiler numbered (decoded in
 * that table, not in a second map).
 */
class StructureRecoveryTest {
  @TempDir static Path dir;

  static Stream<Arguments> cases() {
    List<Value> numbers = List.of(Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L));
    List<Value> letters = List.of(Value.of("x"), Value.of("y"));
    return Stream.of(
        // generated exact program 90: length's decoder has no point for 0; x / 4 was a second, numbered map
        Arguments.of("v1 = map(x -> x / 4, length);\nreturn v1;", numbers, 3),
        // length read as a key: its values 1..N, not a numbered map of them
        Arguments.of("v1 = aggregate(select(length, indices, (k, q) -> k == q + 1), tokens);\nreturn v1;",
            letters, 4),
        Arguments.of("v1 = selector_width(select(tokens, tokens, ==));\nv2 = map(x -> x + 1, v1);\nreturn v2;",
            letters, 4),
        // a sequence map's numbered values decoded in its own table (was a sequence map and a map)
        Arguments.of("v1 = sequence_map((x, y) -> (x + y) % 3, tokens, indices);\nreturn v1;", numbers, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void graphIsReadBackAsWritten(String source, List<Value> vocab, int maxSeqLen) throws IOException {
    SOp program = RaspLanguage.parse(source, "case.rasp").output();
    for (CompileOptions.Mode mode : List.of(CompileOptions.Mode.EXACT, CompileOptions.Mode.TRACR)) {
      var model = Compiler.compile(program, CompileOptions.of(vocab, maxSeqLen).withMode(mode)).model();
      Path modelDir = dir.resolve(Integer.toHexString(source.hashCode()) + "-" + mode);
      ModelDirectory.write(Permutation.of(model, source.hashCode()), modelDir, DataType.F32);
      LibraryDecompileTest.strip(modelDir);
      Decompiler.Decompiled result = Decompiler.decompile(ModelDirectory.read(modelDir));
      assertThat(Equivalence.check(program, result.source(), vocab, maxSeqLen, false, 200, 1))
          .as(result.source()).isNull();
      SOp recovered = RaspLanguage.parse(result.source(), "decompiled.rasp").output();
      assertThat(Structure.of(recovered)).as(mode + "\n" + result.source()).isEqualTo(Structure.of(program));
    }
  }
}
