package org.tracr4j.craft;

/**
 * A transformer block on a residual stream (tracr-reference.md §3.6): it reads its inputs by projecting the
 * stream onto named subspaces and writes its output into named subspaces.
 *
 * <p>The forward pass works on a stream {@code double[T][D]} whose columns are the directions of a residual
 * space ({@code D = residual.dims()}). Directions the block reads but the residual lacks read as zero;
 * every direction it writes must be in the residual.
 */
public sealed interface Block permits Mlp, AttentionHead, MultiAttentionHead, SeriesWithResiduals {

  /** Every direction the block reads. */
  VectorSpace readSpace();

  /** Every direction the block may write. */
  VectorSpace writeSpace();

  /** The smallest residual space the block runs on: the union of what it reads and writes. */
  default VectorSpace residualSpace() {
    return VectorSpace.join(readSpace(), writeSpace());
  }

  /**
   * What the block writes for the stream {@code stream}, as a new {@code [T][D]} array over {@code residual}
   * (the caller adds it to the stream). The input is not changed.
   */
  double[][] apply(VectorSpace residual, double[][] stream);

  /** The stream after this block with its residual connection: {@code stream + apply(residual, stream)}. */
  default double[][] applyResidual(VectorSpace residual, double[][] stream) {
    double[][] result = apply(residual, stream);
    Dense.addInPlace(result, stream);
    return result;
  }

  /** Throws unless every row of {@code stream} has one entry per direction of {@code residual}. */
  static void requireStream(VectorSpace residual, double[][] stream) {
    for (double[] row : stream) {
      if (row.length != residual.dims()) {
        throw new IllegalArgumentException("Stream rows have " + row.length + " entries but residual space "
            + residual + " has " + residual.dims() + " dimensions");
      }
    }
  }
}
