/**
 * The {@code viz} report: one self-contained HTML page (inline CSS, JS and SVG; nothing fetched when it is
 * opened) showing how a compiled model computes one input, beside the interpreter.
 *
 * <p><b>Input</b>: a {@link org.tracr4j.compiler.ProgramGraph}, its {@link org.tracr4j.model.Model}, where
 * each expression is computed ({@link org.tracr4j.viz.Placement}, from the model's {@link
 * org.tracr4j.model.Provenance} or, for a model without one, read off its weights) and one input. {@link
 * org.tracr4j.viz.Computation} runs the model and the interpreter once and holds every number the page
 * shows; {@link org.tracr4j.viz.Report} writes the page, one class per section ({@link
 * org.tracr4j.viz.GraphSection}, {@link org.tracr4j.viz.ValuesSection}, {@link
 * org.tracr4j.viz.ResidualSection}, {@link org.tracr4j.viz.AttentionSection}, {@link
 * org.tracr4j.viz.MlpSection}). <b>Output</b>: the HTML text.
 *
 * <p><b>May import</b>: {@code rasp}, {@code compiler} (the program graph), {@code model}, the root
 * exceptions and Jackson (for the page's embedded data).
 */
package org.tracr4j.viz;
