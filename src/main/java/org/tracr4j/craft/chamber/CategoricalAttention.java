package org.tracr4j.craft.chamber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.tracr4j.craft.AttentionHead;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.Bilinear;
import org.tracr4j.craft.Linear;
import org.tracr4j.craft.Matrix;
import org.tracr4j.craft.VectorInBasis;
import org.tracr4j.craft.VectorSpace;

/**
 * Categorical attention with the BOS default (tracr-reference.md §4.7): each query averages the values of
 * the keys its predicate selects; with nothing selected it reads BOS, which carries the default output.
 * The same builder serves categorical aggregates (a histogram of one-hots) and numerical aggregates (1-dim
 * value and output spaces: the mean).
 *
 * <p>Spaces: {@code Q' = Q ∪ {bos, one}}, {@code K' = K ∪ {bos}}, {@code V' = V ∪ {bos}}, output {@code O}.
 * {@code c} = softmax coldness (default {@value #DEFAULT_SOFTMAX_COLDNESS}).
 * <pre>
 *   W_QK[one, bos] = c/2   (c if alwaysAttendToBos)
 *   W_QK[q, k]     = c·[predicate(q, k)]       for q in Q, k in K (neither one nor bos)
 *   W_QK[·, ·]     = 0                          for every other entry touching one or bos
 *   W_OV[v]        = e(valueToOutput(v))        for v in V'' = V' − {bos} (all of V' if alwaysAttendToBos)
 *   W_OV[bos]      = defaultOutput              if useBosForDefaultOutput
 * </pre>
 * The default pairing is Tracr's: the i-th direction of {@code V''} maps to the i-th direction of {@code O}
 * ({@code |V''| = |O|} required). An explicit {@code valueToOutput} function may be given instead.
 *
 * <p>Why the default works: BOS is the only position with {@code bos = 1} among the keys, and every query
 * has {@code one = 1}, so BOS always scores {@code c/2}, a selected key {@code c}, any other key 0. With at
 * least one selected key BOS and the others get relative weight {@code ≈ e^{−c/2}}; with none, BOS wins by
 * {@code c/2} and contributes W_OV[bos]. This assumes nothing else writes into {@code K} at BOS.
 */
public final class CategoricalAttention {
  /** Tracr's softmax coldness for every head. */
  public static final double DEFAULT_SOFTMAX_COLDNESS = 100;

  private CategoricalAttention() {}

  /** How value directions map to output directions. */
  public sealed interface Pairing {
    /** Tracr's: the i-th direction of {@code V''} to the i-th direction of {@code O} ({@code |V''| = |O|}). */
    record Positional() implements Pairing {}

    /**
     * By a function of the value direction; a value it maps to null gets a zero row.
     *
     * @param valueToOutput the output direction of each value direction, or null for none
     */
    record ByValue(Function<BasisDirection, BasisDirection> valueToOutput) implements Pairing {
      public ByValue {
        java.util.Objects.requireNonNull(valueToOutput, "valueToOutput");
      }
    }
  }

  /**
   * The optional settings.
   *
   * @param softmaxColdness {@code c}
   * @param alwaysAttendToBos BOS scores {@code c} (like a selected key) instead of {@code c/2}
   * @param useBosForDefaultOutput BOS's value row is {@code defaultOutput}
   * @param defaultOutput a vector of the output space, or empty for the zero vector
   * @param pairing how value directions map to output directions
   */
  public record Options(double softmaxColdness, boolean alwaysAttendToBos, boolean useBosForDefaultOutput,
      Optional<VectorInBasis> defaultOutput, Pairing pairing) {

    public Options {
      java.util.Objects.requireNonNull(defaultOutput, "defaultOutput");
      java.util.Objects.requireNonNull(pairing, "pairing");
    }

    /** What the compiler uses for an Aggregate in Tracr mode: coldness 100, BOS at half strength, zero default. */
    public static Options defaults() {
      return new Options(DEFAULT_SOFTMAX_COLDNESS, false, true, Optional.empty(), new Pairing.Positional());
    }

    public Options withSoftmaxColdness(double coldness) {
      return new Options(coldness, alwaysAttendToBos, useBosForDefaultOutput, defaultOutput, pairing);
    }

    public Options withAlwaysAttendToBos(boolean always) {
      return new Options(softmaxColdness, always, useBosForDefaultOutput, defaultOutput, pairing);
    }

    public Options withUseBosForDefaultOutput(boolean use) {
      return new Options(softmaxColdness, alwaysAttendToBos, use, defaultOutput, pairing);
    }

    public Options withDefaultOutput(VectorInBasis output) {
      return new Options(softmaxColdness, alwaysAttendToBos, useBosForDefaultOutput, Optional.of(output), pairing);
    }

    public Options withValueToOutput(Function<BasisDirection, BasisDirection> mapping) {
      return new Options(softmaxColdness, alwaysAttendToBos, useBosForDefaultOutput, defaultOutput,
          new Pairing.ByValue(mapping));
    }
  }

