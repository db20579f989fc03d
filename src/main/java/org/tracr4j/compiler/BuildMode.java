package org.tracr4j.compiler;

import java.util.List;
import java.util.Optional;
import org.tracr4j.compiler.rewrite.Rewriter;
import org.tracr4j.craft.BasisDirection;
import org.tracr4j.craft.chamber.AtBos;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.Value;

/**
 * Every decision in which the exact mode (tracr4j.md §5) differs from Tracr's constructions and constants
 * (tracr-reference §8). No other class of the compiler tests the mode: to see what the exact mode changes,
 * read {@link Exact}; {@link TracrCompatible} is Tracr, silent errors included.
 *
 * <p>Each stage asks only the questions it needs: the compiler which rewrite rules apply, static validation the default rule, value-set inference
 * the three value-set rules, the compiler whether to run the none analysis, lowering the float-twin check,
 * {@link Constructions} the construction, L, pruning and BOS silencing, the assembler d_head and the query
 * scale.
 */
public sealed interface BuildMode permits BuildMode.Exact, BuildMode.TracrCompatible {

  static BuildMode of(CompileOptions.Mode mode, double mlpExactness) {
    return switch (mode) {
      case EXACT -> new Exact(mlpExactness);
      case TRACR -> new TracrCompatible(mlpExactness);
    };
  }

  static BuildMode of(CompileOptions options) {
    return of(options.mode(), options.mlpExactness());
  }

  /** The option value this mode stands for. */
  CompileOptions.Mode mode();

  // Rewriting.

  /**
   * The rewrite rules: the exact mode compiles composite selectors and numerical inputs of categorical
   * operations; Tracr compiles neither (it has no rewrite stage; its merges happen when selectors are built).
   * The first route of {@link #routes}.
   */
  default Rewriter rewriter() {
    return routes().get(0);
  }

  /**
   * The rewrites the compiler tries, in order: it keeps the model with the fewest layers, then the fewest
   * parameters, of those that compile (the first on a tie). The exact mode has two: the product route for
   * every OR, and the same with the width of a disjoint OR split into a sum of widths.
   */
  List<Rewriter> routes();

  /** An AND of selects over different s-ops is one summed-QK head (Tracr rejects every composite). */
  boolean conjunctionHeads();

  // Static rules.

  /** Why this mode cannot write the aggregate's default value, if it cannot (its encoding already matches). */
  Optional<String> aggregateDefaultProblem(Aggregate a);

  // Value sets.

  /** A sequence map of an s-op with itself ranges over the diagonal {@code f(x, x)}, not all pairs. */
  boolean diagonalSequenceMaps();

  /** A categorical aggregate's value set includes its (non-none) default. */
  boolean categoricalDefaultInValueSet();

  /**
   * A function or predicate that fails on a value its input can take is a finding (Tracr leaves the value
   * out, and the model answers where RASP fails).
   */
  boolean rejectsFailingFunctions();

  /**
   * A categorical aggregate not proven to select one distinct value records a precondition that the model
   * checks on every input (Tracr's models answer such inputs, averaged).
   */
  boolean guardsAggregates();

  /**
   * Tracr's binary means: a numerical aggregate must average 0s and 1s and takes the values {@code x/l}
   * ({@code l = 1..N}); otherwise every mean of 1..N input values, and the default.
   */
  boolean binaryMeansOnly();

  /**
   * A selector width's set is narrowed by whether the selector selects each query's own position (at least
   * 1, or at most N − 1); Tracr's is always 0..N.
   */
  boolean narrowsSelectorWidths();

  /**
   * Unnamed categorical maps read by one expression are fused into it ({@code compiler.rewrite.FuseMaps}):
   * a map of a sequence map, a sequence map of a map, a select of a map; the fused sequence map may be
   * numerical. Tracr builds each map in its own MLP.
   */
  boolean fusesMaps();

  // Analyses.

  /** Run the none analysis (a numerical none, a select on none: both compile silently wrong in Tracr). */
  boolean checksNone();

