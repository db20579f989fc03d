package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tracr4j.compiler.CompileOptions.Mode;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Value;
import org.tracr4j.rasp.ValueOperations;

class SumRouteTest {
  private static final List<Value> LENGTHS = LongStream.rangeClosed(1, 5).mapToObj(Value::of).toList();
  private static final List<Value> INDICES = LongStream.range(0, 5).mapToObj(Value::of).toList();

  @Test
  void findsTheDifferenceOfLengthAndIndices() {
    SumRoute route = SumRoute.find(LENGTHS, INDICES, ValueOperations::subtract).orElseThrow();
    assertThat(route.a()).isEqualTo(1);
    assertThat(route.b()).isEqualTo(-1);
    assertThat(route.sums()).containsExactly(-3, -2, -1, 0, 1, 2, 3, 4, 5);
    assertThat(route.table().get(4.0)).isEqualTo(Value.of(4L));
    assertThat(route.hiddenNeurons()).isEqualTo(17);
    assertThat(route.describe("length", "indices")).isEqualTo("length - indices");
  }

  @Test
  void findsFunctionsOfASumWithFactors() {
    SumRoute route = SumRoute.find(LENGTHS, INDICES,
        (x, y) -> Value.of(x.asDouble() + 2 * y.asDouble() > 6)).orElseThrow();
    assertThat(route.a()).isEqualTo(1);
    assertThat(route.b()).isEqualTo(2);
  }

  @Test
  void refusesProductsNoneAndNonIntegers() {
    assertThat(SumRoute.find(LENGTHS, INDICES, ValueOperations::multiply)).isEmpty();
    assertThat(SumRoute.find(LENGTHS, INDICES, (x, y) -> x.asDouble() > 2 ? Value.NONE : x)).isEmpty();
    assertThat(SumRoute.find(List.of(Value.of(0.5), Value.of(1.5)), INDICES, ValueOperations::add)).isEmpty();
    assertThat(SumRoute.find(List.of(Value.of("a")), INDICES, (x, y) -> y)).isEmpty();
  }

  @Test
  void theExactModeBuildsReverseOnTheSumAndTracrModeKeepsTheTable() {
    CompileOptions exact = CompileOptions.of(LongStream.rangeClosed(1, 10).mapToObj(Value::of).toList(), 40);
    CompiledProgram cheap = Compiler.compile(Library.makeReverse(Rasp.tokens()), exact);
    CompiledProgram tracr = Compiler.compile(Library.makeReverse(Rasp.tokens()), exact.withMode(Mode.TRACR));
    assertThat(cheap.model().metadata().get(Compiler.CONSTRUCTIONS)).contains("opp_idx: discretising MLP on length - indices");
    assertThat(tracr.model().metadata()).doesNotContainKey(Compiler.CONSTRUCTIONS);
    assertThat(cheap.model().config().layers()).isLessThanOrEqualTo(tracr.model().config().layers());
    assertThat(cheap.model().params()).isLessThan(tracr.model().params() / 5);
  }
}
