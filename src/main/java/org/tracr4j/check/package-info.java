/**
 * Differential checking: a compiled model against the RASP interpreter. {@link
 * org.tracr4j.check.OutputAgreement} says when a model's output is the interpreter's (with the one {@link
 * org.tracr4j.rasp.Tolerance}), {@link org.tracr4j.check.DifferentialCheck} runs one compiled program on
 * given inputs and gives a {@link org.tracr4j.check.Verdict} per input, and {@link org.tracr4j.check.Fuzzer}
 * does the same for seeded random programs, shrinking every failure. Used by the tests, {@code tracr4j check},
 * {@code tracr4j fuzz} and dataset generation.
 *
 * <p>Input: {@code rasp} programs and inputs. Output: verdicts and reports. Imports {@code rasp},
 * {@code compiler}, {@code model} and {@code generate}.
 */
package org.tracr4j.check;
