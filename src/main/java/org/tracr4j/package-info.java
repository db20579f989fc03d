/**
 * tracr4j: compiles RASP programs into transformer weights.
 *
 * <p>This root package holds only the exception hierarchy ({@link org.tracr4j.Tracr4jException}), which
 * every stage may use. Stages, in dependency order: {@code rasp} (values, expressions, interpreter),
 * {@code lang} (the {@code .rasp} front end), {@code craft} (named-basis algebra, blocks, constructions),
 * {@code compiler}, {@code model} (the assembled transformer, with its provenance), then the tools built on
 * them: {@code export} (model directories, ONNX), {@code generate} (random programs, asking the compiler what compiles) and {@code cli}. Each
 * package's {@code package-info} states what it may import.
 */
package org.tracr4j;
