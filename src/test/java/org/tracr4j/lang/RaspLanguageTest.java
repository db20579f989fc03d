package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracr4j.EvaluationException;
import org.tracr4j.rasp.Aggregate;
import org.tracr4j.rasp.ElementwiseMap;
import org.tracr4j.rasp.Encoding;
import org.tracr4j.rasp.Interpreter;
import org.tracr4j.rasp.Select;
import org.tracr4j.rasp.SelectorWidth;
import org.tracr4j.rasp.SequenceMap;
import org.tracr4j.rasp.Value;

/** What a parsed program is made of: names, encodings, origins, lambdas, the output rule. */
class RaspLanguageTest {
  private static final String REVERSE = """
      opp_index = length - indices - 1;
      flip = select(indices, opp_index, ==);
      reverse = aggregate(flip, tokens);
      """;

  @Test
  void assignmentsNameExpressionsAndTheLastOneIsTheOutput() {
    Program program = RaspLanguage.parse(REVERSE, "reverse.rasp");
    assertThat(program.names()).containsOnlyKeys("opp_index", "flip", "reverse");
    assertThat(program.output()).isInstanceOf(Aggregate.class);
    assertThat(program.output().name()).isEqualTo("reverse");
    Aggregate reverse = (Aggregate) program.output();
    assertThat(reverse.selector()).isSameAs(program.names().get("flip"));
    assertThat(((Select) reverse.selector()).keys()).isSameAs(org.tracr4j.rasp.Rasp.indices());
    assertThat(program.file()).isEqualTo("reverse.rasp");
    assertThat(program.source()).isEqualTo(REVERSE);
  }

  @Test
  void lengthIsTheCompilableLibraryDefinition() {
    Program program = RaspLanguage.parse("a = length + 0;\nb = length;", "t.rasp");
    SelectorWidth length = (SelectorWidth) ((ElementwiseMap) program.names().get("a")).inner();
    assertThat(length.name()).isEqualTo("length");
    Select all = (Select) length.selector();
    assertThat(all.predicate()).isEqualTo(org.tracr4j.rasp.Comparison.TRUE);
    assertThat(all.name()).isEqualTo("all_true_selector");
  }

  @Test
  void expressionsRecordWhereTheyWereWritten() {
    Program program = RaspLanguage.parse(REVERSE, "reverse.rasp");
    assertThat(program.output().meta().origin()).isEqualTo("reverse.rasp:3:11");
    assertThat(program.names().get("flip").meta().origin()).isEqualTo("reverse.rasp:2:8");
  }

  @Test
  void runtimeErrorsNameTheExpressionAndWhereItIsWritten() {
    Program program = RaspLanguage.parse("x = map(v -> 1 / v, indices);", "div.rasp");
    assertThatThrownBy(() -> Interpreter.standard().evaluate(program.output(), List.of(Value.of("a"))))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("x (div.rasp:1:5)")
        .hasMessageContaining("division by zero");
  }

  @Test
  void encodingsAreAnnotations() {
    Program program = RaspLanguage.parse("a = numerical(tokens == 1);\nb = categorical(a);\nc = a + 1;", "t.rasp");
    assertThat(program.names().get("a")).satisfies(a -> assertThat(((ElementwiseMap) a).encoding()).isEqualTo(Encoding.NUMERICAL));
    assertThat(((ElementwiseMap) program.names().get("b")).encoding()).isEqualTo(Encoding.CATEGORICAL);
    assertThat(((ElementwiseMap) program.names().get("c")).encoding()).isEqualTo(Encoding.CATEGORICAL);
  }

  @Test
  void lambdasPrintAsSelfContainedSource() {
    Program program = RaspLanguage.parse("""
        limit = 3;
        m = map(value -> value + limit if value < 2 else -value, tokens);
        s = sequence_map((left, right) -> max(left, right) % 2, tokens, indices);
        p = select(tokens, tokens, (k, q) -> k != q and not (k > limit));
        return m;
        """, "t.rasp");
    assertThat(((ElementwiseMap) program.names().get("m")).function()).hasToString("x -> x + 3 if x < 2 else -x");
    assertThat(((SequenceMap) program.names().get("s")).function())
        .hasToString("(left, right) -> max(left, right) % 2");
    assertThat(((Select) program.names().get("p")).predicate())
        .hasToString("(k, q) -> k != q and not k > 3");
  }