  /** Merge numerical inputs that differ only by rounding, rejecting functions that tell them apart. */
  boolean mergesFloatingTwins();

  // Constructions.

  /** A categorical→numerical map with a negative output uses the two-neuron construction that keeps the sign. */
  boolean signedCategoricalToNumerical();

  /** What the discretising MLPs write at BOS. */
  AtBos discretisingAtBos(BasisDirection bos);

  /**
   * L of a discretising MLP whose closest inputs with different outputs are {@code smallestGap} apart
   * (infinite when the output never changes).
   */
  double largeNumber(double smallestGap);

  /** Drop hidden neurons that write nothing. */
  boolean prunesSilentNeurons();

  /**
   * Per expression, build the exact construction with the fewest parameters (never an extra layer) instead
   * of Tracr's: e.g. a sequence map that is a function of {@code a·x + b·y} as one discretising MLP on the sum
   * ({@link SumRoute}).
   */
  boolean choosesCheapestConstruction();

  /**
   * An aggregate maps value directions to output directions by value, and BOS writes its default (Tracr:
   * by position, and BOS writes nothing).
   */
  boolean aggregatesByValue();

  // Assembly.

  /** Aggregates of one layer whose heads have the same W_QK share one head (their OV maps side by side). */
  boolean mergesIdenticalHeads();

  /**
   * After Tracr's allocation, heads and MLPs move to other layers where the dependencies allow, when that
   * lowers the largest head count or MLP width of a layer ({@link LayerBalancing}); never more layers.
   */
  boolean balancesLayers();

  /** d_head for one head: the model's d_head is the largest over all heads. */
  int headWidth(int queryWidth, int keyWidth, int valueWidth);

  /** The factor on W_Q, given the model's d_head. */
  double queryScale(int dHead);

  /**
   * tracr4j's constructions, exact on every input the compiler accepts. Each answer closes a gap of
   * tracr-reference §8.
   *
   * @param mlpExactness the lower bound of L
   */
  record Exact(double mlpExactness) implements BuildMode {
    @Override
    public CompileOptions.Mode mode() {
      return CompileOptions.Mode.EXACT;
    }

    @Override
    public List<Rewriter> routes() {
      return List.of(Rewriter.standard(), Rewriter.splittingDisjointWidths());
    }

    @Override
    public boolean conjunctionHeads() {
      return true;
    }

    /** Any default is written from BOS; a numerical one must be a number (none has no numerical encoding). */
    @Override
    public Optional<String> aggregateDefaultProblem(Aggregate a) {
      Value defaultValue = a.defaultValue();
      return a.isNumerical() && !defaultValue.isNumeric()
          ? Optional.of("a numerical aggregate's default must be a number (none has no numerical encoding), "
              + "not " + defaultValue)
          : Optional.empty();
    }

    /** Position i reads x[i] twice, so (x, y) with x ≠ y never occurs. */
    @Override
    public boolean diagonalSequenceMaps() {
      return true;
    }

    /** An empty selection yields the default. */
    @Override
    public boolean categoricalDefaultInValueSet() {
      return true;
    }

    /** Where RASP fails there is no answer to agree with: a model that answers anyway is not faithful. */
    @Override
    public boolean rejectsFailingFunctions() {
      return true;
    }

    /** An averaged input is refused, never answered. */
    @Override
    public boolean guardsAggregates() {
      return true;
    }

    /** A mean of several selected values (k/l, not only 1/l) is a value too. */
    @Override
    public boolean binaryMeansOnly() {
      return false;
    }

    @Override
    public boolean narrowsSelectorWidths() {
      return true;
    }

    @Override
    public boolean fusesMaps() {
      return true;
    }

    @Override
    public boolean checksNone() {
      return true;
    }

    @Override
    public boolean mergesFloatingTwins() {
      return true;
    }

    @Override
    public boolean signedCategoricalToNumerical() {
      return true;
    }

    /** Nothing writes into the BOS position, so an empty selection reads exactly the default. */
    @Override
    public AtBos discretisingAtBos(BasisDirection bos) {
      return new AtBos.Silenced(bos);
    }

