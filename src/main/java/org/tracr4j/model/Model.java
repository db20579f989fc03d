package org.tracr4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.tracr4j.InvalidInputException;

/**
 * A compiled transformer: its shape, float64 weights, input vocabulary, output space, residual labels,
 * free-form metadata and (for compiled models) its {@link Provenance}, plus the forward pass. Immutable and safe to share between threads.
 *
 * <p>Inputs are lists of tokens without BOS; a token is matched by its written form ({@code String} as is,
 * anything else by {@code String.valueOf}, so {@code 3L} matches {@code "3"} and {@code true} matches
 * {@code "true"}). Outputs are {@code Long}, {@code Double}, {@code Boolean}, {@code String}, or null for
 * none, one per input position (BOS dropped).
 *
 * <p>Decoding (tracr4j.md §4): numerical → the single output column as a {@code Double}; categorical → the
 * value of the largest column (the first on ties), or none when that entry is below {@value
 * #CATEGORICAL_THRESHOLD}.
 */
public final class Model {
  /** A categorical output whose largest entry is below this decodes to none. */
  public static final double CATEGORICAL_THRESHOLD = 0.5;
  private static final int VOCABULARY_SHOWN = 20;

  private final ModelConfig config;
  /** The dense weights of a model built or read as such; null for a compiled one, which has only entries. */
  private final Weights weights;
  /** The entries of a compiled model, from which {@link #weights()} builds the dense weights; else null. */
  private final WeightEntries entries;
  private final InputVocabulary vocabulary;
  private final OutputSpace output;
  private final List<String> residualLabels;
  private final Map<String, String> metadata;
  private final Provenance provenance;
  private final Map<String, Integer> tokenIds;
  private final ForwardPass forwardPass;
  /** The categorical aggregates with a precondition, checked on every input run (see {@link #runBatch}). */
  private final List<Guard> guards;

  /** A categorical aggregate whose precondition the model checks: its value features in the residual. */
  private record Guard(String expression, String origin, String precondition, int[] features, int[] keys,
      int[] numbers) {}

  /** The categorical s-ops a failing select compares, which must never be none, checked on every input run. */
  private final List<NoneGuard> noneGuards;

  /** A categorical s-op that must never be none: its value features in the residual, and why. */
  private record NoneGuard(String expression, String origin, String reason, int[] features) {}

  /**
   * Assembles a model, checking that every part agrees with {@code config}. The weights are copied.
   *
   * @param config the shape
   * @param weights arrays of the shapes {@code config} gives (see {@link Weights})
   * @param vocabulary {@code config.dVocab()} input tokens with the BOS and PAD ids
   * @param output {@code config.dVocabOut()} output values and their encoding
   * @param residualLabels {@code config.dModel()} names, one per residual dimension
   * @param metadata free-form strings: program source ({@code "source"}), compiler version ({@code
   *     "version"}), compiler mode, …; stored sorted by key
   * @throws IllegalArgumentException naming the first part that does not fit
   */
  public Model(ModelConfig config, Weights weights, InputVocabulary vocabulary, OutputSpace output,
      List<String> residualLabels, Map<String, String> metadata) {
    this(config, weights, vocabulary, output, residualLabels, metadata, null, true);
  }

  /**
   * Like the {@linkplain #Model constructor}, also recording which weights compute which expression.
   *
   * @throws IllegalArgumentException naming the first part that does not fit, provenance included
   */
  public Model(ModelConfig config, Weights weights, InputVocabulary vocabulary, OutputSpace output,
      Map<String, String> metadata, Provenance provenance) {
    this(config, weights, vocabulary, output, labels(provenance), metadata, provenance, true);
  }

  /**
   * Like the {@linkplain #Model constructor}, with the same checks, but the model takes the weight arrays
   * over instead of copying them. For callers that have just built or read the arrays and keep no other
   * reference to them (the compiler, the model loader): copying a large model's weights is a sizeable part
   * of compiling it. Changing the arrays afterwards changes the model, so never hand in arrays that anything
   * else still holds.
   *
   * @throws IllegalArgumentException naming the first part that does not fit
   */
  public static Model takingOwnership(ModelConfig config, Weights weights, InputVocabulary vocabulary,
      OutputSpace output, List<String> residualLabels, Map<String, String> metadata) {
    return new Model(config, weights, vocabulary, output, residualLabels, metadata, null, false);
  }

