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
 * derived from it. Each statement is checked as it is added: the compiler says whether it compiles and what
 * values it takes ({@link org.tracr4j.compiler.Compiler#analyze}), and the generator refuses functions that
 * could fail, value sets beyond its bounds and what would leave the contract (a select seeing none, a
 * categorical aggregate averaging).
 *
 * <p>May import {@code org.tracr4j.rasp} and {@code org.tracr4j.compiler} (it sits above the compiler).
 */
package org.tracr4j.generate;
