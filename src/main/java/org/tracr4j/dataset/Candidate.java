package org.tracr4j.dataset;

import java.util.List;
import org.tracr4j.export.Safetensors;

/**
 * What one draw of the generator became: a verified model ready to write, or the reason it was rejected.
 * A pure function of the dataset's options and the draw's index, so any thread may compute it; the worker
 * also does the costly part of writing (JSON text, tensor bytes) so that the single writer only copies.
 */
sealed interface Candidate {
  /**
   * A program and its verified model.
   *
   * @param tokens the program's tokens
   * @param source the program the tokens spell
   * @param split the program's split ({@link DatasetBuilder#split})
   * @param indexFields the index line's {@code "source":...,"tokens":[...],"config":{...}} as JSON text,
   *     without braces
   * @param tensors the model's tensors, encoded, named without the program's prefix
   * @param rejections why the programs drawn before this one were drawn again
   */
  record Accepted(List<String> tokens, String source, String split, String indexFields,
      List<Safetensors.Encoded> tensors, List<String> rejections) implements Candidate {}

  /** Nothing written: why each program drawn was rejected (a rule of the compiler, a failed check, ...). */
  record Rejected(List<String> rejections) implements Candidate {}

  /** Why programs were rejected on the way to this candidate, one entry per program. */
  List<String> rejections();
}
