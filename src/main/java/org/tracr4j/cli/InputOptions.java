package org.tracr4j.cli;

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

  /** Where each sequence of the last {@link #sequences()} came from: {@code FILE:LINE}, or {@code --input}. */
  private final List<String> origins = new ArrayList<>();

  /** The input sequences; exactly one of the two options must be given. */
  public List<List<Value>> sequences() {
    if ((input == null) == (inputs == null)) {
      throw new CliException("give exactly one of --input and --inputs", CliException.USAGE);
    }
    origins.clear();
    if (input != null) {
      origins.add("--input");
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
        origins.add(inputs + ":" + (i + 1));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(inputs + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return sequences;
  }

  /**
   * Runs {@code action} on each sequence; an invalid-input or evaluation error names the sequence's line
   * in the {@code --inputs} file.
   */
  public void forEach(List<List<Value>> sequences, java.util.function.Consumer<List<Value>> action) {
    for (int i = 0; i < sequences.size(); i++) {
      try {
        action.accept(sequences.get(i));
      } catch (InvalidInputException e) {
        throw inputs == null ? e : new InvalidInputException(origins.get(i) + ": " + e.getMessage());
      } catch (org.tracr4j.EvaluationException e) {
        throw inputs == null ? e : new org.tracr4j.EvaluationException(origins.get(i) + ": " + e.expression(),
            e.getMessage().substring(e.expression().length() + 2));
      }
    }
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
    return TextFiles.readLines(path);
  }
}
