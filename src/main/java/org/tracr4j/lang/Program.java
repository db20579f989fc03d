package org.tracr4j.lang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tracr4j.rasp.RaspExpr;
import org.tracr4j.rasp.SOp;

/**
 * A parsed and resolved {@code .rasp} program.
 *
 * @param file the file name used in messages and origins
 * @param source the program text
 * @param output the s-op the program computes (its {@code return}, else its last assignment)
 * @param names the s-ops and selectors bound by top-level assignments, in the order of the source (the last
 *     binding of each name)
 */
public record Program(String file, String source, SOp output, Map<String, RaspExpr> names) {
  public Program {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(output, "output");
    names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }
}
