package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.InvalidInputException;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Value;

/**
 * The vocabulary check before a compile: a token written like an earlier one is refused, whether the
 * vocabulary is small (forms compared pairwise) or large (forms hashed).
 */
class CompileOptionsCheckTest {
  private static void plan(List<Value> vocab) {
    Compiler.plan(Library.makeHist(), CompileOptions.of(vocab, 3));
  }

  @Test
  void distinctTokensCompileAtEverySize() {
    for (int size : new int[] {1, 2, 16, 17, 40}) {
      List<Value> vocab = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        vocab.add(i % 2 == 0 ? Value.of((long) i) : Value.of("t" + i));
      }
      plan(vocab); // no exception
    }
  }

  @Test
  void aRepeatedFormIsRefusedAtEverySizeAndPosition() {
    Random random = new Random(20261202);
    for (int trial = 0; trial < 200; trial++) {
      int size = 2 + random.nextInt(40);
      List<Value> vocab = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        vocab.add(Value.of("w" + i));
      }
      int first = random.nextInt(size);
      int second = random.nextInt(size);
      if (first == second) {
        continue;
      }
      // A string and a number with the same written form also collide: the model's vocabulary is its forms.
      String form = "7" + trial;
      vocab.set(first, Value.of(form));
      vocab.set(second, random.nextBoolean() ? Value.of(form) : Value.of(Long.parseLong(form)));
      assertThatThrownBy(() -> plan(vocab)).isInstanceOf(InvalidInputException.class)
          .hasMessage("the vocabulary lists token '" + form + "' twice");
    }
  }

  @Test
  void theDefaultExactnessIsRecorded() {
    var compiled = Compiler.compile(Library.makeHist(), CompileOptions.of(List.of(Value.of("a")), 2));
    assertThat(compiled.model().metadata()).containsEntry("mlp_exactness", "100.0");
    var other = Compiler.compile(Library.makeHist(), CompileOptions.of(List.of(Value.of("a")), 2).withMlpExactness(250));
    assertThat(other.model().metadata()).containsEntry("mlp_exactness", "250.0");
  }
}
