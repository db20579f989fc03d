package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tracr4j.craft.VectorSpace;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * The residual's token and index spaces, built without sorting where the vocabulary is in order, are the
 * spaces that sorting every token gives: on seeded random vocabularies of numbers, strings and booleans, in
 * order or shuffled, with BOS and PAD strings anywhere among them; and a compiled model's token axis, which
 * lowering builds by putting BOS and PAD into the space the tokens' readers have, is that space too.
 */
class ResidualAxesTest {
  @Test
  void tokenSpaceIsTheSortedSpaceOfEveryToken() {
    Random random = new Random(20261202);
    int fast = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      CompileOptions options = randomOptions(random);
      VectorSpace expected = VectorSpace.fromValues("tokens", everyToken(options));
      assertThat(Compiler.tokenSpace(options).basis()).as(describe(options))
          .containsExactlyElementsOf(expected.basis());
      fast += isIncreasing(options.vocab()) ? 1 : 0;
    }
    assertThat(fast).isGreaterThan(500); // the in-order path was exercised
  }

  @Test
  void compiledTokenAxisIsTheSortedSpaceOfEveryToken() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 300; trial++) {
      CompileOptions options = randomOptions(random);
      List<String> expected = VectorSpace.fromValues("tokens", everyToken(options)).basis().stream()
          .map(direction -> direction.value().toString()).toList();
      // The map reads the tokens, so the token space comes from its MLP's input space.
      SOp program = Rasp.map(x -> x, Rasp.tokens()).named("same");
      assertThat(Compiler.compile(program, options).model().vocabulary().tokens())
          .as(describe(options)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void indexSpaceIsTheSortedSpaceOfEveryIndex() {
    for (int n : new int[] {1, 2, 10, 1024, 1025, 1500}) {
      List<Object> indices = new ArrayList<>();
      for (long i = n - 1; i >= 0; i--) {
        indices.add(Value.of(i));
      }
      CompileOptions options = CompileOptions.of(List.of(Value.of("a")), n);
      assertThat(Compiler.indexSpace(options.maxSeqLen()).basis())
          .containsExactlyElementsOf(VectorSpace.fromValues("indices", indices).basis());
    }
  }

  /** A random vocabulary, with BOS and PAD the default strings or others that may fall anywhere among it. */
  private static CompileOptions randomOptions(Random random) {
    List<Value> vocab = randomVocabulary(random);
    String bos = random.nextBoolean() ? "compiler_bos" : "b" + random.nextInt(30);
    String pad = random.nextBoolean() ? "compiler_pad" : "p" + random.nextInt(30);
    return new CompileOptions(vocab, 3, false, CompileOptions.DEFAULT_MLP_EXACTNESS, CompileOptions.Mode.EXACT,
        bos, pad);
  }

  /** The vocabulary's tokens, BOS and PAD. */
  private static List<Object> everyToken(CompileOptions options) {
    List<Object> all = new ArrayList<>(options.vocab());
    all.add(Value.of(options.bos()));
    all.add(Value.of(options.pad()));
    return all;
  }

  private static String describe(CompileOptions options) {
    return options.vocab() + " " + options.bos() + " " + options.pad();
  }

  /** One to twelve distinct numbers, strings and booleans, sorted half the time. */
  private static List<Value> randomVocabulary(Random random) {
    List<Value> vocab = new ArrayList<>();
    int size = 1 + random.nextInt(12);
    while (vocab.size() < size) {
      Value token = switch (random.nextInt(4)) {
        case 0 -> Value.of((long) random.nextInt(20) - 5);
        case 1 -> Value.of(random.nextInt(40) / 4.0);
        case 2 -> Value.of(String.valueOf((char) ('a' + random.nextInt(26))) + random.nextInt(3));
        default -> Value.of(random.nextBoolean());
      };
      if (vocab.stream().noneMatch(v -> v.toString().equals(token.toString()))) {
        vocab.add(token);
      }
    }
    if (random.nextBoolean()) {
      Collections.sort(vocab);
    }
    return vocab;
  }

  private static boolean isIncreasing(List<Value> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i - 1).compareTo(values.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
