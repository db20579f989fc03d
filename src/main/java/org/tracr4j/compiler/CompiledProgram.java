package org.tracr4j.compiler;

import org.tracr4j.model.Model;
import org.tracr4j.rasp.SOp;

/**
 * The result of compiling a program: the model, and every intermediate product a user may want to inspect
 * (labels, value sets, which layer computes each s-op).
 */
public record CompiledProgram(SOp program, CompileOptions options, ProgramGraph graph, ValueSets valueSets,
    LayerPlan plan, Model model) {}
