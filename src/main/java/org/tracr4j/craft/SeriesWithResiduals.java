package org.tracr4j.craft;

import java.util.List;

/**
 * Blocks applied one after another, each with a residual connection: {@code x ← x + block(x)}.
 * {@link #apply} returns the total written by all blocks (the final stream minus the input stream).
 *
 * @param blocks the blocks in order
 */
public record SeriesWithResiduals(List<Block> blocks) implements Block {

  public SeriesWithResiduals {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("A series needs at least one block");
    }
  }

  @Override
  public VectorSpace readSpace() {
    return VectorSpace.join(blocks.stream().map(Block::readSpace).toList());
  }

  @Override
  public VectorSpace writeSpace() {
    return VectorSpace.join(blocks.stream().map(Block::writeSpace).toList());
  }

  @Override
  public double[][] apply(VectorSpace residual, double[][] stream) {
    Block.requireStream(residual, stream);
    double[][] current = new double[stream.length][];
    for (int t = 0; t < stream.length; t++) {
      current[t] = stream[t].clone();
    }
    double[][] total = new double[stream.length][residual.dims()];
    for (Block block : blocks) {
      double[][] written = block.apply(residual, current);
      Dense.addInPlace(current, written);
      Dense.addInPlace(total, written);
    }
    return total;
  }
}
