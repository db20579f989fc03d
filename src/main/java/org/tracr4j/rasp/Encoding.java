package org.tracr4j.rasp;

/**
 * How an s-op is laid out in the residual stream: one dimension per possible value (one-hot) or a single
 * dimension holding the value as a magnitude. Every s-op is categorical unless annotated; encodings are
 * never inferred or propagated.
 */
public enum Encoding {
  CATEGORICAL,
  NUMERICAL;

  public String lowerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
