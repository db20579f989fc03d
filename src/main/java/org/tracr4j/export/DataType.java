package org.tracr4j.export;

/** Element types the safetensors reader and writer support, under their safetensors names. */
public enum DataType {
  /** IEEE float32, little-endian: half the size; float64 weights are rounded to nearest. */
  F32(4),
  /** IEEE float64, little-endian: the model's own precision, bit-exact. */
  F64(8);

  private final int bytes;

  DataType(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }
}
