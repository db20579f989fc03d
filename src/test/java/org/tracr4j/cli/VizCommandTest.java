package org.tracr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tracr4j.cli.RunCommandTest.assertOneLineError;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracr4j.compiler.CompileOptions;
import org.tracr4j.compiler.Compiler;
import org.tracr4j.export.DataType;
import org.tracr4j.export.ModelDirectory;
import org.tracr4j.rasp.Library;
import org.tracr4j.rasp.Rasp;
import org.tracr4j.rasp.Value;
import org.tracr4j.testing.CliRun;

/** {@code tracr4j viz}, in process: from source, from a model directory (the same page), errors. */
class VizCommandTest {
  private static final String REVERSE = RunCommandTest.EXAMPLES.resolve("reverse.rasp").toString();

  @TempDir Path dir;

  @Test
  void writesOnePageFromAProgram() throws Exception {
    Path page = dir.resolve("out/reverse.html");
    CliRun run = CliRun.of("viz", REVERSE, "--vocab", "a,b,c,d", "--max-seq-len", "5", "--input", "a b c d",
        "-o", page.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("wrote " + page).contains("agree on every expression");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("data-expr=\"reverse\"", "data-expr=\"flip\"",
        "data-expr=\"opp_index\"", "reverse:a", "L2 attn H0");
  }

  @Test
  void aModelDirectoryGivesTheSamePage() throws Exception {
    Path model = dir.resolve("model");
    CliRun compiled = CliRun.of("compile", REVERSE, "--vocab", "a,b,c,d", "--max-seq-len", "5", "--dtype",
        "float64", "-o", model.toString());
    assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
    Path fromSource = dir.resolve("source.html");
    Path fromModel = dir.resolve("model.html");
    CliRun first = CliRun.of("viz", REVERSE, "--vocab", "a,b,c,d", "--max-seq-len", "5", "--input", "d a c",
        "-o", fromSource.toString());
    CliRun second = CliRun.of("viz", "--model", model.toString(), "--input", "d a c", "-o", fromModel.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(Files.readString(fromModel)).isEqualTo(Files.readString(fromSource));
  }

  /** The model computes the rewritten program (a composite selector made one): so does its page. */
  @Test
  void aModelDirectoryOfARewrittenProgramGivesTheSamePage() throws Exception {
    Path program = dir.resolve("near.rasp");
    Files.writeString(program, "near = select(indices, indices, ==) or select(tokens, tokens, ==);\n"
        + "ones = numerical(map(x -> 1, tokens));\nout = numerical(aggregate(near, ones, 0));\n");
    Path model = dir.resolve("near");
    String[] options = {"--vocab", "a,b", "--max-seq-len", "4"};
    CliRun compiled = CliRun.of(concat(new String[] {"compile", program.toString()}, options,
        new String[] {"--dtype", "float64", "-o", model.toString()}));
    assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
    CliRun first = CliRun.of(concat(new String[] {"viz", program.toString()}, options,
        new String[] {"--input", "a b a", "-o", dir.resolve("source.html").toString()}));
    CliRun second = CliRun.of("viz", "--model", model.toString(), "--input", "a b a", "-o",
        dir.resolve("model.html").toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(Files.readString(dir.resolve("model.html"))).isEqualTo(Files.readString(dir.resolve("source.html")));
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  /** A format-1 directory has no provenance record: the page reads the placement off the weights. */
  @Test
  void aFormatOneDirectoryWorksToo() throws Exception {
    Path v1 = Path.of(System.getProperty("basedir", "."), "src/test/resources/export/format-v1/reverse");
    Path page = dir.resolve("v1.html");
    CliRun run = CliRun.of("viz", "--model", v1.toString(), "--input", "a b b", "-o", page.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("agree on every expression");
    assertThat(Files.readString(page)).contains("data-expr=\"reverse\"", "L3 attn H0");
  }

  @Test
  void showsTheFirstDisagreementOfATracrModeModel() throws Exception {
    Path page = dir.resolve("hist.html");
    CliRun run = CliRun.of("viz", RunCommandTest.EXAMPLES.resolve("hist.rasp").toString(), "--compat", "tracr",
        "--vocab", "a,b", "--max-seq-len", "12", "--input", "a a a a a a a a a a a b", "-o", page.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("first disagreement: hist at position 0");
    assertThat(Files.readString(page)).contains("id=\"first-disagreement\"");
  }

  @Test
  void errorsAreOneLine() throws Exception {
    Path page = dir.resolve("x.html");
    assertOneLineError(CliRun.of("viz", REVERSE, "--vocab", "a,b", "--max-seq-len", "3", "--input", "a z",
        "-o", page.toString()), "unknown token 'z'");
    assertOneLineError(CliRun.of("viz", REVERSE, "--vocab", "a,b", "--max-seq-len", "3", "--input", "a"),
        "-o");
    assertOneLineError(CliRun.of("viz", "--model", dir.resolve("none").toString(), "--input", "a", "-o",
        page.toString()), "no such directory");
    Path bare = dir.resolve("bare");
    Files.createDirectories(bare);
    ModelDirectory.write(Compiler.compile(Library.makeReverse(Rasp.tokens()),
        CompileOptions.of(List.of(Value.of("a")), 2), Map.of()).model(), bare, DataType.F32);
    assertOneLineError(CliRun.of("viz", "--model", bare.toString(), "--input", "a", "-o", page.toString()),
        "records no program source");
    assertThat(page).doesNotExist();
  }
}
