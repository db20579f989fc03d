package org.tracr4j.compiler;

import org.tracr4j.model.ModelConfig;
import org.tracr4j.rasp.SOp;

/**
 * A program compiled up to its weights ({@link Compiler#plan}): every s-op lowered to a craft block with its
 * own weights, the blocks allocated to layers and heads, the residual space, the model's shape and
 * provenance. Only the residual-space weight arrays are missing; {@link Compiler#assemble} writes them. This
 * is the span Tracr's published compile times cover (targets.md), so {@code tracr4j bench} times it apart.
 */
public final class PlannedProgram {
  private final SOp program;
  private final CompileOptions options;
  private final ProgramGraph graph;
  private final ValueSets valueSets;
  private final LayerPlan plan;
  private final Assembler.Layout layout;

  PlannedProgram(SOp program, CompileOptions options, ProgramGraph graph, ValueSets valueSets, LayerPlan plan,
      Assembler.Layout layout) {
    this.program = program;
    this.options = options;
    this.graph = graph;
    this.valueSets = valueSets;
    this.plan = plan;
    this.layout = layout;
  }

  /** The program as given (before rewriting). */
  public SOp program() {
    return program;
  }

  public CompileOptions options() {
    return options;
  }

  /** The graph of the program as rewritten for the route kept. */
  public ProgramGraph graph() {
    return graph;
  }

  public ValueSets valueSets() {
    return valueSets;
  }

  /** Which layer computes each s-op. */
  public LayerPlan plan() {
    return plan;
  }

  /** The shape the assembled model will have. */
  public ModelConfig config() {
    return layout.config();
  }

  Assembler.Layout layout() {
    return layout;
  }
}
