package org.tracr4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tracr4j.InvalidInputException;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Option;

/**
 * {@code --input "a b c"} (one sequence) or {@code --inputs FILE} (one sequence per line; blank lines and
 * lines starting with {@code #} are skipped). Tokens are separated by spaces, each parsed with {@link
 * Value#parseToken}; a token in double quotes may contain spaces.
 */
public final class InputOptions {
  @Option(names = "--input", paramLabel = "TOKENS", description = "Input tokens separated by spaces (no BOS).")
  String input;

  @Option(names = "--inputs", paramLabel = "FILE", description = "A file of inputs, one sequence per line.")
  Path inputs;

  /** The input sequences; exactly one of the two options must be given. */
  public List<List<Value>> sequences() {
    if ((input == null) == (inputs == null)) {
      throw new CliException("give exactly one of --input and --inputs", CliException.USAGE);
    }
    if (input != null) {
      return List.of(parse(input));
    }
    List<String> lines = readLines(inputs);
    List<List<Value>> sequences = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      try {
        sequences.add(parse(line));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(inputs + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return sequences;
  }

  /** Splits a line into tokens at spaces; double quotes group a token with spaces (quotes kept). */
  public static List<Value> parse(String line) {
    List<Value> tokens = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '"') {
        int close = line.indexOf('"', i + 1);
        if (close < 0) {
          throw new InvalidInputException("unterminated quoted token at column " + (i + 1) + ": " + line);
        }
        i = close + 1;
      } else {
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
      }
      tokens.add(Value.parseToken(line.substring(start, i)));
    }
    return tokens;
  }

  static List<String> readLines(Path path) {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + path + ": no such file", CliException.NO_INPUT);
    } catch (IOException e) {
      throw new CliException("cannot read " + path + ": " + e.getMessage(), CliException.NO_INPUT);
    }
  }
}
