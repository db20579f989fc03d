package org.tracr4j.dataset;

import java.util.List;
import java.util.Set;
import org.tracr4j.generate.Construct;

/**
 * What {@code tracr4j dataset} builds.
 *
 * @param programs distinct programs to write
 * @param seed seed of the whole dataset; program i's draws use {@code (seed, i)} only
 * @param threads worker threads (the output does not depend on it)
 * @param shardSize programs per safetensors shard
 * @param size operations (statements) per program
 * @param vocabSize input tokens 0 .. vocabSize − 1
 * @param maxSeqLen maximum input length
 * @param causalShare fraction of programs compiled causally (drawn per program)
 * @param constructs the constructs the generator may use (empty: all)
 * @param checkInputs random inputs on which each model is checked against its program before it is written
 */
public record DatasetOptions(int programs, long seed, int threads, int shardSize, int size, int vocabSize,
    int maxSeqLen, double causalShare, Set<Construct> constructs, int checkInputs) {

  public DatasetOptions {
    require(programs >= 1, "--programs must be at least 1");
    require(threads >= 1, "--threads must be at least 1");
    require(shardSize >= 1, "--shard-size must be at least 1");
    require(size >= 1, "--size must be at least 1");
    require(vocabSize >= 1, "--vocab-size must be at least 1");
    require(maxSeqLen >= 1, "--max-seq-len must be at least 1");
    require(causalShare >= 0 && causalShare <= 1, "--causal-share must be between 0 and 1");
    require(checkInputs >= 1, "--check-inputs must be at least 1");
    constructs = Set.copyOf(constructs);
  }

  /** The defaults of {@code tracr4j dataset}: the size of the meta-model work (5 operations, vocab 5, length 5). */
  public static DatasetOptions defaults(int programs, long seed) {
    return new DatasetOptions(programs, seed, 1, 1000, 5, 5, 5, 0.0, Set.of(), 8);
  }

  public DatasetOptions withThreads(int newThreads) {
    return new DatasetOptions(programs, seed, newThreads, shardSize, size, vocabSize, maxSeqLen, causalShare,
        constructs, checkInputs);
  }

  public DatasetOptions withShardSize(int newShardSize) {
    return new DatasetOptions(programs, seed, threads, newShardSize, size, vocabSize, maxSeqLen, causalShare,
        constructs, checkInputs);
  }

  List<String> constructNames() {
    return constructs.stream().map(Enum::name).sorted().toList();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
