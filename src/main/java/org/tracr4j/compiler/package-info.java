/**
 * The compiler: {@link org.tracr4j.compiler.Compiler#compile} turns a RASP program and a vocabulary into a
 * {@link org.tracr4j.model.Model}, one stage per class, in order: the rewrite stage ({@code compiler.rewrite}),
 * {@link org.tracr4j.compiler.ProgramGraph} (labels), {@code StaticValidation}, {@code ValueSetInference}
 * ({@link org.tracr4j.compiler.ValueSets}), {@code NoneAnalysis}, {@code Lowering} with {@code Constructions}
 * (one craft block per s-op), {@code LayerAllocation} ({@link org.tracr4j.compiler.LayerPlan}) and
 * {@code Assembler}. {@link org.tracr4j.compiler.Compiler#plan} stops before the Assembler writes the weight
 * arrays ({@link org.tracr4j.compiler.PlannedProgram}, the span of Tracr's compile times) and
 * {@link org.tracr4j.compiler.Compiler#assemble} writes them. {@link org.tracr4j.compiler.BuildMode} holds every difference between the exact mode and
 * Tracr's. {@link org.tracr4j.compiler.DynamicValidation} checks programs on concrete inputs.
 *
 * <p>Input: {@code rasp} expressions. Output: a {@code model}. Imports {@code rasp}, {@code craft} and
 * {@code model}.
 */
package org.tracr4j.compiler;
