package org.tracr4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.CorruptModelException;
import org.tracr4j.InvalidInputException;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.model.Model;
import org.tracr4j.testing.NumpyScript;
import org.tracr4j.testing.Sequences;

/**
 * Issue 10 §4: the Java reader and the numpy script reject the same corrupted directories ({@link
 * CorruptDirectories}, each written once), each with one line naming the file and the problem; the script
 * exits 74 as the {@code tracr4j} command does, never with a traceback.
 */
class CorruptDirectoryTest {
  @TempDir static Path root;
  private static final List<CorruptDirectories.Case> CASES = CorruptDirectories.all();

  @BeforeAll
  static void writeEveryCase() {
    for (int i = 0; i < CASES.size(); i++) {
      CASES.get(i).write().accept(root.resolve("case" + i));
    }
  }

  private static Path dir(int i) {
    return root.resolve("case" + i);
  }

  @Test
  void theJavaReaderRejectsEveryCorruption() {
    assertThat(CASES).hasSizeGreaterThan(60);
    for (int i = 0; i < CASES.size(); i++) {
      CorruptDirectories.Case c = CASES.get(i);
      Path dir = dir(i);
      assertThatThrownBy(() -> ModelDirectory.read(dir)).as(c.name())
          .isInstanceOf(CorruptModelException.class)
          .hasMessageStartingWith(dir.resolve(c.file()) + ": ")
          .hasMessageContaining(c.problem());
    }
  }

  @Test
  void theNumpyScriptRejectsEveryCorruptionWithOneLineAndExit74() throws IOException {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    List<List<String>> argvs = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      argvs.add(List.of(dir(i).toString(), "a b"));
    }
    List<NumpyScript.Outcome> outcomes = NumpyScript.outcomes(argvs);
    for (int i = 0; i < CASES.size(); i++) {
      CorruptDirectories.Case c = CASES.get(i);
      NumpyScript.Outcome outcome = outcomes.get(i);
      assertThat(outcome.exitCode()).as(c.name() + ": " + outcome.stderr()).isEqualTo(74);
      assertThat(outcome.stdout()).as(c.name()).isEmpty();
      assertThat(outcome.stderr().lines()).as(c.name()).hasSize(1);
      assertThat(outcome.stderr()).as(c.name())
          .startsWith("tracr4j_numpy: " + dir(i).resolve(c.file()) + ": ")
          .contains(c.problem());
    }
  }

  /** The same in a process of its own: the exit status and stderr a user sees. */
  @Test
  void theScriptAsACommand() throws IOException {
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    int nan = indexOf("NaN weight");
    NumpyScript.Outcome outcome = NumpyScript.command(List.of(dir(nan).toString(), "a b"));
    assertThat(outcome.exitCode()).isEqualTo(74);
    assertThat(outcome.stderr()).isEqualTo("tracr4j_numpy: " + dir(nan).resolve(ModelDirectory.WEIGHTS_FILE)
        + ": tensor unembed.W_U holds NaN at index 4\n");
    NumpyScript.Outcome missing = NumpyScript.command(List.of(dir(indexOf("missing d_model")).toString()));
    assertThat(missing.exitCode()).isEqualTo(74);
    assertThat(missing.stderr()).doesNotContain("Traceback").contains("key d_model is missing");
    NumpyScript.Outcome usage = NumpyScript.command(List.of());
    assertThat(usage.exitCode()).isEqualTo(64);
    NumpyScript.Outcome noDir = NumpyScript.command(List.of(root.resolve("absent").toString()));
    assertThat(noDir.exitCode()).isEqualTo(66);
    assertThat(noDir.stderr()).endsWith("absent: no such directory\n");
  }

  @Test
  void bothReadersLoadTheUncorruptedDirectories() throws IOException {
    Path fraction = root.resolve("fraction");
    CorruptDirectories.write(CorruptDirectories.fraction(), fraction);
    Path compiled = root.resolve("compiled");
    Model model = CorruptDirectories.compiled();
    CorruptDirectories.write(model, compiled);
    assertThat(ModelDirectory.read(compiled).run(List.of("a", "b", "b"))).containsExactly("b", "b", "a");
    ModelDirectory.read(fraction);
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    assertThat(NumpyScript.run(compiled, List.of(List.of("a", "b", "b")))).containsExactly(List.of("b", "b", "a"));
    NumpyScript.run(fraction, List.of(List.of("a", "b")));
  }

  /**
   * A recorded aggregate precondition: both readers refuse an input on which the aggregate would average,
   * with the same line (the script checks the residual exactly as {@link Model} does), and answer the others.
   */
  @Test
  void bothReadersRefuseAnInputThatViolatesAPrecondition() throws IOException {
    Model model = Compiler.compile(RaspLanguage.parse("sel = select(tokens, tokens, ==);\nx = aggregate(sel, indices);\n",
        "avg.rasp").output(), CompileOptions.of(Sequences.intVocab(1, 2, 3), 4)).model();
    Path dir = root.resolve("precondition");
    CorruptDirectories.write(model, dir);
    Model read = ModelDirectory.read(dir);
    String refusal = null;
    try {
      read.run(List.of("1", "1", "2"));
    } catch (InvalidInputException e) {
      refusal = e.getMessage();
    }
    assertThat(refusal).contains("aggregate x (avg.rasp:2:5)").contains("position 0");
    String unavailable = NumpyScript.unavailableReason();
    assumeTrue(unavailable == null, unavailable);
    NumpyScript.Outcome outcome = NumpyScript.command(List.of(dir.toString(), "1 1 2"));
    assertThat(outcome.exitCode()).isEqualTo(66);
    assertThat(outcome.stderr()).isEqualTo("tracr4j_numpy: " + refusal + "\n");
    // One string selected twice (RASP cannot average it): the key channel shows it to both readers.
    Model same = Compiler.compile(RaspLanguage.parse("s = select(tokens, tokens, ==);\nx = aggregate(s, tokens);\n",
        "same.rasp").output(), CompileOptions.of(Sequences.charVocab("abc"), 4)).model();
    Path sameDir = root.resolve("same");
    CorruptDirectories.write(same, sameDir);
    String twice = null;
    try {
      ModelDirectory.read(sameDir).run(List.of("b", "a", "a"));
    } catch (InvalidInputException e) {
      twice = e.getMessage();
    }
    assertThat(twice).contains("aggregate x (same.rasp:2:5)").contains("position 1");
    NumpyScript.Outcome sameOutcome = NumpyScript.command(List.of(sameDir.toString(), "b a a"));
    assertThat(sameOutcome.exitCode()).isEqualTo(66);
    assertThat(sameOutcome.stderr()).isEqualTo("tracr4j_numpy: " + twice + "\n");
    assertThat(NumpyScript.run(sameDir, List.of(List.of("c", "a", "b")))).containsExactly(List.of("c", "a", "b"));
    List<List<String>> inputs = List.of(List.of("1", "2", "3"), List.of("3", "1"));
    assertThat(NumpyScript.run(dir, inputs).toString()).isEqualTo(read.runBatch(inputs).toString())
        .isEqualTo("[[0, 1, 2], [0, 1]]");
  }

  private static int indexOf(String name) {
    for (int i = 0; i < CASES.size(); i++) {
      if (CASES.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no case " + name);
  }
}
