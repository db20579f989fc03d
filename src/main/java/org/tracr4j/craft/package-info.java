/**
 * The craft layer: linear algebra on named bases and the transformer blocks that the compiler emits.
 *
 * <p><b>Input</b>: nothing from other stages. Callers hand in basis directions whose values are opaque
 * objects (the compiler uses RASP values). <b>Output</b>: {@link org.tracr4j.craft.Block}s, each reading
 * and writing named subspaces of a residual stream, with a reference forward pass.
 *
 * <p><b>May import</b>: the JDK and the root exception classes only. It must not import
 * {@code org.tracr4j.rasp} or any later stage. The weight constructions live in
 * {@link org.tracr4j.craft.chamber}.
 *
 * <p>Every basis is sorted ({@link org.tracr4j.craft.BasisDirection} order), so every matrix row and column
 * is in sorted-direction order, as in Tracr (tracr-reference.md §3). Operations on mismatched bases throw
 * {@link java.lang.IllegalArgumentException} naming both bases.
 */
package org.tracr4j.craft;
