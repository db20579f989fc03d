package org.tracr4j.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.tracr4j.export.Safetensors;

/**
 * Writes a dataset of (program, weights) pairs ({@code docs/dataset.md}): draws programs, compiles and
 * checks each ({@link Candidates}), keeps the first of every set of programs equal up to renaming, and
 * writes {@code index.jsonl}, {@code shard-NNNNN.safetensors} and {@code dataset.json}.
 *
 * <p>Determinism: draw i depends only on the options and i; draws are computed in parallel in blocks but
 * accepted, de-duplicated and written strictly in draw order, so the bytes do not depend on the threads.
 */
public final class DatasetBuilder {
  /** Train / validation / test by the program's hash: a program is in one split only. */
  public static final String SPLIT_RULE = "h = first 8 bytes of SHA-256(source) as an unsigned integer; "
      + "h mod 100 < 90: train, < 95: val, else test";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Give up when this many draws per requested program did not give enough distinct programs. */
  private static final int MAX_DRAWS_PER_PROGRAM = 50;
  /** Draws computed ahead of the writer, at most (their results wait in memory, about 0.1 MB each). */
  private static final int WINDOW = 512;

  /** What was written and what was not. */
  public record Summary(int programs, long draws, int duplicates, Map<String, Integer> rejected,
      Map<String, Integer> splits, int shards) {}

  private DatasetBuilder() {}

  /** Builds the dataset into {@code dir} (created); {@code progress} gets the number of programs written. */
  public static Summary build(DatasetOptions options, Path dir, IntConsumer progress) throws IOException {
    Files.createDirectories(dir);
    Candidates candidates = new Candidates(options);
    Set<String> seen = new HashSet<>();
    Map<String, Integer> rejected = new TreeMap<>();
    Map<String, Integer> splits = new TreeMap<>(Map.of("train", 0, "val", 0, "test", 0));
    TreeSet<String> vocabulary = new TreeSet<>();
    List<Safetensors.Encoded> shard = new ArrayList<>();
    int written = 0;
    int duplicates = 0;
    int shards = 0;
    long draw = 0;
    long maxDraws = (long) MAX_DRAWS_PER_PROGRAM * options.programs();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
      Thread thread = new Thread(runnable, "dataset-worker");
      thread.setDaemon(true);
      return thread;
    });
    try (BufferedWriter index = Files.newBufferedWriter(dir.resolve("index.jsonl"), StandardCharsets.UTF_8)) {
      // Draws run ahead of the writer in a window of futures, consumed strictly in draw order: what is
      // written depends only on the results, never on how far ahead the workers are.
      ArrayDeque<Future<Candidate>> window = new ArrayDeque<>();
      long submitted = 0;
      while (written < options.programs() && draw < maxDraws) {
        long ahead = Math.min(WINDOW, Math.max(16, 2L * (options.programs() - written)));
        long wanted = Math.min(maxDraws, draw + ahead);
        while (submitted < wanted) {
          long d = submitted++;
          window.add(pool.submit(() -> candidates.draw(d)));
        }
        Candidate candidate = result(window.poll());
        draw++;
        candidate.rejections().forEach(kind -> rejected.merge(kind, 1, Integer::sum));
        if (candidate instanceof Candidate.Accepted a && !seen.add(a.source())) {
          duplicates++;
        } else if (candidate instanceof Candidate.Accepted a) {
          String id = String.format("p%06d", written);
          String prefix = id + "/";
          String shardName = String.format("shard-%05d.safetensors", written / options.shardSize());
          splits.merge(a.split(), 1, Integer::sum);
          vocabulary.addAll(a.tokens());
          for (Safetensors.Encoded tensor : a.tensors()) {
            shard.add(tensor.named(prefix + tensor.name()));
          }
          // The line as Jackson writes it: id, split, the worker's fields, shard, prefix.
          index.write("{\"id\":\"" + id + "\",\"split\":\"" + a.split() + "\"," + a.indexFields()
              + ",\"shard\":\"" + shardName + "\",\"prefix\":\"" + prefix + "\"}\n");
          written++;
          if (written % options.shardSize() == 0) {
            writeShard(dir, shardName, shard);
            shards++;
          }
          if (progress != null) {
            progress.accept(written);
          }
        }
      }
      if (!shard.isEmpty()) {
        writeShard(dir, String.format("shard-%05d.safetensors", written / options.shardSize()), shard);
        shards++;
      }
    } finally {
      pool.shutdownNow();
    }
    Summary summary = new Summary(written, draw, duplicates, rejected, splits, shards);
    writeDescription(dir, options, summary, vocabulary);
    return summary;
  }

  private static Candidate result(Future<Candidate> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a dataset worker failed", e.getCause());
    }
  }

  private static void writeShard(Path dir, String name, List<Safetensors.Encoded> tensors) throws IOException {
    Safetensors.writeEncoded(dir.resolve(name), tensors, Map.of("format", "pt"));
    tensors.clear();
  }

  static String split(String source) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (digest[i] & 0xff);
    }
    long bucket = Long.remainderUnsigned(h, 100);
    return bucket < 90 ? "train" : bucket < 95 ? "val" : "test";
  }

  private static void writeDescription(Path dir, DatasetOptions o, Summary summary, TreeSet<String> vocabulary)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "tracr4j-dataset");
    root.put("format_version", 1);
    ObjectNode options = root.putObject("options");
    options.put("programs", o.programs());
    options.put("shard_size", o.shardSize());
    options.put("size", o.size());
    options.put("vocab_size", o.vocabSize());
    options.put("max_seq_len", o.maxSeqLen());
    options.put("causal_share", o.causalShare());
    ArrayNode constructs = options.putArray("constructs");
    o.constructNames().forEach(constructs::add);
    options.put("check_inputs", o.checkInputs());
    root.put("seed", o.seed());
    ObjectNode counts = root.putObject("counts");
    counts.put("programs", summary.programs());
    counts.put("draws", summary.draws());
    counts.put("duplicates", summary.duplicates());
    counts.put("shards", summary.shards());
    summary.splits().forEach(counts::put);
    ObjectNode rejected = counts.putObject("rejected");
    summary.rejected().forEach(rejected::put);
    ArrayNode tokens = root.putArray("token_vocabulary");
    vocabulary.forEach(tokens::add);
    root.put("split_rule", SPLIT_RULE);
    Files.writeString(dir.resolve("dataset.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }
}
