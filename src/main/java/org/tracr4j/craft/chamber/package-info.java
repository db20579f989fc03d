/**
 * The weight constructions: one class per construction, each a static factory from named spaces to a craft
 * {@link org.tracr4j.craft.Block} with Tracr's exact weights (tracr-reference.md §4).
 *
 * <p><b>Input</b>: vector spaces, basis directions and plain Java functions on directions or numbers.
 * <b>Output</b>: {@link org.tracr4j.craft.Mlp}, {@link org.tracr4j.craft.AttentionHead} or
 * {@link org.tracr4j.craft.SeriesWithResiduals}. <b>May import</b>: {@code org.tracr4j.craft}, the JDK and
 * the root exception classes; never {@code org.tracr4j.rasp} or later stages.
 *
 * <p>Larger constructions are built from smaller ones: {@link org.tracr4j.craft.chamber.SelectorWidth} is a
 * {@link org.tracr4j.craft.chamber.CategoricalAttention} followed by a discretising
 * {@link org.tracr4j.craft.chamber.NumericalMlp} or {@link org.tracr4j.craft.chamber.NumericalToCategoricalMlp}.
 */
package org.tracr4j.craft.chamber;
