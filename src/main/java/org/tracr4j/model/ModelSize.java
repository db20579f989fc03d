package org.tracr4j.model;

import java.util.Locale;
import org.tracr4j.ModelTooLargeException;

/**
 * How big a model of a given shape is, computed in {@code long} before anything is allocated, and the check
 * that it fits: every tensor in a Java array ({@link #MAX_ARRAY} elements) and all the float64 weights in
 * what the JVM's heap has left ({@link Runtime#maxMemory()} minus what is in use, with a margin for the
 * forward pass and the export). A model that does not fit is refused with one line
 * ({@link ModelTooLargeException}): its size, what the JVM has, and how to raise the heap.
 *
 * @param parameters every weight and bias
 * @param largestTensor the TransformerLens name of the largest tensor
 * @param largestElements its number of elements
 */
public record ModelSize(long parameters, String largestTensor, long largestElements) {
  /** The most elements a Java array holds (a few below {@code Integer.MAX_VALUE}, as the JDK's own limit). */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
  /** Bytes of one float64 weight. */
  public static final int BYTES_PER_WEIGHT = Double.BYTES;
  /** The share of the free heap the weights may take; the rest is for the forward pass, export and GC. */
  static final double HEAP_SHARE = 0.8;
  /** The JVM's maximum heap, fixed at its start ({@link Runtime#maxMemory()}). */
  private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();
  /** How the heap is raised when running through the {@code tracr4j} launcher. */
  public static final String HOW_TO_RAISE = "TRACR4J_JAVA_OPTS=-Xmx";

  /** The tensors {@link #of} compares, in its order, by TransformerLens name. */
  private static final String[] TENSOR_NAMES = {"embed.W_E", "pos_embed.W_pos", "blocks.0.attn.W_Q",
      "blocks.0.mlp.W_in", "unembed.W_U"};

  /** The size of a model of shape {@code c} (exact: the tensors of {@link Weights#parameters}). */
  public static ModelSize of(ModelConfig c) {
    long d = c.dModel();
    long qkv = product(c.heads(), d, c.dHead());
    long[] sizes = {product(c.dVocab(), d), product(c.nCtx(), d), qkv, product(d, c.dMlp()),
        product(d, c.dVocabOut())};
    long perLayer = Math.addExact(Math.multiplyExact(4, qkv), product(2, d, c.dMlp()));
    perLayer = Math.addExact(perLayer, Math.addExact(product(3, c.heads(), c.dHead()), 2 * d + c.dMlp()));
    long total = Math.addExact(sizes[0] + sizes[1], Math.multiplyExact(c.layers(), perLayer));
    total = Math.addExact(total, sizes[4] + c.dVocabOut());
    int largest = 0;
    for (int i = 1; i < sizes.length; i++) {
      if ((c.layers() > 0 || i != 2 && i != 3) && sizes[i] > sizes[largest]) {
        largest = i;
      }
    }
    return new ModelSize(total, TENSOR_NAMES[largest], sizes[largest]);
  }

  /** Bytes of the float64 weights. */
  public long bytes() {
    return Math.multiplyExact(parameters, BYTES_PER_WEIGHT);
  }

  /**
   * Refuses a model of shape {@code c} that cannot be allocated: a tensor too large for a Java array, or
   * weights that do not fit in the heap that is left. {@code what} names the model ("reverse.rasp at
   * max_seq_len 2000") and {@code detail} adds what the caller knows (the largest value set), or is empty.
   *
   * @throws ModelTooLargeException with one line: the size, what the JVM has, how to raise it
   */
  public static void require(ModelConfig c, String detail) {
    require(c, () -> detail);
  }

  /**
   * {@link #require(ModelConfig, String)} with a detail that is worked out only for a refusal: the compiler
   * asks this on every compile, and nearly every model fits.
   */
  public static void require(ModelConfig c, java.util.function.Supplier<String> detail) {
    ModelSize size;
    try {
      size = of(c);
    } catch (ArithmeticException e) {
      throw new ModelTooLargeException("the model would have more than 2^63 parameters (" + shape(c) + detail.get()
          + "); no JVM can hold it");
    }
    if (size.largestElements() > MAX_ARRAY) {
      throw new ModelTooLargeException("the model's tensor " + size.largestTensor() + " would have "
          + count(size.largestElements()) + " elements (" + shape(c) + detail.get() + "), more than a Java array holds ("
          + count(MAX_ARRAY) + "); a smaller --max-seq-len or vocabulary is needed");
    }
    Runtime runtime = Runtime.getRuntime();
    long bytes = size.bytes();
    // What is in use is at most what is committed: a model that fits beside the whole committed heap
    // fits, and the free memory (the dearest of the three queries, asked on every compile) is not needed.
    if (bytes <= (MAX_HEAP - runtime.totalMemory()) * HEAP_SHARE) {
      return;
    }
    long available = available(runtime);
    if (bytes > available * HEAP_SHARE) {
      System.gc(); // only where it matters: garbage counts as in use until collected
      available = available(runtime);
    }
    if (bytes > available * HEAP_SHARE) {
      long used = runtime.totalMemory() - runtime.freeMemory();
      long needed = (long) Math.ceil((bytes / HEAP_SHARE + used) / (double) (1L << 30));
      throw new ModelTooLargeException("the model would have " + count(size.parameters()) + " parameters, "
          + gigabytes(bytes) + " of float64 weights (" + shape(c) + detail.get() + "), but the JVM's heap has "
          + gigabytes(available) + " free of " + gigabytes(MAX_HEAP) + " (max heap); raise it, e.g. "
          + HOW_TO_RAISE + Math.max(needed + 1, 2) + "g for the tracr4j launcher (java -Xmx"
          + Math.max(needed + 1, 2) + "g otherwise)");
    }
  }

  /** The heap that is not in use: the maximum minus what is allocated and not free. */
  private static long available(Runtime runtime) {
    return MAX_HEAP - (runtime.totalMemory() - runtime.freeMemory());
  }

  private static String shape(ModelConfig c) {
    if (c.layers() == 0 && c.dMlp() == 1 && c.dVocabOut() == 1) {
      return "d_model at least " + count(c.dModel()) + ": " + count(c.dVocab()) + " tokens and "
          + count(c.nCtx() - 1) + " indices, n_ctx " + count(c.nCtx());
    }
    return "d_model " + count(c.dModel()) + ", d_mlp " + count(c.dMlp()) + ", " + c.layers() + " layers, "
        + c.heads() + (c.heads() == 1 ? " head" : " heads") + " of " + count(c.dHead()) + ", vocabulary "
        + count(c.dVocab()) + ", n_ctx " + count(c.nCtx());
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String gigabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.1f GB", bytes / (double) (1L << 30));
  }

  /** The product of non-negative factors, exact. */
  public static long product(long... factors) {
    long result = 1;
    for (long factor : factors) {
      result = Math.multiplyExact(result, factor);
    }
    return result;
  }

  /**
   * The product as an array length, for code that allocates: {@code what} names the array.
   *
   * @throws ModelTooLargeException when it exceeds {@link #MAX_ARRAY}
   */
  public static int arrayLength(String what, long... factors) {
    long n;
    try {
      n = product(factors);
    } catch (ArithmeticException e) {
      n = Long.MAX_VALUE;
    }
    if (n > MAX_ARRAY) {
      throw new ModelTooLargeException(what + " would need " + (n == Long.MAX_VALUE ? "more than 2^63"
          : count(n)) + " elements, more than a Java array holds (" + count(MAX_ARRAY) + ")");
    }
    return (int) n;
  }
}
