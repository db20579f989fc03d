package org.tracr4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tracr4j.lang.RaspLanguage;
import org.tracr4j.rasp.SOp;
import org.tracr4j.rasp.Value;

/**
 * Every {@code examples/*.rasp} with the compile options of its {@code # suggested:} line.
 *
 * @param name the file name
 * @param program the parsed program
 * @param vocab the suggested vocabulary
 * @param maxSeqLen the suggested maximum length
 */
public record ExamplePrograms(String name, SOp program, List<Value> vocab, int maxSeqLen) {
  public static final Path DIRECTORY = Path.of(System.getProperty("basedir", ".")).resolve("examples");
  private static final Pattern SUGGESTED = Pattern.compile("^# suggested: (.*)$", Pattern.MULTILINE);

  public static Stream<ExamplePrograms> all() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.filter(f -> f.toString().endsWith(".rasp")).sorted().map(ExamplePrograms::read).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExamplePrograms read(Path file) {
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher suggested = SUGGESTED.matcher(source);
    if (!suggested.find()) {
      throw new AssertionError(file + " has no '# suggested:' line");
    }
    List<String> words = Arrays.asList(suggested.group(1).trim().split("\\s+"));
    List<Value> vocab = Arrays.stream(words.get(words.indexOf("--vocab") + 1).split(","))
        .map(Value::parseToken).toList();
    int maxSeqLen = Integer.parseInt(words.get(words.indexOf("--max-seq-len") + 1));
    return new ExamplePrograms(file.getFileName().toString(), RaspLanguage.parse(source, file.toString()).output(),
        vocab, maxSeqLen);
  }

  /** Uniform random tokens of the vocabulary, lengths cycling through 1..maxSeqLen. */
  public List<List<Value>> randomInputs(int count, Random random) {
    List<List<Value>> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Value> input = new ArrayList<>();
      for (int p = 0; p <= i % maxSeqLen; p++) {
        input.add(vocab.get(random.nextInt(vocab.size())));
      }
      inputs.add(input);
    }
    return inputs;
  }

  @Override
  public String toString() {
    return name;
  }
}
