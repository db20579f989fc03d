package org.tracr4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tracr4j.InvalidInputException;
import org.tracr4j.rasp.Value;
import picocli.CommandLine.Option;

/**
 * {@code --vocab a,b,c} and {@code --max-seq-len N}. Optional here; a command that needs them checks
 * {@link #requireBoth}. Inputs are checked against whichever is given.
 */
public final class VocabularyOptions {
  @Option(names = "--vocab", paramLabel = "TOKENS", description = "The input vocabulary, comma separated.")
  String vocabulary;

  @Option(names = "--vocab-file", paramLabel = "FILE",
      description = "The input vocabulary from a file, one token per line (blank lines skipped).")
  Path vocabularyFile;

  @Option(names = "--max-seq-len", paramLabel = "N", description = "The longest input (without BOS).")
  Integer maxSeqLen;

  private Set<Value> parsed;

  /** The vocabulary as values (each token parsed as a user types it), or null when not given. */
  public Set<Value> vocabulary() {
    if (vocabulary != null && vocabularyFile != null) {
      throw new CliException("give one of --vocab and --vocab-file", CliException.USAGE);
    }
    if (parsed == null && vocabulary != null) {
      parsed = new LinkedHashSet<>();
      for (String token : vocabulary.split(",", -1)) {
        if (token.isBlank()) {
          throw new CliException("--vocab has an empty token: \"" + vocabulary + "\"", CliException.USAGE);
        }
        parsed.add(Value.parseToken(token.strip()));
      }
    } else if (parsed == null && vocabularyFile != null) {
      parsed = new LinkedHashSet<>();
      List<String> lines = TextFiles.readLines(vocabularyFile);
      for (int i = 0; i < lines.size(); i++) {
        String token = lines.get(i).strip();
        if (!token.isEmpty() && !parsed.add(Value.parseToken(token))) {
          throw new CliException(vocabularyFile + ":" + (i + 1) + ": token " + token + " is listed twice",
              CliException.USAGE);
        }
      }
      if (parsed.isEmpty()) {
        throw new CliException(vocabularyFile + ": no tokens (one token per line)", CliException.USAGE);
      }
    }
    return parsed;
  }

  /** The options of this group given on the command line. */
  List<String> given() {
    List<String> given = new ArrayList<>();
    if (vocabulary != null) {
      given.add("--vocab");
    }
    if (vocabularyFile != null) {
      given.add("--vocab-file");
    }
    if (maxSeqLen != null) {
      given.add("--max-seq-len");
    }
    return given;
  }

  public Integer maxSeqLen() {
    if (maxSeqLen != null && maxSeqLen <= 0) {
      throw new CliException("--max-seq-len must be positive, got " + maxSeqLen, CliException.USAGE);
    }
    return maxSeqLen;
  }

  public void requireBoth() {
    if (vocabulary == null && vocabularyFile == null || maxSeqLen == null) {
      throw new CliException("this command needs --vocab (or --vocab-file) and --max-seq-len", CliException.USAGE);
    }
  }

  /** Checks an input against the vocabulary and the maximum length, when given. */
  public void check(List<Value> input) {
    Integer max = maxSeqLen();
    if (max != null && input.size() > max) {
      throw new InvalidInputException("the input has " + input.size() + " tokens, more than --max-seq-len "
          + max);
    }
    Set<Value> allowed = vocabulary();
    if (allowed == null) {
      return;
    }
    for (int i = 0; i < input.size(); i++) {
      if (!allowed.contains(input.get(i))) {
        List<String> shown = new ArrayList<>();
        allowed.stream().limit(20).forEach(v -> shown.add(v.toString()));
        String more = allowed.size() > shown.size() ? ", ... (" + allowed.size() + " tokens)" : "";
        throw new InvalidInputException("token " + input.get(i) + " at position " + i
            + " is not in the vocabulary {" + String.join(", ", shown) + more + "}");
      }
    }
  }
}
