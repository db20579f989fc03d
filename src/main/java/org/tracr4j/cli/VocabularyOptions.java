package org.tracr4j.cli;

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

  @Option(names = "--max-seq-len", paramLabel = "N", description = "The longest input (without BOS).")
  Integer maxSeqLen;

  /** The vocabulary as values (each token parsed as a user types it), or null when not given. */
  public Set<Value> vocabulary() {
    if (vocabulary == null) {
      return null;
    }
    Set<Value> values = new LinkedHashSet<>();
    for (String token : vocabulary.split(",", -1)) {
      if (token.isBlank()) {
        throw new CliException("--vocab has an empty token: \"" + vocabulary + "\"", CliException.USAGE);
      }
      values.add(Value.parseToken(token.strip()));
    }
    return values;
  }

  public Integer maxSeqLen() {
    if (maxSeqLen != null && maxSeqLen <= 0) {
      throw new CliException("--max-seq-len must be positive, got " + maxSeqLen, CliException.USAGE);
    }
    return maxSeqLen;
  }

  public void requireBoth() {
    if (vocabulary == null || maxSeqLen == null) {
      throw new CliException("this command needs --vocab and --max-seq-len", CliException.USAGE);
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
        allowed.forEach(v -> shown.add(v.toString()));
        throw new InvalidInputException("token " + input.get(i) + " at position " + i
            + " is not in the vocabulary {" + String.join(", ", shown) + "}");
      }
    }
  }
}
