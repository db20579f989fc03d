/**
 * The {@code .rasp} language. Input: program text; output: a {@link org.tracr4j.lang.Program} whose output
 * is an {@code org.tracr4j.rasp} expression DAG (and back: {@link org.tracr4j.lang.RaspLanguage#print}).
 * May import {@code org.tracr4j.rasp} and the root exceptions only.
 *
 * <p>Stages, each a class with one entry method: {@code Scanner} (text to tokens), {@code Parser} (tokens to
 * {@code Stmt}/{@code Expr} trees, one method per grammar rule, recovering at statement boundaries),
 * {@code Resolver} (trees to RASP expressions, checking names, arities and types). The grammar is in
 * {@code docs/rasp-language.md}.
 */
package org.tracr4j.lang;
