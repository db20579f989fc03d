package org.tracr4j.check;

import java.util.List;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Value;

/** What a differential check found on one input. */
public sealed interface Verdict {

  /** The input checked. */
  List<Value> input();

  /** The model gave the interpreter's answer; {@code positions} were compared. */
  record Agreed(List<Value> input, int positions) implements Verdict {}

  /** The model's answer differs from the interpreter's, first at {@code position}. */
  record Disagreed(List<Value> input, List<Value> expected, List<Value> actual, int position) implements Verdict {}

  /**
   * The model refuses the input (it shows a recorded precondition violated), with its one-line reason;
   * {@code insideContract} when the interpreter finds no aggregate that must average (a wrong refusal).
   */
  record Refused(List<Value> input, String reason, boolean insideContract) implements Verdict {}

  /** The interpreter fails on this input (division by zero, ...), so there is no answer to compare with. */
  record InterpreterFailed(List<Value> input, String message) implements Verdict {}

  /**
   * The input is outside the compiler's contract (a categorical aggregate would have to average) and yet
   * the model answered instead of refusing it: the answer is not RASP's.
   */
  record OutsideContract(List<Value> input, List<Finding> findings) implements Verdict {}
}
