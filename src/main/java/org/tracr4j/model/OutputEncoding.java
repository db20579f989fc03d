package org.tracr4j.model;

/** How the unembedded output space is read back into values. */
public enum OutputEncoding {
  /** One column per output value; the decoded value is the largest column's, or none below 0.5. */
  CATEGORICAL,
  /** A single column whose entry is the output, as a {@code Double}. */
  NUMERICAL
}
