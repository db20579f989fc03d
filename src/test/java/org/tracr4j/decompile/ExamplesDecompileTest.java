package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.Program;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;

/**
 * Every {@code examples/*.rasp} at its suggested size, exact and Tracr mode, causal and not, permuted: the
 * decompiled program is equivalent to the example.
 */
class ExamplesDecompileTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", "."));

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".rasp")).sorted().toList()) {
        for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
          cases.add(Arguments.of(file.getFileName().toString(), mode, false));
          cases.add(Arguments.of(file.getFileName().toString(), mode, true));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} causal={2}")
  @MethodSource("cases")
  void decompiledExampleIsEquivalent(String name, CompileOptions.Mode mode, boolean causal) throws IOException {
    Path file = ROOT.resolve("examples").resolve(name);
    Program program = RaspLanguage.load(file);
    List<Value> vocab = new ArrayList<>();
    int maxSeqLen = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("# suggested:")) {
        List<String> words = Arrays.asList(line.substring("# suggested:".length()).trim().split("\\s+"));
        for (String token : words.get(words.indexOf("--vocab") + 1).split(",")) {
          vocab.add(Value.parseToken(token));
        }
        maxSeqLen = Integer.parseInt(words.get(words.indexOf("--max-seq-len") + 1));
      }
    }
    assertThat(vocab).as(name + " suggests a vocabulary").isNotEmpty();
    CompileOptions options = CompileOptions.of(vocab, maxSeqLen).withMode(mode).withCausal(causal);
    Model model;
    try {
      model = Compiler.compile(program.output(), options).model();
    } catch (org.tracr4j.UnsupportedProgramException rejected) {
      // Tracr mode keeps Tracr's rejections (an or of selects, ...): nothing to decompile.
      org.junit.jupiter.api.Assumptions.abort(name + " is not compiled in " + mode + " mode: " + rejected.getMessage());
      return;
    }
    Decompiler.Decompiled result = Decompiler.decompile(Permutation.of(model, name.hashCode() + 1), 200, 100);
    assertThat(Equivalence.check(program.output(), result.source(), vocab, maxSeqLen, causal, 200, 2))
        .as(result.source()).isNull();
  }
}
