/**
 * Datasets of (program, weights) pairs for meta-models that read programs from weights ({@code tracr4j
 * dataset}, {@code docs/dataset.md}): generated programs, compiled, checked, de-duplicated, tokenised layer
 * by layer, written as safetensors shards with a JSON-lines index.
 *
 * <p><b>Input</b>: {@link org.tracr4j.dataset.DatasetOptions}. <b>Output</b>: a directory.
 *
 * <p><b>May import</b>: {@code generate}, {@code compiler}, {@code check}, {@code lang}, {@code model}, {@code export},
 * {@code rasp}, Jackson.
 */
package org.tracr4j.dataset;
