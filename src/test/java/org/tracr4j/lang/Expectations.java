package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Tolerance;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

/**
 * Reads the expectations written in {@code .rasp} comments and checks outputs against them:
 * {@code # expect: [--causal] --input "a b c" -> x y z} ({@code _} is none; numbers compare with Python
 * equality, so {@code 0} matches {@code false} and {@code 0.0}), {@code # error: line:column: message},
 * {@code # suggested: --vocab a,b --max-seq-len 5}.
 */
final class Expectations {
  private static final Pattern EXPECT = Pattern.compile("# expect: (--causal )?--input \"([^\"]*)\" -> (.*)");
  private static final Pattern SUGGESTED = Pattern.compile("# suggested: --vocab (\\S+) --max-seq-len (\\d+)");

  private Expectations() {}

  record Expectation(boolean causal, List<Value> input, String expected) {
    void check(SOp program, String where) {
      Interpreter interpreter = causal ? Interpreter.causal() : Interpreter.standard();
      assertOutput(interpreter.evaluate(program, input), expected, where + " on " + input
          + (causal ? " (causal)" : ""));
    }
  }

  static List<Expectation> expectations(String source) {
    List<Expectation> result = new ArrayList<>();
    for (String line : source.lines().toList()) {
      Matcher m = EXPECT.matcher(line);
      if (m.matches()) {
        result.add(new Expectation(m.group(1) != null, tokens(m.group(2)), m.group(3)));
      }
    }
    return result;
  }

  /** The {@code # error:} lines, as {@code line:column: message}. */
  static List<String> errors(String source) {
    return source.lines().filter(l -> l.startsWith("# error: ")).map(l -> l.substring("# error: ".length()))
        .toList();
  }

  /** The suggested vocabulary and maximum length, or null. */
  static Suggested suggested(String source) {
    for (String line : source.lines().toList()) {
      Matcher m = SUGGESTED.matcher(line);
      if (m.matches()) {
        return new Suggested(List.of(m.group(1).split(",")).stream().map(Value::parseToken).toList(),
            Integer.parseInt(m.group(2)));
      }
    }
    return null;
  }

  record Suggested(List<Value> vocabulary, int maxSeqLen) {}

  static List<Value> tokens(String text) {
    return text.isBlank() ? List.of()
        : List.of(text.trim().split("\\s+")).stream().map(Value::parseToken).toList();
  }

  static void assertOutput(List<Value> actual, String expected, String where) {
    List<String> expectedTokens = expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+"));
    assertThat(actual).as(where).hasSize(expectedTokens.size());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(matches(actual.get(i), expectedTokens.get(i)))
          .as("%s: position %d is %s, expected %s (all: %s)", where, i, actual.get(i), expectedTokens.get(i), actual)
          .isTrue();
    }
  }

  private static boolean matches(Value actual, String expected) {
    if (expected.equals("_")) {
      return actual.isNone();
    }
    Value want = Value.parseToken(expected);
    if (actual.isNumeric() && want.isNumeric()) {
      return Tolerance.ROUNDING.close(want.asDouble(), actual.asDouble());
    }
    return !actual.isNone() && ValueOperations.equal(actual, want);
  }
}