  /** {@link #takingOwnership} with provenance, whose feature labels are the residual labels. */
  public static Model takingOwnership(ModelConfig config, Weights weights, InputVocabulary vocabulary,
      OutputSpace output, Map<String, String> metadata, Provenance provenance) {
    return new Model(config, weights, vocabulary, output, labels(provenance), metadata, provenance, false);
  }

  /**
   * A model over the weight entries the compiler wrote, which checks every weight it writes as it writes it
   * and builds the provenance record from the same plan (the compiler's tests check that record against the
   * weights): nothing is checked entry by entry again, and the dense {@link Weights} are built only when
   * {@link #weights()} is asked (the forward pass runs on the entries).
   *
   * @throws IllegalArgumentException when the entries are of another shape than {@code config}, or a part
   *     does not fit
   */
  public static Model compiled(ModelConfig config, WeightEntries weights, InputVocabulary vocabulary,
      OutputSpace output, Map<String, String> metadata, Provenance provenance) {
    if (!weights.config().equals(config)) {
      throw new IllegalArgumentException("the weights have shape " + weights.config() + ", the configuration "
          + config);
    }
    return new Model(config, null, weights, vocabulary, output, labels(provenance), metadata, provenance, false,
        true);
  }

  private static List<String> labels(Provenance provenance) {
    return provenance.residual().stream().map(Provenance.Feature::label).toList();
  }

  private Model(ModelConfig config, Weights weights, InputVocabulary vocabulary, OutputSpace output,
      List<String> residualLabels, Map<String, String> metadata, Provenance provenance, boolean copyWeights) {
    this(config, weights, null, vocabulary, output, residualLabels, metadata, provenance, copyWeights, false);
  }

