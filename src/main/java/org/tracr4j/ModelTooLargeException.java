package org.tracr4j;

/**
 * A model (or one of its tensors, or an export of it) would not fit: in the JVM's maximum heap, in a Java
 * array ({@code 2^31 - 1} elements), or in an ONNX file (2 GB). Thrown before the weights are allocated;
 * the message is one line saying how big it would be, what is available and how to raise the limit when
 * one can (the {@code tracr4j} launcher's {@code TRACR4J_JAVA_OPTS}, e.g. {@code -Xmx16g}).
 */
public final class ModelTooLargeException extends Tracr4jException {
  public ModelTooLargeException(String message) {
    super(message);
  }
}
