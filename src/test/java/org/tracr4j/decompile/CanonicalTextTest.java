package org.tracr4j.decompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.GeneratorConfig;
import org.tracr4j.generate.ProgramGenerator;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.LibraryProgram;
import org.tracr4j.testing.LibraryPrograms;

/**
 * The printed program does not depend on the order of the residual basis, the MLP neurons or the heads:
 * randomly permuted copies of one model decompile to the same text, character for character.
 */
class CanonicalTextTest {
  private static final int COPIES = 4;

  static Stream<Arguments> library() {
    List<Arguments> cases = new ArrayList<>();
    for (LibraryProgram program : LibraryPrograms.TEST) {
      for (CompileOptions.Mode mode : CompileOptions.Mode.values()) {
        cases.add(Arguments.of(program, mode));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("library")
  void libraryProgramsPrintTheSameTextWhateverThePermutation(LibraryProgram program, CompileOptions.Mode mode) {
    Model model = Compiler.compile(program.program().get(),
        CompileOptions.of(program.vocab(), program.maxSeqLen()).withMode(mode)).model();
    String text = Decompiler.decompile(model, 50, 50).source();
    for (long seed = 1; seed <= COPIES; seed++) {
      assertThat(Decompiler.decompile(Permutation.of(model, seed), 50, 50).source()).as("permutation " + seed)
          .isEqualTo(text);
    }
  }

  @Test
  void generatedProgramsPrintTheSameTextWhateverThePermutation() {
    List<Value> vocab = List.of(Value.of("a"), Value.of("b"), Value.of("c"));
    int checked = 0;
    int multiHead = 0;
    List<String> differing = new ArrayList<>();
    List<String> refusedCopies = new ArrayList<>();
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      int maxSeqLen = 2 + random.nextInt(4);
      GeneratedProgram program = new ProgramGenerator(GeneratorConfig.defaults(2 + random.nextInt(7), vocab,
          maxSeqLen)).generate(seed);
      Model model;
      String text;
      try {
        model = Compiler.compile(program.program(), CompileOptions.of(vocab, maxSeqLen)).model();
        text = Decompiler.decompile(model, 50, 50).source();
      } catch (UnsupportedProgramException | UndecompilableModelException skipped) {
        continue;
      }
      checked++;
      multiHead += model.config().heads() > 1 ? 1 : 0;
      for (long copy = 1; copy <= COPIES; copy++) {
        String permuted;
        try {
          permuted = Decompiler.decompile(Permutation.of(model, seed * 31 + copy), 50, 50).source();
        } catch (UndecompilableModelException e) {
          refusedCopies.add(program.raspSource() + "\npermutation " + copy + ": " + e.getMessage());
          break;
        }
        if (!permuted.equals(text)) {
          differing.add(program.raspSource() + "\n" + text + "\npermutation " + copy + ":\n" + permuted);
          break;
        }
      }
    }
    assertThat(differing).as(checked + " programs").isEmpty();
    // Known: two s-ops computing the same function in one MLP layer (v1 and v4 of seed 34) have one-hot
    // directions that pair into s-ops either way; in one order a later head then reads a mixed pair and is
    // refused. A refusal, never a wrong or different program.
    assertThat(refusedCopies).as("permuted copies refused").hasSizeLessThanOrEqualTo(1);
    assertThat(checked).isGreaterThan(40);
    assertThat(multiHead).as("models with several heads in a layer").isGreaterThan(5);
  }
}
