package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Bilinear;
import org.tracr4j.craft.Matrix;
import org.tracr4j.craft.VectorSpace;

/**
 * An AND of n selects in one head, by summing their query-key matrices (the summed-QK construction): each
 * query attends to the keys that meet every conjunct, or to BOS when none does. Otherwise the same head as
 * {@link CategoricalAttention} (same value/output side, same {@link CategoricalAttention.Options}).
 *
 * <p>Spaces: conjunct i reads queries {@code Q_i} and keys {@code K_i}; {@code Q' = ∪ Q_i ∪ {bos, one}},
 * {@code K' = ∪ K_i ∪ {bos}}. {@code c} = softmax coldness.
 * <pre>
 *   W_QK[q, k]     = Σ_i c·[q ∈ Q_i, k ∈ K_i, predicate_i(q, k)]
 *   W_QK[one, bos] = (n − ½)·c        (n·c if alwaysAttendToBos: selector width)
 *   W_OV           = as in CategoricalAttention
 * </pre>
 * Why it is exact: a query's residual holds one one-hot per query s-op and a key's one per key s-op, so the
 * score of a key is {@code c} times the number of conjuncts it meets: {@code n·c} for a selected key, at
 * most {@code (n−1)·c} for any other, and BOS scores {@code (n−½)·c}. With at least one selected key, BOS
 * and every partial match lose by at least {@code c/2}, the same margin as a single select (n = 1 is
 * {@link CategoricalAttention} exactly), so the leakage bound carries over: each of the at most N other
 * keys gets relative weight at most {@code e^{−c/2}} (with c = 100: below {@code 2·10⁻²²} per key). With no
 * selected key BOS wins by {@code c/2} and writes the default. For selector width BOS ties with the selected
 * keys and gets {@code 1/(w+1)}; partial matches lose by {@code c}. A key or query that is none (the zero
 * vector in its block) meets no conjunct that reads it. A causal mask needs nothing new. Assumes, as
 * {@link CategoricalAttention} does, that nothing writes into any {@code K_i} at BOS.
 */
public final class ConjunctionAttention {
  private ConjunctionAttention() {}

  /**
   * One select of the AND.
   *
   * @param query the query s-op's directions
   * @param key the key s-op's directions
   * @param predicate gets (query direction, key direction)
   */
  public record Conjunct(VectorSpace query, VectorSpace key, BiPredicate<BasisDirection, BasisDirection> predicate) {
    public Conjunct {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(predicate, "predicate");
    }
  }

  public static AttentionHead build(List<Conjunct> conjuncts, VectorSpace value, VectorSpace output,
      BasisDirection bos, BasisDirection one, CategoricalAttention.Options options) {
    if (conjuncts.isEmpty()) {
      throw new IllegalArgumentException("an AND needs at least one select");
    }
    if (bos.equals(one)) {
      throw new IllegalArgumentException("bos and one must differ, both are " + bos);
    }
    List<VectorSpace> querySpaces = new ArrayList<>(List.of(VectorSpace.of(bos, one)));
    List<VectorSpace> keySpaces = new ArrayList<>(List.of(VectorSpace.of(bos)));
    for (Conjunct conjunct : conjuncts) {
      querySpaces.add(conjunct.query());
      keySpaces.add(conjunct.key());
    }
    VectorSpace queries = VectorSpace.join(querySpaces);
    VectorSpace keys = VectorSpace.join(keySpaces);
    double coldness = options.softmaxColdness();
    int columns = keys.dims();
    Matrix.Builder matrix = Matrix.builder(queries.dims(), columns);
    for (Conjunct conjunct : conjuncts) {
      int[] rows = conjunct.query().embeddingInto(queries);
      int[] cols = conjunct.key().embeddingInto(keys);
      for (int i = 0; i < rows.length; i++) {
        BasisDirection q = conjunct.query().direction(i);
        for (int j = 0; j < cols.length; j++) {
          if (conjunct.predicate().test(q, conjunct.key().direction(j))) {
            matrix.add(rows[i], cols[j], coldness);
          }
        }
      }
    }
    int n = conjuncts.size();
    // BOS between a full match (n·c) and the best partial one ((n−1)·c), or tied with full matches.
    matrix.set(queries.indexOf(one), keys.indexOf(bos), (options.alwaysAttendToBos() ? n : n - 0.5) * coldness);
    VectorSpace values = VectorSpace.join(value, VectorSpace.of(bos));
    return new AttentionHead(new Bilinear(queries, keys, matrix.build()),
        CategoricalAttention.outputValue(values, output, bos, options));
  }
}