  /** The head with {@link Options#defaults()}. {@code predicate} gets (query direction, key direction). */
  public static AttentionHead build(VectorSpace query, VectorSpace key, VectorSpace value, VectorSpace output,
      BasisDirection bos, BasisDirection one, BiPredicate<BasisDirection, BasisDirection> predicate) {
    return build(query, key, value, output, bos, one, predicate, Options.defaults());
  }

  public static AttentionHead build(VectorSpace query, VectorSpace key, VectorSpace value, VectorSpace output,
      BasisDirection bos, BasisDirection one, BiPredicate<BasisDirection, BasisDirection> predicate,
      Options options) {
    if (bos.equals(one)) {
      throw new IllegalArgumentException("bos and one must differ, both are " + bos);
    }
    VectorSpace queries = VectorSpace.join(query, VectorSpace.of(bos, one));
    VectorSpace keys = VectorSpace.join(key, VectorSpace.of(bos));
    VectorSpace values = VectorSpace.join(value, VectorSpace.of(bos));
    return new AttentionHead(queryKey(queries, keys, bos, one, predicate, options),
        outputValue(values, output, bos, options));
  }

  private static Bilinear queryKey(VectorSpace queries, VectorSpace keys, BasisDirection bos, BasisDirection one,
      BiPredicate<BasisDirection, BasisDirection> predicate, Options options) {
    double coldness = options.softmaxColdness();
    int columns = keys.dims();
    // The keys the predicate decides on (neither one nor bos), and their columns; and the column of bos,
    // found on the way (a lookup would build the space's hash index for one direction).
    List<BasisDirection> plainKeys = new ArrayList<>(columns);
    int[] keyColumns = new int[columns];
    int bosColumn = -1;
    for (int j = 0; j < columns; j++) {
      BasisDirection k = keys.direction(j);
      if (k.equals(bos)) {
        bosColumn = j;
      } else if (!k.equals(one)) {
        keyColumns[plainKeys.size()] = j;
        plainKeys.add(k);
      }
    }
    // The BOS fallback: every query has one = 1 and only the BOS key has bos = 1. At c/2 BOS loses to any
    // selected key (c) by c/2 and beats unselected keys (0) by c/2; at c it ties with the selected keys.
    // It is set when its row comes, so that the entries arrive in order and the builder need not sort them
    // (no other entry is in that row: the same matrix).
    double bosWeight = (options.alwaysAttendToBos() ? 1.0 : 0.5) * coldness;
    RowPredicate.Rows rows = predicate instanceof RowPredicate byRows ? byRows.against(plainKeys) : null;
    int[] columnsOfKeys = rows == null ? null : Arrays.copyOf(keyColumns, plainKeys.size());
    if (rows != null) {
      int oneRow = queries.dims() * columns <= DIRECT ? rowOf(queries, one) : -1;
      if (oneRow >= 0 && bosColumn >= 0) {
        return new Bilinear(queries, keys, Matrix.dense(queries.dims(), columns,
            denseRows(queries, bos, one, rows, columnsOfKeys, coldness, columns, oneRow, bosColumn, bosWeight)));
      }
    }
    // Only the selected pairs are set: an equality select is one entry per value, not a square of zeros.
    Matrix.Builder matrix = Matrix.builder(queries.dims(), columns);
    if (rows == null) {
      boolean oneSeen = false;
      for (int i = 0; i < queries.dims(); i++) {
        BasisDirection q = queries.direction(i);
        if (q.equals(one)) {
          matrix.set(i, bosColumn, bosWeight);
          oneSeen = true;
          continue;
        }
        if (q.equals(bos)) {
          continue;
        }
        for (int t = 0; t < plainKeys.size(); t++) {
          if (predicate.test(q, plainKeys.get(t))) {
            matrix.set(i, keyColumns[t], coldness);
          }
        }
      }
      if (!oneSeen) { // no `one` query: what the lookup gives (-1) is refused by the builder, as before
        matrix.set(queries.indexOf(one), bosColumn, bosWeight);
      }
    } else {
      setRows(matrix, queries, bos, one, rows, columnsOfKeys, coldness, bosColumn, bosWeight);
    }
    return new Bilinear(queries, keys, matrix.build());
  }

