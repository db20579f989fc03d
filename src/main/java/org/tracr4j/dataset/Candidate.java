package org.tracr4j.dataset;

import java.util.List;
import java.util.Map;
import org.tracr4j.export.Tensor;

/**
 * What one draw of the generator became: a verified model ready to write, or the reason it was rejected.
 * A pure function of the dataset's options and the draw's index, so any thread may compute it.
 */
sealed interface Candidate {
  /** A program and its verified model. */
  record Accepted(List<String> tokens, String source, String configJson, Map<String, Tensor> tensors,
      boolean causal) implements Candidate {}

  /** Not written, for {@code kind} (a rule of the compiler, a failed check, ...). */
  record Rejected(String kind) implements Candidate {}
}