  @Test
  void operatorsOnUnnamedMapsFoldIntoOneMap() {
    Program program = RaspLanguage.parse("x = (tokens * 2 + 2) / 2;", "t.rasp");
    ElementwiseMap map = (ElementwiseMap) program.output();
    assertThat(map.inner()).isSameAs(org.tracr4j.rasp.Rasp.tokens());
    assertThat(Interpreter.standard().evaluate(map, List.of(Value.of(3)))).containsExactly(Value.of(4.0));
  }

  @Test
  void selectorsWithTheSameKeysAndQueriesMergeIntoOneSelect() {
    Program program = RaspLanguage.parse("""
        a = select(indices, indices, <) or select(indices, indices, ==);
        b = not select(tokens, indices, ==);
        return tokens;
        """, "t.rasp");
    assertThat(program.names().get("a")).isInstanceOf(Select.class);
    assertThat(((Select) program.names().get("a")).predicate()).hasToString("(<) or (==)");
    assertThat(((Select) program.names().get("b")).predicate()).hasToString("not (==)");
  }

  @Test
  void printingTheReverseProgramGivesTheClassicText() {
    Program program = RaspLanguage.parse(REVERSE, "reverse.rasp");
    assertThat(RaspLanguage.print(program.output())).isEqualTo(REVERSE);
  }

  @Test
  void printedProgramsNameSharedExpressionsAndReturnUnnamedOutputs() {
    Program program = RaspLanguage.parse("return aggregate(select(tokens, tokens, ==), map(x -> x * x, tokens) "
        + "+ map(x -> x * x, tokens));", "t.rasp");
    String printed = RaspLanguage.print(program.output());
    assertThat(printed).isEqualTo("return aggregate(select(tokens, tokens, ==), "
        + "map(x -> x * x, tokens) + map(x -> x * x, tokens));\n");
    Program shared = RaspLanguage.parse("sq = map(x -> x * x, tokens);\nreturn sq + 1 + sq;", "t.rasp");
    assertThat(RaspLanguage.print(shared.output())).isEqualTo("sq = map(x -> x * x, tokens);\nreturn sq + 1 + sq;\n");
  }

  @Test
  void tablesAreFunctionsThatPrintAsTables() {
    String source = """
        rank = map({"a": 0, "b": 1, else: 2}, tokens);
        same = select(rank, rank, {(0, 0): true, (1, 1): true, else: false});
        return selector_width(same) + map(x -> {0: 10, 1: 20}[x % 2], rank);
        """;
    Program program = RaspLanguage.parse(source, "t.rasp");
    ElementwiseMap rank = (ElementwiseMap) program.names().get("rank");
    assertThat(rank.function()).isInstanceOf(org.tracr4j.rasp.Lambda.class)
        .satisfies(f -> assertThat(((org.tracr4j.rasp.Lambda) f).body()).isInstanceOf(org.tracr4j.rasp.Term.Table.class));
    assertThat(RaspLanguage.print(program.output())).isEqualTo(source);
    assertThat(Interpreter.standard().evaluate(program.output(), List.of(Value.of("a"), Value.of("b"), Value.of("a"),
        Value.of("z")))).containsExactly(Value.of(12), Value.of(21), Value.of(12), Value.of(10));
  }

  @Test
  void suggestionsAreNearbyNamesOnly() {
    assertThat(Suggestions.closest("tokns", List.of("tokens", "indices"))).isEqualTo("tokens");
    assertThat(Suggestions.closest("lenght", List.of("length"))).isEqualTo("length");
    assertThat(Suggestions.closest("frobnicate", List.of("map", "select"))).isNull();
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
  }
}
