package org.tracr4j;

/**
 * The decompiler cannot read a program back from a model's weights, or the program it read does not
 * compute what the model computes (a compressed model, weights that are not a compiled model's). The
 * message names the block (layer, head or MLP) and what was expected there.
 */
public final class UndecompilableModelException extends Tracr4jException {
  public UndecompilableModelException(String where, String problem) {
    super(where + ": " + problem);
  }
}