  /** Up to this many entries, a W_QK answered by rows is written straight into its dense array. */
  private static final int DIRECT = 4096;

  /** The row of {@code direction} in {@code space}, found by walking it (no index is built); or -1. */
  private static int rowOf(VectorSpace space, BasisDirection direction) {
    for (int i = 0; i < space.dims(); i++) {
      if (space.direction(i).equals(direction)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The dense W_QK of {@link #setRows}, written as the runs come: a small matrix (at most {@link #DIRECT}
   * entries) needs neither the runs kept nor a builder; the entries are distinct, so it holds the same
   * numbers.
   */
  private static double[] denseRows(VectorSpace queries, BasisDirection bos, BasisDirection one,
      RowPredicate.Rows rows, int[] keyColumns, double coldness, int columns, int oneRow, int bosColumn,
      double bosWeight) {
    double[] dense = new double[queries.dims() * columns];
    DenseRuns runs = new DenseRuns(dense, keyColumns, blockEnds(keyColumns), coldness);
    for (int i = 0; i < queries.dims(); i++) {
      BasisDirection q = queries.direction(i);
      if (i == oneRow || q.equals(bos)) {
        continue;
      }
      runs.offset = i * columns;
      rows.selected(q, runs);
    }
    dense[oneRow * columns + bosColumn] = bosWeight;
    return dense;
  }

  /**
   * A run of keys is a run of columns unless it spans one or bos: {@code blockEnd[t]} is the end of the block
   * of consecutive columns that key t is in.
   */
  private static int[] blockEnds(int[] keyColumns) {
    int keyCount = keyColumns.length;
    int[] blockEnd = new int[keyCount];
    for (int t = keyCount - 1; t >= 0; t--) {
      blockEnd[t] = t + 1 < keyCount && keyColumns[t + 1] == keyColumns[t] + 1 ? blockEnd[t + 1] : t + 1;
    }
    return blockEnd;
  }

  /** Writes each run of selected keys into one row of a dense W_QK, block of consecutive columns at once. */
  private static final class DenseRuns implements RowPredicate.RunConsumer {
    private final double[] dense;
    private final int[] keyColumns;
    private final int[] blockEnd;
    private final double coldness;
    int offset;

    DenseRuns(double[] dense, int[] keyColumns, int[] blockEnd, double coldness) {
      this.dense = dense;
      this.keyColumns = keyColumns;
      this.blockEnd = blockEnd;
      this.coldness = coldness;
    }

    @Override
    public void accept(int from, int to) {
      for (int t = from; t < to;) {
        int stop = Math.min(to, blockEnd[t]);
        Arrays.fill(dense, offset + keyColumns[t], offset + keyColumns[stop - 1] + 1, coldness);
        t = stop;
      }
    }
  }

  /**
   * Sets {@code coldness} at every selected pair, run by run, and the BOS entry ({@code one}'s row, {@code
   * bosColumn}) in row order. The entries are distinct, so the matrix is the one pair tests in row order
   * give; the runs are counted first so that a builder which would turn dense does so at once (plus one
   * call: the BOS entry).
   */
  private static void setRows(Matrix.Builder matrix, VectorSpace queries, BasisDirection bos, BasisDirection one,
      RowPredicate.Rows rows, int[] keyColumns, double coldness, int bosColumn, double bosWeight) {
    Runs runs = new Runs();
    int oneRow = -1;
    for (int i = 0; i < queries.dims(); i++) {
      BasisDirection q = queries.direction(i);
      if (q.equals(one)) {
        oneRow = i;
        continue;
      }
      if (q.equals(bos)) {
        continue;
      }
      runs.row = i;
      rows.selected(q, runs);
    }
    matrix.reserve(runs.selected + 1);
    int[] blockEnd = blockEnds(keyColumns);
    int[] all = runs.triples;
    boolean bosSet = false;
    for (int r = 0; r < runs.size; r += 3) {
      int row = all[r];
      if (!bosSet && row > oneRow) {
        matrix.set(oneRow, bosColumn, bosWeight);
        bosSet = true;
      }
      for (int t = all[r + 1], end = all[r + 2]; t < end;) {
        int stop = Math.min(end, blockEnd[t]);
        matrix.setRun(row, keyColumns[t], keyColumns[stop - 1] + 1, coldness);
        t = stop;
      }
    }
    if (!bosSet) {
      matrix.set(oneRow, bosColumn, bosWeight);
    }
  }

  /** The runs of one head as (row, from, to) triples, and how many keys they select. */
  private static final class Runs implements RowPredicate.RunConsumer {
    int[] triples = new int[48];
    int size;
    int row;
    long selected;

    @Override
    public void accept(int from, int to) {
      if (size + 3 > triples.length) {
        triples = Arrays.copyOf(triples, triples.length * 2);
      }
      triples[size++] = row;
      triples[size++] = from;
      triples[size++] = to;
      selected += to - from;
    }
  }

  /**
   * W_OV as in the class Javadoc; {@link ConjunctionAttention} shares it. Walks {@code values} by position
   * (the paired directions are its basis without bos, or with it when BOS is always attended): rows and,
   * for the positional pairing, columns are positions, so neither space needs a lookup.
   */
  static Linear outputValue(VectorSpace values, VectorSpace output, BasisDirection bos, Options options) {
    int bosRow = -1;
    for (int i = 0; i < values.dims() && bosRow < 0; i++) {
      bosRow = values.direction(i).equals(bos) ? i : -1;
    }
    boolean pairsBos = options.alwaysAttendToBos() || bosRow < 0;
    int pairedCount = pairsBos ? values.dims() : values.dims() - 1;
    boolean positional = options.pairing() instanceof Pairing.Positional;
    if (positional && pairedCount != output.dims()) {
      List<BasisDirection> paired = new ArrayList<>(values.basis());
      if (!pairsBos) {
        paired.remove(bosRow);
      }
      throw new IllegalArgumentException("Positional pairing needs as many value directions " + paired
          + " as output directions " + output);
    }
    Linear.Builder ov = Linear.builder(values, output);
    int p = 0;
    for (int i = 0; i < values.dims(); i++) {
      boolean isBos = i == bosRow;
      if (isBos && !pairsBos) {
        continue;
      }
      int pairedAt = p++;
      if (options.useBosForDefaultOutput() && isBos) {
        continue;
      }
      if (positional) {
        ov.addAt(i, pairedAt, 1);
        continue;
      }
      BasisDirection direction = values.direction(i);
      BasisDirection target = ((Pairing.ByValue) options.pairing()).valueToOutput().apply(direction);
      if (target != null) {
        int column = output.indexOf(target);
        if (column < 0) {
          ov.add(direction, target, 1); // throws: the target is not an output direction
        }
        ov.addAt(i, column, 1);
      }
    }
    if (options.useBosForDefaultOutput() && options.defaultOutput().isPresent()) {
      VectorInBasis defaultOutput = options.defaultOutput().get();
      if (bosRow < 0) {
        ov.addRow(bos, defaultOutput, 1); // throws: bos is not a value direction
      }
      ov.addRowAt(bosRow, defaultOutput, 1);
    }
    return ov.build();
  }
}
