/**
 * The decompiler: a compiled model's weights back to a {@code .rasp} program that computes what the model
 * computes ({@link org.tracr4j.decompile.Decompiler}).
 *
 * <p><b>Input</b>: a {@link org.tracr4j.model.Model}, of which only the weights and the interface are read
 * (shapes, vocabulary with BOS and PAD, output values and encoding, maximum length, causal). <b>Output</b>:
 * {@code .rasp} text, verified against the model; or an {@link org.tracr4j.UndecompilableModelException}
 * naming the block that is not a compiled construction.
 *
 * <p><b>May import</b>: {@code org.tracr4j.model}, {@code org.tracr4j.rasp}, {@code org.tracr4j.lang} (to
 * parse what it prints, for verification), the root exceptions.
 */
package org.tracr4j.decompile;