    /** {@code L = max(mlp_exactness, 4 / gap)}: every input sits a quarter gap from a ramp, at any N. */
    @Override
    public double largeNumber(double smallestGap) {
      return Math.max(mlpExactness, Double.isInfinite(smallestGap) ? 0 : 4 / smallestGap);
    }

    @Override
    public boolean prunesSilentNeurons() {
      return true;
    }

    @Override
    public boolean choosesCheapestConstruction() {
      return true;
    }

    @Override
    public boolean aggregatesByValue() {
      return true;
    }

    @Override
    public boolean mergesIdenticalHeads() {
      return true;
    }

    @Override
    public boolean balancesLayers() {
      return true;
    }

    /** Only the key width: W_K is the identity on the keys, W_Q carries the query side. */
    @Override
    public int headWidth(int queryWidth, int keyWidth, int valueWidth) {
      return Math.max(keyWidth, valueWidth);
    }

    /** √d_head cancels the model's 1/√d_head, so the softmax is as sharp as the construction asked. */
    @Override
    public double queryScale(int dHead) {
      return Math.sqrt(dHead);
    }
  }

  /**
   * Tracr's constructions and constants, unchanged.
   *
   * @param mlpExactness L of every discretising MLP
   */
  record TracrCompatible(double mlpExactness) implements BuildMode {
    @Override
    public CompileOptions.Mode mode() {
      return CompileOptions.Mode.TRACR;
    }

    @Override
    public List<Rewriter> routes() {
      return List.of(new Rewriter(List.of()));
    }

    @Override
    public boolean conjunctionHeads() {
      return false;
    }

    @Override
    public Optional<String> aggregateDefaultProblem(Aggregate a) {
      Value defaultValue = a.defaultValue();
      if (a.isCategorical() && !defaultValue.isNone()) {
        return Optional.of("a categorical aggregate only supports none as default (Tracr mode), not "
            + defaultValue);
      }
      if (a.isNumerical() && !(defaultValue.isNumeric() && defaultValue.asDouble() == 0)) {
        return Optional.of("a numerical aggregate only supports 0 as default (Tracr mode), not " + defaultValue);
      }
      return Optional.empty();
    }

    @Override
    public boolean diagonalSequenceMaps() {
      return false;
    }

    @Override
    public boolean categoricalDefaultInValueSet() {
      return false;
    }

    /** Tracr drops the failing value from the set and compiles. */
    @Override
    public boolean rejectsFailingFunctions() {
      return false;
    }

    /** Tracr's models answer every input, averaged or not. */
    @Override
    public boolean guardsAggregates() {
      return false;
    }

    @Override
    public boolean binaryMeansOnly() {
      return true;
    }

    @Override
    public boolean narrowsSelectorWidths() {
      return false;
    }

    @Override
    public boolean fusesMaps() {
      return false;
    }

    @Override
    public boolean checksNone() {
      return false;
    }

    @Override
    public boolean mergesFloatingTwins() {
      return false;
    }

    @Override
    public boolean signedCategoricalToNumerical() {
      return false;
    }

    @Override
    public AtBos discretisingAtBos(BasisDirection bos) {
      return new AtBos.Written();
    }

    @Override
    public double largeNumber(double smallestGap) {
      return mlpExactness;
    }

    @Override
    public boolean prunesSilentNeurons() {
      return false;
    }

    /** Tracr's constructions and sizes, exactly. */
    @Override
    public boolean choosesCheapestConstruction() {
      return false;
    }

    @Override
    public boolean aggregatesByValue() {
      return false;
    }

    @Override
    public boolean mergesIdenticalHeads() {
      return false;
    }

    @Override
    public boolean balancesLayers() {
      return false;
    }

    /** Tracr sizes the key side by the wider of queries and keys. */
    @Override
    public int headWidth(int queryWidth, int keyWidth, int valueWidth) {
      return Math.max(Math.max(queryWidth, keyWidth), valueWidth);
    }

    @Override
    public double queryScale(int dHead) {
      return 1.0;
    }
  }
}
