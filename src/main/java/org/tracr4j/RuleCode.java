package org.tracr4j;

/**
 * Which rule a program breaks: every {@link UnsupportedProgramException.Finding} carries one, so tests,
 * {@code check} and {@code fuzz} can tell rejections apart without reading their prose. Grouped by the stage
 * that applies the rule; the finding's reason says what was found in the program.
 */
public enum RuleCode {
  // Static validation (compiler.StaticValidation).
  /** The output is tokens or indices themselves: nothing to compute. */
  NO_COMPUTATION,
  /** The program never reads tokens. */
  NO_TOKENS,
  /** Tokens or indices marked numerical (they are always categorical). */
  NUMERICAL_PRIMITIVE,
  /** The length primitive {@code [n] * n}, which has no construction (use the library's length). */
  LENGTH_PRIMITIVE,
  /** A constant sequence ({@code full}) computed on its own. */
  CONSTANT_SEQUENCE,
  /** A non-linear sequence map with a numerical input or output. */
  SEQUENCE_MAP_ENCODING,
  /** A linear sequence map with a categorical input or output. */
  LINEAR_SEQUENCE_MAP_ENCODING,
  /** An aggregate whose output encoding differs from its input's. */
  AGGREGATE_ENCODING,
  /** An aggregate default the build mode cannot write (Tracr mode: none or 0 only; numerical: a number). */
  AGGREGATE_DEFAULT,
  /** A selector combining selects over different s-ops that no construction covers. */
  COMPOSITE_SELECTOR,
  /** A select whose keys or queries are numerical. */
  NUMERICAL_SELECT,
  // Value-set inference (compiler.ValueSetInference).
  /** A numerical aggregate of an s-op that can hold a non-number. */
  MEAN_OF_NON_NUMBER,
  /** Tracr mode: a numerical aggregate of values other than 0 and 1. */
  MEAN_OF_NON_BINARY,
  /** A numerical aggregate with too many possible means to discretise on. */
  TOO_MANY_MEANS,
  /**
   * Exact mode: a function fails (division by zero, comparing a number with a string, a non-finite
   * result) on a value its input can take, so RASP has no answer for the model to give.
   */
  FUNCTION_FAILS,
  /** Exact mode: a select's predicate fails on a key and query its inputs can take. */
  PREDICATE_FAILS,
  // None analysis (compiler.NoneAnalysis, exact mode).
  /** A numerical s-op that may be none is read by an element-wise operation. */
  NUMERICAL_NONE,
  /** A select whose predicate selects on a none key or query. */
  SELECTS_ON_NONE,
  // Lowering (compiler.Lowering).
  /** A function tells apart two inputs that differ only by floating-point rounding. */
  FLOATING_TWINS,
  /** A map's function gives no value on any input value. */
  NO_DEFINED_VALUE,
  /** A numerical s-op whose function gives a non-number. */
  NON_NUMBER_RESULT,
  // Dynamic validation (compiler.DynamicValidation), on one input.
  /** A categorical aggregate that would have to average several values. */
  CATEGORICAL_MEAN,
  // Differential checking ({@code check}), on one input.
  /** The compiled model's output differs from the interpreter's. */
  MODEL_DISAGREES,
  /** The interpreter fails on the input (so the program has no answer there). */
  INTERPRETER_FAILS;

  /** The code as written in reports: lower case with hyphens ({@code composite-selector}). */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
