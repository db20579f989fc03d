/**
 * Seeded random generation of well-typed, compilable RASP programs, for differential fuzzing (compiled
 * model against the interpreter) and datasets.
 *
 * <p>Input: a {@link org.tracr4j.generate.GeneratorConfig} (vocabulary, maximum length, size, construct
 * weights) and a seed. Output: a {@link org.tracr4j.generate.GeneratedProgram}, the program both as an
 * {@link org.tracr4j.rasp.SOp} and as {@code .rasp} text, one named statement per expression. The
 * {@link org.tracr4j.generate.Shrinker} makes a failing program smaller.
 *
 * <p>Programs are held as a list of {@link org.tracr4j.generate.Statement}s; the s-op and the text are both
 * derived from it, and every statement's value set is inferred exactly from the vocabulary and maximum
 * length, so a function that could fail or produce an unbounded value set is never chosen.
 *
 * <p>May import {@code org.tracr4j.rasp} only.
 */
package org.tracr4j.generate;
