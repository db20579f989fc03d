/**
 * Residual-stream compression of compiled models (the Tracr paper's section 5): one matrix W of shape
 * [D, d] trained with Adam around the frozen compiled weights ({@link org.tracr4j.train.Compressor}),
 * hand-written backward passes, folding into an ordinary d-wide model ({@link
 * org.tracr4j.train.Folding}) and writing it as a model directory ({@link
 * org.tracr4j.train.CompressionDirectory}). Uses {@code model} and {@code export} only.
 */
package org.tracr4j.train;
