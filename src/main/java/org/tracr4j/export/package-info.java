/**
 * Saving and loading models (tracr4j.md §4): the model directory ({@code model.safetensors} under
 * TransformerLens names plus {@code config.json}), a hand-written safetensors reader and writer, and the
 * ONNX export.
 *
 * <p><b>Input</b>: a {@link org.tracr4j.model.Model}, or a directory written earlier. <b>Output</b>: files,
 * or a {@code Model} read back; every problem with a file read is a {@link
 * org.tracr4j.CorruptModelException} naming the file and the problem.
 *
 * <p><b>May import</b>: {@code org.tracr4j.model}, the root exceptions, Jackson and the ONNX protobuf
 * classes ({@code ai.onnx.proto.OnnxMl}).
 */
package org.tracr4j.export;
