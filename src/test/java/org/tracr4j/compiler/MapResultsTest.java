package org.tracr4j.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/** A map's MLP is built from the results value-set inference computed: its function runs once per value. */
class MapResultsTest {

  @Test
  void callsAMapsFunctionOncePerInputValueAndBuildsTheSameModel() {
    List<Value> vocab = new ArrayList<>();
    for (long v = 1; v <= 7; v++) {
      vocab.add(Value.of(v));
    }
    CompileOptions options = CompileOptions.of(vocab, 6);
    for (boolean numerical : new boolean[] {false, true}) {
      AtomicInteger calls = new AtomicInteger();
      SOp counted = Rasp.map(x -> {
        calls.incrementAndGet();
        return Value.of(x.asDouble() == 3 ? 1L : 0L);
      }, Rasp.tokens());
      SOp written = Rasp.tokens().eq(3L);
      SOp countedProgram = numerical ? Library.makeFracPrevs(counted) : counted;
      SOp writtenProgram = numerical ? Library.makeFracPrevs(written) : written;
      CompiledProgram fromCounted = Compiler.compile(countedProgram, options);
      assertThat(calls.get()).isEqualTo(vocab.size());
      CompiledProgram fromWritten = Compiler.compile(writtenProgram, options);
      assertThat(fromCounted.model().config()).isEqualTo(fromWritten.model().config());
    }
  }
}
