package org.tracr4j.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tracr4j.RaspSyntaxException;

/**
 * The language pinned by programs: every file under {@code src/test/resources/lang/ok} gives the outputs
 * its {@code # expect:} lines list, and every file under {@code lang/errors} fails with exactly the
 * {@code # error:} lines, in order.
 */
class GoldenFilesTest {
  private static final Path ROOT = Path.of("src/test/resources/lang");

  @TestFactory
  Stream<DynamicTest> programsGiveTheirExpectedOutputs() throws IOException {
    return files("ok").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      List<Expectations.Expectation> expectations = Expectations.expectations(source);
      assertThat(expectations).as("expectations in " + file).isNotEmpty();
      Program program = RaspLanguage.parse(source, file.getFileName().toString());
      expectations.forEach(e -> e.check(program.output(), file.toString()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> malformedProgramsReportEveryErrorWithItsLocation() throws IOException {
    return files("errors").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.getFileName().toString();
      List<String> expected = Expectations.errors(source);
      assertThat(expected).as("errors in " + file).isNotEmpty();
      RaspSyntaxException error = catchThrowableOfType(RaspSyntaxException.class,
          () -> RaspLanguage.parse(source, name));
      assertThat(error).as(name + " should not parse").isNotNull();
      assertThat(error.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(name));
      assertThat(error.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()))
          .containsExactlyElementsOf(expected);
      assertThat(error.getMessage()).startsWith(name + ":" + expected.get(0));
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyErrorFileIsAlsoRejectedWhenLoadedFromDisk() throws IOException {
    return files("errors").limit(1).map(file -> DynamicTest.dynamicTest(file.toString(),
        () -> assertThatThrownBy(() -> RaspLanguage.load(file)).isInstanceOf(RaspSyntaxException.class)
            .hasMessageStartingWith(file.toString() + ":")));
  }

  private static Stream<Path> files(String folder) throws IOException {
    try (Stream<Path> listing = Files.list(ROOT.resolve(folder))) {
      return listing.filter(p -> p.toString().endsWith(".rasp")).sorted().toList().stream();
    }
  }
}
