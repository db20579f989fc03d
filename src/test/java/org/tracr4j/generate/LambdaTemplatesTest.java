package org.tracr4j.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tracr4j.RuleCode;
import org.tracr4j.UnsupportedProgramException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.rasp.Lambda;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Issue 10 §1: outside the contract the templates include functions that fail on some value or give a
 * non-finite number, so the fuzzer exercises the compiler's rejection of them; inside, none fails.
 */
class LambdaTemplatesTest {
  private static final List<List<Value>> DOMAINS = List.of(
      List.of(Value.of(0L), Value.of(1L), Value.of(2L), Value.of(3L)),
      List.of(Value.of("a"), Value.of("b"), Value.of("c")),
      List.of(Value.TRUE, Value.FALSE),
      List.of(Value.of(1L), Value.of("x")));

  @Test
  void outsideTheContractSomeFunctionsFailAndTheCompilerRejectsEachOfThem() {
    int failing = 0;
    int drawn = 0;
    for (List<Value> vocab : DOMAINS) {
      SortedSet<Value> domain = new TreeSet<>(vocab);
      LambdaTemplates templates = new LambdaTemplates(new Random(vocab.hashCode()), true);
      for (int i = 0; i < 300; i++) {
        Lambda function = templates.unary(domain);
        drawn++;
        if (!fails(function, domain)) {
          continue;
        }
        failing++;
        SOp program = Rasp.map(function, Rasp.tokens()).named("x");
        UnsupportedProgramException rejected = catchThrowableOfType(UnsupportedProgramException.class,
            () -> Compiler.compile(program, CompileOptions.of(vocab, 3)));
        assertThat(rejected).as("%s on %s compiled", function, vocab).isNotNull();
        assertThat(rejected.rules()).as("%s", rejected.getMessage()).contains(RuleCode.FUNCTION_FAILS);
      }
    }
    // One in six draws is a failing template; most of them fail on some value of the domain.
    assertThat(failing).isBetween(drawn / 20, drawn / 3);
  }

  @Test
  void insideTheContractNoTemplateFails() {
    for (List<Value> vocab : DOMAINS) {
      SortedSet<Value> domain = new TreeSet<>(vocab);
      LambdaTemplates templates = new LambdaTemplates(new Random(7), false);
      for (int i = 0; i < 300; i++) {
        Lambda function = templates.unary(domain);
        assertThat(fails(function, domain)).as("%s on %s", function, vocab).isFalse();
      }
    }
  }

  private static boolean fails(Lambda function, SortedSet<Value> domain) {
    for (Value x : domain) {
      try {
        Value y = function.apply(x);
        if (y.isNumber() && !Double.isFinite(y.asDouble())) {
          return true;
        }
      } catch (RuntimeException e) {
        return true;
      }
    }
    return false;
  }
}
