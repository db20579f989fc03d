package org.tracr4j.check;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.EvaluationException;
import org.tracr4j.InvalidInputException;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.compiler.DynamicValidation;
import org.tracr4j.compiler.ProgramGraph;
import org.tracr4j.model.Model;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * One compiled program against the interpreter: runs the model on inputs, evaluates the program on the same
 * inputs (causally for a causal model), and gives a {@link Verdict} per input. Inputs outside the compiler's
 * contract ({@link DynamicValidation}) and inputs the interpreter fails on are reported as such, not compared.
 */
public final class DifferentialCheck {
  private final SOp program;
  private final Model model;
  private final Interpreter interpreter;
  private final DynamicValidation contract;

  public DifferentialCheck(SOp program, Model model, boolean causal) {
    this.program = program;
    this.model = model;
    this.interpreter = causal ? Interpreter.causal() : Interpreter.standard();
    this.contract = new DynamicValidation(ProgramGraph.of(program), causal);
  }

  /** The verdict on one input. */
  public Verdict check(List<Value> input) {
    return checkAll(List.of(input)).get(0);
  }

  /** The verdict on each input, in order (the model runs them as one batch). */
  public List<Verdict> checkAll(List<List<Value>> inputs) {
    List<List<Object>> outputs;
    try {
      outputs = inputs.isEmpty() ? List.of() : model.runBatch(inputs);
    } catch (InvalidInputException refused) {
      // Some input violates a precondition: run them one by one to tell which.
      List<Verdict> verdicts = new ArrayList<>(inputs.size());
      for (List<Value> input : inputs) {
        try {
          verdicts.add(verdict(input, model.run(input)));
        } catch (InvalidInputException e) {
          verdicts.add(new Verdict.Refused(input, e.getMessage(), insideContract(input)));
        }
      }
      return verdicts;
    }
    List<Verdict> verdicts = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      verdicts.add(verdict(inputs.get(i), outputs.get(i)));
    }
    return verdicts;
  }

  private List<Value> interpreterOrNull(List<Value> input) {
    try {
      return interpreter.evaluate(program, input);
    } catch (EvaluationException e) {
      return null;
    }
  }

  /**
   * Whether RASP answers the input and no aggregate would have to average: a refusal of such an input is
   * wrong. An input on which the interpreter fails (a select comparing a none key) may be refused.
   */
  private boolean insideContract(List<Value> input) {
    try {
      return contract.check(input).isEmpty() && interpreterOrNull(input) != null;
    } catch (EvaluationException e) {
      return false;
    }
  }

  /** The verdict on one input given the model's output for it. */
  public Verdict verdict(List<Value> input, List<Object> modelOutput) {
    List<Value> expected;
    List<Value> actual = modelOutput.stream().map(Value::ofJava).toList();
    boolean numerical = program.isNumerical();
    try {
      // The contract first: where an aggregate would have to average, that is the more useful finding,
      // unless the answer is RASP's anyway (booleans averaged to 1.0 next to a selected true).
      List<Finding> findings = contract.check(input);
      if (!findings.isEmpty()) {
        List<Value> rasp = interpreterOrNull(input);
        return rasp != null && OutputAgreement.firstDifference(numerical, rasp, actual) < 0
            ? new Verdict.Agreed(input, OutputAgreement.comparedPositions(numerical, rasp, actual))
            : new Verdict.OutsideContract(input, findings);
      }
      expected = interpreter.evaluate(program, input);
    } catch (EvaluationException e) {
      return new Verdict.InterpreterFailed(input, e.getMessage());
    }
    int position = OutputAgreement.firstDifference(numerical, expected, actual);
    if (position >= 0) {
      return new Verdict.Disagreed(input, expected, actual, position);
    }
    return new Verdict.Agreed(input, OutputAgreement.comparedPositions(numerical, expected, actual));
  }
}
