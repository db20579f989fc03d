package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.RaspSyntaxException;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Value;

/** Issue 10 §3: deep nesting parses up to {@link Parser#MAX_DEPTH} and is one error past it, never a crash. */
class NestingDepthTest {
  private static String nested(String open, String close, int depth) {
    return "x = " + open.repeat(depth) + "tokens" + close.repeat(depth) + ";\n";
  }

  private static void assertOneDepthError(String source) {
    RaspSyntaxException e = catchThrowableOfType(RaspSyntaxException.class,
        () -> RaspLanguage.parse(source, "deep.rasp"));
    assertThat(e).as("a syntax error").isNotNull();
    assertThat(e.problems()).singleElement().asString()
        .startsWith("deep.rasp:1:").contains("nested more than " + Parser.MAX_DEPTH + " levels deep");
  }

  @Test
  void theDocumentedDepthParsesCompilesAndRuns() {
    int max = Parser.MAX_DEPTH;
    for (String source : List.of(nested("(", ")", max), nested("(1 + ", ")", max), nested("- ", "", max),
        "x = " + "1 + ".repeat(max) + "tokens;\n", "x = map(v -> " + "(1 + ".repeat(max - 2) + "v"
            + ")".repeat(max - 2) + ", tokens);\n")) {
      Program program = RaspLanguage.parse(source, "deep.rasp");
      assertThat(Interpreter.standard().evaluate(program.output(), List.of(Value.of(1)))).hasSize(1);
    }
  }

  @Test
  void tenThousandLevelsAreOneError() {
    assertOneDepthError(nested("(", ")", 10_000));
    assertOneDepthError(nested("(1 + ", ")", 10_000));
    assertOneDepthError(nested("- ", "", 10_000));
    assertOneDepthError(nested("not ", "", 10_000));
    assertOneDepthError("x = " + "1 + ".repeat(10_000) + "tokens;\n");
    assertOneDepthError(nested("map(v -> v, ", ")", 10_000));
  }

  @Test
  void oneLevelPastTheLimitIsAnError() {
    assertOneDepthError(nested("(", ")", Parser.MAX_DEPTH + 1));
    assertOneDepthError(nested("(1 + ", ")", Parser.MAX_DEPTH + 1));
    assertOneDepthError("x = " + "1 + ".repeat(Parser.MAX_DEPTH + 1) + "tokens;\n");
  }

  @Test
  void theParserGoesOnAfterADeepStatement() {
    RaspSyntaxException e = catchThrowableOfType(RaspSyntaxException.class,
        () -> RaspLanguage.parse(nested("(", ")", 10_000) + "y = tokens +;\n", "deep.rasp"));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(1).line()).isEqualTo(2);
  }
}
