package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j bench --quick}: a smoke run that prints one valid JSON document with a row per case. */
class BenchCommandTest {
  @Test
  void quickJsonRunHasARowPerLibraryProgram() throws IOException {
    CliRun result = CliRun.of("bench", "--quick", "--max-size", "10", "--json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode document = new ObjectMapper().readTree(result.out());
    JsonNode rows = document.get("rows");
    assertThat(rows.isArray()).isTrue();
    assertThat(rows.size()).isGreaterThanOrEqualTo(16);
    for (JsonNode row : rows) {
      assertThat(row.get("program").asText()).isNotEmpty();
      assertThat(row.get("params").asLong()).isPositive();
      assertThat(row.get("compile_ms").asDouble()).isPositive();
      assertThat(row.get("assembled_ms").asDouble()).isPositive();
      assertThat(row.get("speedup").asDouble())
          .isEqualTo(row.get("tracr_compile_ms").asDouble() / row.get("compile_ms").asDouble());
      assertThat(row.get("max_seq_len").asInt()).isBetween(1, 10);
      assertThat(row.get("speedup").asDouble()).isPositive();
    }
    for (int i = 0; i < 16; i++) {
      JsonNode row = rows.get(i);
      assertThat(row.get("params_ratio").asDouble())
          .isEqualTo(row.get("params").asDouble() / row.get("tracr_params").asDouble());
    }
    assertThat(document.get("library_params_ratio").asDouble())
        .isEqualTo(document.get("library_params_total").asDouble() / 453_961);
    assertThat(document.get("library_speedup").asDouble()).isPositive();
    assertThat(document.get("library_assembled_ms_total").asDouble()).isPositive();
    assertThat(document.get("library_params_total").asLong()).isPositive();
    assertThat(document.get("library_directory_read_ms_total").asDouble()).isPositive();
  }
}
