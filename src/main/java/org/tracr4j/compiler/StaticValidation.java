package org.tracr4j.compiler;

import java.util.ArrayList;
import java.util.List;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException.Finding;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Full;
import org.tracr4j.rasp.Indices;
import org.tracr4j.rasp.Length;
import org.tracr4j.rasp.LinearSequenceMap;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.SelectorAnd;
import org.tracr4j.rasp.SelectorNot;
import org.tracr4j.rasp.SelectorOr;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Tokens;

/**
 * The static rules of tracr-reference §5, with correct messages, applied to every expression of the
 * program (Tracr skips expressions whose name it has seen), plus what Tracr leaves to crash later: composite
 * selectors, {@code Full} and the length primitive, programs without tokens or without any computation.
 * Returns every finding, each with its {@link RuleCode}; the compiler refuses a program with any. The one
 * mode-dependent rule (which aggregate defaults can be written) is the {@link BuildMode}'s.
 */
final class StaticValidation {
  private final ProgramGraph graph;
  private final BuildMode mode;
  private final List<Finding> findings = new ArrayList<>();

  private StaticValidation(ProgramGraph graph, BuildMode mode) {
    this.graph = graph;
    this.mode = mode;
  }

  static List<Finding> check(ProgramGraph graph, BuildMode mode) {
    StaticValidation validation = new StaticValidation(graph, mode);
    validation.checkProgram();
    for (int at = 0; at < graph.nodes().size(); at++) { // indexed: no iterator per pass
      RaspExpr expr = graph.nodes().get(at);
      validation.checkExpression(expr);
    }
    return List.copyOf(validation.findings);
  }

  private void checkProgram() {
    SOp output = graph.output();
    if (output instanceof Tokens || output instanceof Indices) {
      report(output, RuleCode.NO_COMPUTATION, "the program does no computation: its output is the " + graph.label(output)
          + " input itself, so there is no transformer to build");
    }
    if (!graph.usesTokens()) {
      report(output, RuleCode.NO_TOKENS, "the program never reads tokens; a compiled model needs tokens somewhere "
          + "(e.g. length is selector_width(select(tokens, tokens, true)))");
    }
  }

  private void checkExpression(RaspExpr expr) {
    switch (expr) {
      case Tokens t -> requireCategorical(t, "tokens are always categorical");
      case Indices i -> requireCategorical(i, "indices are always categorical");
      case Length l -> report(l, RuleCode.LENGTH_PRIMITIVE, "the length primitive cannot be compiled; use length "
          + "(= selector_width(select(tokens, tokens, true))) instead");
      case Full f -> report(f, RuleCode.CONSTANT_SEQUENCE, "a constant sequence (full) cannot be compiled on its own; use a map of "
          + "tokens, or use it only as keys or queries of a select that combines with another");
      case ElementwiseMap m -> { }
      case SequenceMap m -> checkSequenceMap(m);
      case LinearSequenceMap m -> checkLinearSequenceMap(m);
      case Aggregate a -> checkAggregate(a);
      case SelectorWidth w -> checkSelectorUse(w, w.selector());
      case Select s -> checkSelect(s);
      case SelectorAnd s -> { }
      case SelectorOr s -> { }
      case SelectorNot s -> { }
    }
  }

  private void requireCategorical(SOp sop, String reason) {
    if (sop.isNumerical()) {
      report(sop, RuleCode.NUMERICAL_PRIMITIVE, reason + "; remove numerical(...)");
    }
  }

  private void checkSequenceMap(SequenceMap m) {
    boolean fusedNumerical = m.isNumerical() && mode.fusesMaps();
    if (!(m.isCategorical() || fusedNumerical) || !m.first().isCategorical() || !m.second().isCategorical()) {
      report(m, RuleCode.SEQUENCE_MAP_ENCODING, "a (non-linear) sequence_map needs categorical inputs and output, but it is "
          + m.encoding().lowerName() + " of " + m.first().encoding().lowerName() + " "
          + graph.label(m.first()) + " and " + m.second().encoding().lowerName() + " " + graph.label(m.second())
          + "; use linear_sequence_map for numerical values");
    }
  }

  private void checkLinearSequenceMap(LinearSequenceMap m) {
    if (!m.isNumerical() || !m.first().isNumerical() || !m.second().isNumerical()) {
      report(m, RuleCode.LINEAR_SEQUENCE_MAP_ENCODING, "linear_sequence_map needs numerical inputs and output, but it is "
          + m.encoding().lowerName() + " of " + m.first().encoding().lowerName() + " "
          + graph.label(m.first()) + " and " + m.second().encoding().lowerName() + " "
          + graph.label(m.second()));
    }
  }

  private void checkAggregate(Aggregate a) {
    checkSelectorUse(a, a.selector());
    if (a.encoding() != a.sop().encoding()) {
      report(a, RuleCode.AGGREGATE_ENCODING, "an aggregate's output encoding must match its input encoding; the input "
          + graph.label(a.sop()) + " is " + a.sop().encoding().lowerName() + " but the aggregate is "
          + a.encoding().lowerName());
      return;
    }
    mode.aggregateDefaultProblem(a).ifPresent(reason -> report(a, RuleCode.AGGREGATE_DEFAULT, reason));
  }

  /**
   * A head computes one select or an AND of selects (summed QK). The rewrite stage leaves nothing else
   * (negations go into predicates, ORs become one select), so this guards the lowering.
   */
  private void checkSelectorUse(SOp user, Selector selector) {
    if (!(selector instanceof Select) && !(mode.conjunctionHeads() && isConjunctionOfSelects(selector))) {
      report(user, RuleCode.COMPOSITE_SELECTOR, "its selector " + graph.label(selector) + " combines selects "
          + "with or/not in a form no construction covers; a head computes one select or an and of selects");
    }
  }

  private static boolean isConjunctionOfSelects(Selector selector) {
    return switch (selector) {
      case Select s -> true;
      case SelectorAnd s -> isConjunctionOfSelects(s.first()) && isConjunctionOfSelects(s.second());
      case SelectorOr s -> false;
      case SelectorNot s -> false;
    };
  }

  private void checkSelect(Select s) {
    if (s.keys().isNumerical()) {
      report(s, RuleCode.NUMERICAL_SELECT, "select keys must be categorical, but " + graph.label(s.keys()) + " is numerical");
    }
    if (s.queries().isNumerical()) {
      report(s, RuleCode.NUMERICAL_SELECT, "select queries must be categorical, but " + graph.label(s.queries()) + " is numerical");
    }
  }

  private void report(RaspExpr expr, RuleCode rule, String reason) {
    String origin = expr.meta().origin();
    findings.add(new Finding(rule, graph.label(expr) + (origin == null ? "" : " (" + origin + ")"), reason));
  }
}
