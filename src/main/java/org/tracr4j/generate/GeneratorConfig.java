package org.tracr4j.generate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tracr4j.rasp.Value;

/**
 * What {@link ProgramGenerator} generates: programs of about {@code size} statements over inputs of
 * {@code vocab} tokens and length 1..{@code maxSeqLen}.
 *
 * @param size the number of statements to generate; the program keeps those its output depends on, so it
 *     may be shorter
 * @param vocab the input tokens (numbers, booleans or strings)
 * @param maxSeqLen the longest input
 * @param maxCategoricalValues the most values a generated categorical s-op may take (bounds MLP sizes)
 * @param maxNumericalValues the most values a generated numerical s-op may take (bounds discretising MLPs)
 * @param maxMagnitude the largest absolute value a generated number may have
 * @param weights the relative frequency of each construct; {@link Construct#SELECT} against the three
 *     selector combinations decides how often a selector is a combination, the others how often each kind
 *     of s-op statement is chosen; missing constructs have weight 0
 * @param outsideContract also generate what the compiler's contract excludes: categorical aggregates that may
 *     average, functions that fail (or give a non-finite number) on some values; the product must reject
 *     such a program, refuse such an input, or answer it right
 */
public record GeneratorConfig(int size, List<Value> vocab, int maxSeqLen, int maxCategoricalValues,
    int maxNumericalValues, long maxMagnitude, Map<Construct, Integer> weights, boolean outsideContract) {

  public GeneratorConfig {
    vocab = List.copyOf(vocab);
    Objects.requireNonNull(weights, "weights");
    EnumMap<Construct, Integer> copy = new EnumMap<>(Construct.class);
    for (Construct construct : Construct.values()) {
      int weight = weights.getOrDefault(construct, 0);
      if (weight < 0) {
        throw new IllegalArgumentException("weight of " + construct + " must be >= 0, got " + weight);
      }
      copy.put(construct, weight);
    }
    weights = java.util.Collections.unmodifiableMap(copy);
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1, got " + size);
    }
    if (vocab.isEmpty()) {
      throw new IllegalArgumentException("vocab must not be empty");
    }
    if (vocab.stream().anyMatch(v -> v.isNone() || v instanceof Value.Tuple)) {
      throw new IllegalArgumentException("vocab must hold numbers, booleans or strings, got " + vocab);
    }
    if (maxSeqLen < 1) {
      throw new IllegalArgumentException("maxSeqLen must be >= 1, got " + maxSeqLen);
    }
    if (maxCategoricalValues < 2 || maxNumericalValues < 2 || maxMagnitude < 1) {
      throw new IllegalArgumentException("value bounds must be >= 2 (magnitude >= 1), got "
          + maxCategoricalValues + ", " + maxNumericalValues + ", " + maxMagnitude);
    }
  }

  /**
   * Defaults: categorical s-ops of at most 10 values, numerical ones of at most 40, numbers within
   * ±30, and every construct weighted (library calls and selector combinations less often).
   */
  public static GeneratorConfig defaults(int size, List<Value> vocab, int maxSeqLen) {
    return new GeneratorConfig(size, vocab, maxSeqLen, 10, 40, 30, defaultWeights(), false);
  }

  /** The same configuration, generating outside the compiler's contract too. */
  public GeneratorConfig outsideTheContract() {
    return new GeneratorConfig(size, vocab, maxSeqLen, maxCategoricalValues, maxNumericalValues,
        maxMagnitude, weights, true);
  }

  public int weight(Construct construct) {
    return weights.get(construct);
  }

  private static Map<Construct, Integer> defaultWeights() {
    EnumMap<Construct, Integer> weights = new EnumMap<>(Construct.class);
    weights.put(Construct.CATEGORICAL_MAP, 6);
    weights.put(Construct.CATEGORICAL_TO_NUMERICAL_MAP, 3);
    weights.put(Construct.NUMERICAL_TO_NUMERICAL_MAP, 3);
    weights.put(Construct.NUMERICAL_TO_CATEGORICAL_MAP, 3);
    weights.put(Construct.SEQUENCE_MAP, 4);
    weights.put(Construct.LINEAR_SEQUENCE_MAP, 3);
    weights.put(Construct.SELECT, 6);
    weights.put(Construct.SELECTOR_AND, 3);
    weights.put(Construct.SELECTOR_OR, 2);
    weights.put(Construct.SELECTOR_NOT, 1);
    weights.put(Construct.CATEGORICAL_AGGREGATE, 4);
    weights.put(Construct.NUMERICAL_AGGREGATE, 4);
    weights.put(Construct.SELECTOR_WIDTH, 3);
    weights.put(Construct.NUMERICAL_SELECTOR_WIDTH, 2);
    weights.put(Construct.LIBRARY_CALL, 2);
    return weights;
  }
}
