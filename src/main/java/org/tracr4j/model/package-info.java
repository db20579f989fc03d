/**
 * The assembled transformer: configuration, float64 weights, vocabulary and output space, and the forward
 * pass (tracr-reference §2.5 and §7).
 *
 * <p><b>Input</b>: the nonzero weight entries the compiler writes ({@link org.tracr4j.model.WeightEntries}), or
 * dense arrays ({@link org.tracr4j.model.Weights}: built by hand or read back by {@code export}). <b>Output</b>: decoded
 * sequences ({@link org.tracr4j.model.Model#run}) and, on request, every intermediate activation
 * ({@link org.tracr4j.model.Model#trace}).
 *
 * <p><b>May import</b>: the JDK and the root exceptions ({@code org.tracr4j.InvalidInputException},
 * {@code org.tracr4j.CorruptModelException}, {@code org.tracr4j.ModelTooLargeException}) only, so that a saved model runs without the compiler.
 */
package org.tracr4j.model;
