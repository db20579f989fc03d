package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Comparison;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.Selector;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.Exhaustive;

/**
 * Selector and/or/not over different s-ops, everywhere a select works: every program is compiled and
 * checked against the interpreter on every input up to length 4, standard and causal.
 */
class CompositeSelectorsTest {
  private static final List<Value> VOCAB = List.of(Value.of(1), Value.of(2), Value.of(3));
  private static final int MAX_LENGTH = 4;

  private static Select tokens(Comparison comparison) {
    return Rasp.select(Rasp.tokens(), Rasp.tokens(), comparison);
  }

  private static Select indices(Comparison comparison) {
    return Rasp.select(Rasp.indices(), Rasp.indices(), comparison);
  }

  record Shape(String name, Selector selector) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Shape> selectors() {
    return Stream.of(
        new Shape("and", tokens(Comparison.EQ).and(indices(Comparison.LT))),
        new Shape("and of three", tokens(Comparison.LEQ).and(indices(Comparison.NEQ))
            .and(Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GT))),
        new Shape("and with not", tokens(Comparison.EQ).and(indices(Comparison.LT).and(
            Rasp.select(Rasp.indices(), Rasp.tokens(), Comparison.EQ)).not())),
        new Shape("or", tokens(Comparison.LT).or(indices(Comparison.GT))),
        new Shape("stable sort", tokens(Comparison.LT).or(tokens(Comparison.EQ).and(indices(Comparison.LT)))),
        new Shape("not or", tokens(Comparison.LT).or(indices(Comparison.EQ)).not()),
        new Shape("nested", tokens(Comparison.GT).and(indices(Comparison.LT).or(
            Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.EQ).not()))));
  }

  static Stream<Function<Selector, SOp>> uses() {
    return Stream.of(
        selector -> Rasp.aggregate(selector, Rasp.tokens().add(1), 0).named("categorical_mean"),
        selector -> Rasp.aggregate(selector, Rasp.tokens()).named("categorical_none_default"),
        selector -> Rasp.numericalAggregate(selector, Rasp.numerical(Rasp.tokens().multiply(2))).named("mean"),
        selector -> Rasp.selectorWidth(selector).named("width"),
        selector -> Rasp.numerical(Rasp.selectorWidth(selector)).named("numerical_width"));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> programs() {
    return selectors().flatMap(shape -> uses().map(use -> org.junit.jupiter.params.provider.Arguments.of(
        shape, use)));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("programs")
  void compiledCompositeAgreesWithTheInterpreterOnEveryInput(Shape shape, Function<Selector, SOp> use) {
    SOp program = use.apply(shape.selector());
    for (boolean causal : List.of(false, true)) {
      Exhaustive.assertAgrees(program, CompileOptions.of(VOCAB, MAX_LENGTH).withCausal(causal));
    }
  }

  @Test
  void anAndOfSelectsAddsNoLayer() {
    SOp single = Rasp.selectorWidth(tokens(Comparison.EQ));
    SOp and = Rasp.selectorWidth(tokens(Comparison.EQ).and(indices(Comparison.LT))
        .and(Rasp.select(Rasp.tokens(), Rasp.indices(), Comparison.GT)));
    CompileOptions options = CompileOptions.of(VOCAB, MAX_LENGTH);
    CompiledProgram one = Compiler.compile(single, options);
    CompiledProgram three = Compiler.compile(and, options);
    assertThat(three.model().config().layers()).isEqualTo(one.model().config().layers());
    assertThat(three.model().config().heads()).isEqualTo(1);
    assertThat(three.model().metadata().get(Compiler.COMPOSITE_HEADS)).contains("summed-qk and of 3 selects");
  }

  @Test
  void anOrThatDoesNotMergeTakesTheProductRouteAndSaysSo() {
    SOp program = Rasp.selectorWidth(tokens(Comparison.LT).or(indices(Comparison.GT)).named("either"));
    CompiledProgram compiled = Compiler.compile(program, CompileOptions.of(VOCAB, MAX_LENGTH));
    assertThat(compiled.model().metadata().get(Compiler.REWRITES)).contains("ProductRoute: either");
  }
}
