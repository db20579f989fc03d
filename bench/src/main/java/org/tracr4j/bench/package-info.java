/**
 * JMH benchmarks of tracr4j (a separate Maven build, {@code bench/pom.xml}, run by {@code ./scripts/jmh}; not
 * part of {@code ./scripts/test}): compile time per library program and per point of the scaling series, and
 * forward-pass throughput. The cases are {@link org.tracr4j.cli.BenchmarkCases}, the ones {@code tracr4j
 * bench} prints next to Tracr's figures.
 *
 * <p><b>May import</b>: tracr4j and JMH.
 */
package org.tracr4j.bench;