  private Model(ModelConfig config, Weights weights, WeightEntries entries, InputVocabulary vocabulary,
      OutputSpace output, List<String> residualLabels, Map<String, String> metadata, Provenance provenance,
      boolean copyWeights, boolean compiled) {
    this.config = config;
    this.weights = weights == null ? null : copyWeights ? weights.copy() : weights;
    this.entries = entries;
    if (this.weights != null) {
      this.weights.check(config);
    }
    this.vocabulary = vocabulary;
    this.output = output;
    this.residualLabels = List.copyOf(residualLabels);
    this.metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    if (vocabulary.size() != config.dVocab()) {
      throw new IllegalArgumentException(
          "the vocabulary has " + vocabulary.size() + " tokens, dVocab is " + config.dVocab());
    }
    if (output.size() != config.dVocabOut()) {
      throw new IllegalArgumentException(
          "the output space has " + output.size() + " values, dVocabOut is " + config.dVocabOut());
    }
    if (this.residualLabels.size() != config.dModel()) {
      throw new IllegalArgumentException("there are " + this.residualLabels.size()
          + " residual labels, dModel is " + config.dModel());
    }
    if (provenance != null && !compiled) {
      provenance.check(config, this.residualLabels);
    }
    this.provenance = provenance;
    this.guards = guards(provenance);
    this.noneGuards = noneGuards(provenance);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.tokens().get(i), i);
    }
    this.tokenIds = ids;
    this.forwardPass = new ForwardPass(config, this.weights, entries, vocabulary.pad());
  }

  public ModelConfig config() {
    return config;
  }

  /** A deep copy of the weights (for a compiled model, built from its entries at each call). */
  public Weights weights() {
    return weights != null ? weights.copy() : entries.toDense();
  }

  public InputVocabulary vocabulary() {
    return vocabulary;
  }

  public OutputSpace output() {
    return output;
  }

  public List<String> residualLabels() {
    return residualLabels;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Which head and which MLP neurons compute each expression, and what every residual dimension means;
   * empty for a model built by hand or read from a format-version-1 directory.
   */
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  /** The longest input accepted, BOS excluded. */
  public int maxSeqLen() {
    return config.maxSeqLen();
  }

  /** The TransformerLens parameter count (weights, no biases); see {@link ModelConfig#params()}. */
  public long params() {
    return config.params();
  }

  /**
   * Token ids of {@code input} with BOS prepended.
   *
   * @throws InvalidInputException for a token outside the vocabulary (naming it, its position and some of
   *     the vocabulary), for the BOS or PAD token, or for an input longer than {@link #maxSeqLen()}
   */
  public int[] encode(List<?> input) {
    if (input.size() > maxSeqLen()) {
      throw new InvalidInputException("input has " + input.size()
          + " tokens, the maximum sequence length is " + maxSeqLen());
    }
    int[] ids = new int[input.size() + 1];
    ids[0] = vocabulary.bos();
    for (int i = 0; i < input.size(); i++) {
      Object token = input.get(i);
      String written = token instanceof String s ? s : String.valueOf(token);
      Integer id = tokenIds.get(written);
      if (id == null) {
        throw new InvalidInputException("unknown token '" + written + "' at position " + i
            + "; the vocabulary is " + describeVocabulary());
      }
      if (id == vocabulary.bos() || id == vocabulary.pad()) {
        throw new InvalidInputException("token '" + written + "' at position " + i + " is the "
            + (id == vocabulary.bos() ? "BOS" : "PAD") + " token, which the model adds itself");
      }
      ids[i + 1] = id;
    }
    return ids;
  }

  /** Decodes one row of the output space ({@code dVocabOut} entries); null is none. */
  public Object decode(double[] row) {
    return switch (output.encoding()) {
      case NUMERICAL -> row[0];
      case CATEGORICAL -> {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
          if (row[j] > row[best]) {
            best = j;
          }
        }
        yield row[best] < CATEGORICAL_THRESHOLD ? null : output.values().get(best);
      }
    };
  }

  /** Runs one input and decodes it: one value per input position, null for none. */
  public List<Object> run(List<?> input) {
    return runBatch(List.of(input)).get(0);
  }

  /**
   * Runs several inputs, of any lengths up to {@link #maxSeqLen()}, and decodes them. The result for an
   * input does not depend on the other inputs of the batch.
   *
   * @throws InvalidInputException for an input the model cannot take, or one that violates a recorded
   *     precondition: a categorical aggregate whose residual features show it averaging several values
   *     (the message names the aggregate, where it was written, and the position)
   */
  public List<List<Object>> runBatch(List<? extends List<?>> inputs) {
    int[][] ids = new int[inputs.size()][];
    for (int b = 0; b < ids.length; b++) {
      ids[b] = encode(inputs.get(b));
    }
    double[][][] outputs = forward(ids);
    List<List<Object>> decoded = new ArrayList<>(ids.length);
    for (double[][] out : outputs) {
      decoded.add(decodeSequence(out));
    }
    return decoded;
  }

  /** Positions × parameters under which a batch runs in the calling thread (about a millisecond). */
  private static final long SEQUENTIAL_WORK = 2_000_000;

  /**
   * The unembedded output, {@code [batch][T_b][dVocabOut]}, of a batch of token-id sequences (each BOS
   * first, of its own length {@code T_b ≤ nCtx}). Equivalent to padding every sequence with PAD to the
   * longest: PAD positions are masked as attention keys, so trailing padding and the other sequences never
   * change a result. Sequences run in parallel, one workspace per worker.
   *
   * @throws InvalidInputException if a sequence is empty, too long, does not start with BOS or holds an id
   *     outside the vocabulary
   */
  public double[][][] forward(int[][] tokenIds) {
    int longest = 1;
    for (int b = 0; b < tokenIds.length; b++) {
      checkIds(b, tokenIds[b]);
      longest = Math.max(longest, tokenIds[b].length);
    }
    double[][][] result = new double[tokenIds.length][][];
    String[] refusals = new String[tokenIds.length];
    long positionsTotal = 0;
    for (int[] ids : tokenIds) {
      positionsTotal += ids.length;
    }
    // A batch whose whole work is under a millisecond runs in the calling thread: handing it to the pool
    // costs more than it saves (the dataset checks each small model on 8 short inputs, from its own workers).
    int workers = positionsTotal * config.params() < SEQUENTIAL_WORK ? 1
        : Math.max(1, Math.min(tokenIds.length, Runtime.getRuntime().availableProcessors()));
    int positions = longest;
    IntStream range = IntStream.range(0, workers);
    (workers > 1 ? range.parallel() : range).forEach(worker -> {
      Workspace workspace = new Workspace(config, positions);
      double[] out = new double[positions * config.dVocabOut()];
      for (int b = worker; b < tokenIds.length; b += workers) {
        forwardPass.run(tokenIds[b], workspace, out, null);
        result[b] = ForwardPass.rows(out, tokenIds[b].length, config.dVocabOut());
        refusals[b] = refusal(workspace.residual, tokenIds[b].length);
      }
    });
    for (int b = 0; b < refusals.length; b++) {
      if (refusals[b] != null) {
        throw new InvalidInputException((tokenIds.length > 1 ? "input " + (b + 1) + " of the batch: " : "")
            + refusals[b]);
      }
    }
    return result;
  }

  /** Runs one input and records every intermediate activation (tracr-reference §7.2). */
  public Trace trace(List<?> input) {
    int[] ids = encode(input);
    int t = ids.length;
    Workspace workspace = new Workspace(config, t);
    double[] out = new double[t * config.dVocabOut()];
    ForwardPass.TraceRecorder recorder = new ForwardPass.TraceRecorder();
    forwardPass.run(ids, workspace, out, recorder);
    double[][] unembedded = ForwardPass.rows(out, t, config.dVocabOut());
    return new Trace(Collections.unmodifiableList(new ArrayList<>(input)), ids, decodeSequence(unembedded),
        unembedded, recorder.inputEmbeddings, List.copyOf(recorder.residuals),
        List.copyOf(recorder.layerOutputs), List.copyOf(recorder.attention), List.copyOf(recorder.mlpHidden),
        residualLabels);
  }

  /**
   * Why the model refuses the input whose final residual is {@code residual} ({@code t} positions, BOS
   * first), or null. A categorical aggregate's head writes the histogram of the values its query selects, so
   * where its precondition holds its features are one-hot (or all zero: none, or an empty selection);
   * where the query selects several distinct values they split the weight, and each share is at least 1/N
   * (a none's share is missing from the sum). A split above half the smallest share is an average: RASP's
   * answer is not what the model would decode.
   */
  private String refusal(double[] residual, int t) {
    int d = config.dModel();
    for (NoneGuard guard : noneGuards) {
      for (int p = 1; p < t; p++) {
        double sum = 0;
        for (int f : guard.features()) {
          sum += residual[p * d + f];
        }
        // One-hot where it has a value; the zero vector where it is none.
        if (sum < 0.5) {
          return "input refused: " + guard.expression()
              + (guard.origin() == null ? "" : " (" + guard.origin() + ")") + " is none at position " + (p - 1)
              + ", and " + guard.reason() + " (RASP gives no answer)";
        }
      }
    }
    if (guards.isEmpty()) {
      return null;
    }
    double split = 0.5 / config.nCtx();
    for (Guard guard : guards) {
      for (int p = 1; p < t; p++) {
        double sum = 0;
        double max = 0;
        for (int f : guard.features()) {
          double v = residual[p * d + f];
          sum += v;
          max = Math.max(max, v);
        }
        // Two values share the weight, or a value shares it with none (whose direction is the zero vector);
        // or, in the key channel, two keys share it (one string selected twice is no RASP mean either).
        if (sum - max > split || sum > split && sum < 1 - split || severalKeysNotAllNumbers(guard, residual, p * d, split)) {
          return "input refused: aggregate " + guard.expression()
              + (guard.origin() == null ? "" : " (" + guard.origin() + ")") + " would average several values at "
              + "position " + (p - 1) + ", where the compiled model cannot give RASP's answer; its precondition: "
              + guard.precondition();
        }
      }
    }
    return null;
  }

  /**
   * Whether the aggregate's key channel shows several selected keys while not all their values are numbers
   * (a string or none among them): RASP's mean fails there, even on one string selected twice. Several keys
   * with numbers are RASP's mean, and the value features show whether it is one value.
   */
  private static boolean severalKeysNotAllNumbers(Guard guard, double[] residual, int at, double split) {
    if (guard.keys().length == 0 || spread(residual, at, guard.keys()) <= split) {
      return false;
    }
    double numbers = 0;
    for (int f : guard.numbers()) {
      numbers += residual[at + f];
    }
    return numbers < 1 - split;
  }

  /** The weight of features {@code f} at row offset {@code at} beyond their largest. */
  private static double spread(double[] residual, int at, int[] features) {
    double sum = 0;
    double max = 0;
    for (int f : features) {
      double v = residual[at + f];
      sum += v;
      max = Math.max(max, v);
    }
    return sum - max;
  }

  private static List<NoneGuard> noneGuards(Provenance provenance) {
    if (provenance == null) {
      return List.of();
    }
    List<NoneGuard> out = new ArrayList<>();
    for (Provenance.Expression e : provenance.expressions()) {
      if (e.neverNone() != null) {
        List<Integer> features = new ArrayList<>();
        for (int i : provenance.featuresOf(e.label())) {
          if (provenance.residual().get(i).role() == Provenance.Role.VALUE) {
            features.add(i);
          }
        }
        out.add(new NoneGuard(e.label(), e.origin(), e.neverNone(),
            features.stream().mapToInt(Integer::intValue).toArray()));
      }
    }
    return List.copyOf(out);
  }

  private static List<Guard> guards(Provenance provenance) {
    if (provenance == null) {
      return List.of();
    }
    List<Guard> guards = new ArrayList<>();
    for (Provenance.Expression e : provenance.expressions()) {
      if (e.precondition() != null) {
        List<Integer> features = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i : provenance.featuresOf(e.label())) {
          Provenance.Feature feature = provenance.residual().get(i);
          Provenance.Role role = feature.role();
          if (role == Provenance.Role.VALUE) {
            features.add(i);
            if (feature.value() instanceof Number || feature.value() instanceof Boolean) {
              numbers.add(i);
            }
          } else if (role == Provenance.Role.INTERMEDIATE) {
            keys.add(i); // the aggregate's key channel: one share per selected key
          }
        }
        guards.add(new Guard(e.label(), e.origin(), e.precondition(),
            features.stream().mapToInt(Integer::intValue).toArray(), keys.stream().mapToInt(Integer::intValue).toArray(),
            numbers.stream().mapToInt(Integer::intValue).toArray()));
      }
    }
    return List.copyOf(guards);
  }

  private List<Object> decodeSequence(double[][] unembedded) {
    List<Object> decoded = new ArrayList<>(unembedded.length - 1);
    for (int p = 1; p < unembedded.length; p++) {
      decoded.add(decode(unembedded[p]));
    }
    return Collections.unmodifiableList(decoded);
  }

  private void checkIds(int item, int[] ids) {
    String where = "token ids of batch item " + item;
    if (ids.length == 0 || ids.length > config.nCtx()) {
      throw new InvalidInputException(where + ": length " + ids.length + " is not between 1 and nCtx = "
          + config.nCtx() + " (BOS included)");
    }
    if (ids[0] != vocabulary.bos()) {
      throw new InvalidInputException(
          where + ": position 0 holds id " + ids[0] + ", expected the BOS id " + vocabulary.bos());
    }
    for (int p = 0; p < ids.length; p++) {
      if (ids[p] < 0 || ids[p] >= config.dVocab()) {
        throw new InvalidInputException(where + ": id " + ids[p] + " at position " + p
            + " is outside 0.." + (config.dVocab() - 1));
      }
    }
  }

  private String describeVocabulary() {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < vocabulary.size() && shown.size() < VOCABULARY_SHOWN; i++) {
      if (i != vocabulary.bos() && i != vocabulary.pad()) {
        shown.add(vocabulary.tokens().get(i));
      }
    }
    int rest = vocabulary.size() - 2 - shown.size();
    return "{" + String.join(", ", shown) + (rest > 0 ? ", … (" + rest + " more)" : "") + "}";
  }

  @Override
  public String toString() {
    return "Model" + config + " (" + params() + " params)";
  }
}
