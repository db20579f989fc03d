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

  /**
   * Integer vocabularies take a path that never writes the tokens out; its verdict must be the general
   * check's. Against the rules written out here: the first token (in order) written as BOS or PAD, else the
   * first one written like an earlier one, else BOS equal to PAD, else accepted. Seeded vocabularies in
   * order, shuffled, with repeats, and BOS/PAD written as integers that are or are not tokens.
   */
  @Test
  void integerVocabulariesGetTheGeneralVerdict() {
    Random random = new Random(2026120202);
    String[] specials = {"compiler_bos", "compiler_pad", "3", "-2", "07", "+3", "", "-", "12345678901234567890123"};
    for (int trial = 0; trial < 3_000; trial++) {
      int size = 1 + random.nextInt(random.nextBoolean() ? 8 : 60);
      List<Value> vocab = new ArrayList<>();
      long next = random.nextInt(7) - 3;
      for (int i = 0; i < size; i++) {
        vocab.add(Value.of(next));
        next += random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
      }
      if (random.nextBoolean()) {
        java.util.Collections.shuffle(vocab, random);
      }
      String bos = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)] : "compiler_bos";
      String pad = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)] : "compiler_pad";
      CompileOptions options = new CompileOptions(vocab, 3, false, CompileOptions.DEFAULT_MLP_EXACTNESS,
          CompileOptions.Mode.EXACT, bos, pad);
      String expected = expectedProblem(vocab, bos, pad);
      if (expected == null) {
        Compiler.plan(Library.makeHist(), options); // no exception
      } else {
        assertThatThrownBy(() -> Compiler.plan(Library.makeHist(), options))
            .isInstanceOf(InvalidInputException.class).hasMessage(expected);
      }
    }
  }

  private static String expectedProblem(List<Value> vocab, String bos, String pad) {
    List<String> seen = new ArrayList<>();
    for (Value token : vocab) {
      String form = token.toString();
      if (form.equals(bos) || form.equals(pad)) {
        return "the vocabulary must not contain the compiler's " + (form.equals(bos) ? "BOS" : "PAD")
            + " token '" + form + "'";
      }
      if (seen.contains(form)) {
        return "the vocabulary lists token '" + form + "' twice";
      }
      seen.add(form);
    }
    return bos.equals(pad) ? "the BOS and PAD tokens must differ" : null;
  }

  @Test
  void theDefaultExactnessIsRecorded() {
    var compiled = Compiler.compile(Library.makeHist(), CompileOptions.of(List.of(Value.of("a")), 2));
    assertThat(compiled.model().metadata()).containsEntry("mlp_exactness", "100.0");
    var other = Compiler.compile(Library.makeHist(), CompileOptions.of(List.of(Value.of("a")), 2).withMlpExactness(250));
    assertThat(other.model().metadata()).containsEntry("mlp_exactness", "250.0");
  }
}
