package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.CorruptModelException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.model.Provenance;
import org.tracr4j.testing.CliRun;
import org.tracr4j.testing.NumpyScript;
import org.tracr4j.testing.Sequences;

/** Format version 2 keeps the provenance, typed; format version 1 directories still load. */
class ModelDirectoryProvenanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Written by tracr4j 0.1.0 before provenance: {@code compile examples/reverse.rasp --vocab a,b --max-seq-len 3}. */
  private static final Path VERSION_1 = Path.of(System.getProperty("basedir", "."))
      .resolve("src/test/resources/export/format-v1/reverse");
  @TempDir Path dir;

  private static Model typedModel() {
    String source = """
        def tag(x) { return map(v -> 3 if v == "a" else "3", x); }
        kind = tag(tokens);
        flip = aggregate(select(indices, length - indices - 1, ==), kind);
        """;
    return Compiler.compile(RaspLanguage.parse(source, "typed.rasp").output(),
        CompileOptions.of(Sequences.charVocab("ab"), 3)).model();
  }

  @Test
  void provenanceRoundTripsWithItsTypes() throws IOException {
    Model model = typedModel();
    ModelDirectory.write(model, dir, DataType.F32);
    JsonNode meta = JSON.readTree(dir.resolve(ModelDirectory.CONFIG_FILE).toFile()).get("tracr4j");
    assertThat(meta.get("format_version").intValue()).isEqualTo(2);
    assertThat(meta.get("metadata").has("expression_layers")).isFalse();
    Model read = ModelDirectory.read(dir);
    assertThat(read.provenance()).isEqualTo(model.provenance()).isPresent();
    List<Object> values = read.provenance().orElseThrow().featuresOf("kind").stream()
        .map(i -> read.provenance().orElseThrow().residual().get(i).value()).toList();
    assertThat(values).containsExactly(3L, "3");
    assertThat(read.run(List.of("a", "b", "b"))).isEqualTo(model.run(List.of("a", "b", "b")));
  }

  @Test
  void formatVersion1DirectoryStillLoads() {
    Model model = ModelDirectory.read(VERSION_1);
    assertThat(model.provenance()).isEmpty();
    assertThat(model.run(List.of("a", "b", "b"))).containsExactly("b", "b", "a");
    CliRun info = CliRun.of("info", "--model", VERSION_1.toString());
    assertThat(info.exitCode()).as(info.toString()).isZero();
    assertThat(info.out()).contains("expressions: unknown").contains("layers: 4");
  }

  @Test
  void numpyScriptReadsBothFormatVersions() throws IOException {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    ModelDirectory.write(typedModel(), dir, DataType.F32);
    assertThat(NumpyScript.run(dir, List.of(List.of("a", "b", "b")))).containsExactly(List.of("3", "3", 3));
    assertThat(NumpyScript.run(VERSION_1, List.of(List.of("a", "b", "b")))).containsExactly(List.of("b", "b", "a"));
  }

  @Test
  void inconsistentProvenanceIsACorruptModel() throws IOException {
    ModelDirectory.write(typedModel(), dir, DataType.F32);
    Path file = dir.resolve(ModelDirectory.CONFIG_FILE);
    ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
    int layer = 0;
    while (config.at("/tracr4j/provenance/layers").get(layer).get("heads").isEmpty()) {
      layer++;
    }
    JsonNode heads = config.at("/tracr4j/provenance/layers").get(layer).get("heads");
    ((ObjectNode) heads.get(0)).put("head", 7);
    JSON.writeValue(file.toFile(), config);
    assertThatThrownBy(() -> ModelDirectory.read(dir)).isInstanceOf(CorruptModelException.class)
        .hasMessage(file + ": layer " + layer + ": head 7 is outside 0..0 or listed twice");

    ((ObjectNode) heads.get(0)).put("head", 0);
    ((ObjectNode) config.at("/tracr4j/provenance/residual").get(0)).put("role", "bias");
    JSON.writeValue(file.toFile(), config);
    assertThatThrownBy(() -> ModelDirectory.read(dir)).isInstanceOf(CorruptModelException.class)
        .hasMessage(file + ": tracr4j.provenance.residual[0].role must be one of \"value\", \"one\", "
            + "\"intermediate\", found \"bias\"");
  }

  @Test
  void featureLabelsAreTheResidualLabels() {
    Provenance provenance = typedModel().provenance().orElseThrow();
    assertThat(provenance.residual()).extracting(Provenance.Feature::label)
        .containsExactlyElementsOf(typedModel().residualLabels());
    // The call's result is named by the assignment, so the call site gives way to the name.
    assertThat(provenance.expression("kind").orElseThrow().kind()).isEqualTo("map");
    assertThat(provenance.expression("kind").orElseThrow().origin()).isEqualTo("typed.rasp:1:21");
  }
}
