/**
 * The rewrite stage, before the graph: RASP in, RASP out, computing the same values on every input (in
 * standard and causal evaluation). {@link org.tracr4j.compiler.rewrite.Rewriter} applies the rules bottom-up
 * until none applies; each rule is one class whose Javadoc shows its rewrite as before → after, and has its
 * own test.
 *
 * <p>Eager simplifications that the language itself defines stay where they are: {@code rasp.Rasp.map}
 * folds a map over an unnamed map (never a map the user named) and {@code rasp.Selectors} merges
 * selectors at construction (tracr-reference §1.3, §1.4), because the printer and the generator show the
 * program as built. The rules here cover what reaches the compiler unsimplified (selectors built as records,
 * negations that only De Morgan exposes) and reuse those same merges, so there is one algorithm for each.
 *
 * <p>Input and output: {@code rasp} expressions. Imports {@code rasp} only.
 */
package org.tracr4j.compiler.rewrite;
