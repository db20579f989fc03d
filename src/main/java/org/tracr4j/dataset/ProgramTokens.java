package org.tracr4j.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracr4j.generate.GeneratedProgram;
import org.tracr4j.generate.Statement;
import org.tracr4j.model.Provenance;

/**
 * A program as a token sequence, layer by layer ({@code docs/dataset.md}): {@code BOS}, the statements
 * computed in layer 0 (attention, then MLP), {@code EOL}, those of layer 1, ..., the {@code return}
 * statement, {@code EOS}. Each statement is its {@code .rasp} tokens ({@code v1 = map ( x -> x + 1 , tokens )
 * ;}) with every constant, lambda and table as written, so joining the tokens between the markers with spaces
 * gives back the exact program ({@link #source}). Statements are renamed {@code v1, v2, ...} in token order,
 * so programs equal up to renaming have the same tokens.
 */
public final class ProgramTokens {
  public static final String BOS = "BOS";
  public static final String EOL = "EOL";
  public static final String EOS = "EOS";

  /** Strings, numbers, names, two-character operators, single characters. */
  private static final Pattern TOKEN = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+"
          + "|[A-Za-z_][A-Za-z0-9_]*|->|==|!=|<=|>=|\\S");

  private ProgramTokens() {}

  /** The lexical tokens of {@code .rasp} text (comments are not expected). */
  static List<String> lex(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /**
   * The tokens of a generated program, its statements ordered by the layer (and sub-layer) of the compiled
   * model that computes them; a statement the model does not compute by itself (a selector, a folded map)
   * goes with the latest of its operands. Stable, so dependencies stay before their uses.
   */
  public static List<String> of(GeneratedProgram program, Provenance provenance) {
    List<Statement> statements = program.statements();
    Map<String, Integer> key = new HashMap<>();
    List<List<String>> lexed = new ArrayList<>();
    for (Statement statement : statements) {
      List<String> tokens = lex(statement.source());
      lexed.add(tokens);
      int own = provenance == null ? -1 : provenance.expression(statement.name())
          .map(e -> e.layer() < 0 ? -1 : 2 * e.layer() + (e.kind().equals("aggregate") ? 0 : 1)).orElse(-1);
      int latest = 0;
      for (String token : tokens.subList(2, tokens.size())) {
        latest = Math.max(latest, key.getOrDefault(token, 0));
      }
      key.put(statement.name(), Math.max(own, latest));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Integer.compare(key.get(statements.get(a).name()), key.get(statements.get(b).name())));
    Map<String, String> rename = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rename.put(statements.get(order.get(i)).name(), "v" + (i + 1));
    }
    List<String> out = new ArrayList<>();
    out.add(BOS);
    int layer = -1;
    for (int i : order) {
      int statementLayer = key.get(statements.get(i).name()) / 2;
      if (layer >= 0 && statementLayer != layer) {
        out.add(EOL);
      }
      layer = statementLayer;
      for (String token : lexed.get(i)) {
        out.add(rename.getOrDefault(token, token));
      }
    }
    out.add(EOL);
    out.add("return");
    out.add(rename.getOrDefault(program.output(), program.output()));
    out.add(";");
    out.add(EOS);
    return out;
  }

  /** The {@code .rasp} program the tokens spell: one statement per line. */
  public static String source(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    for (String token : tokens) {
      if (token.equals(BOS) || token.equals(EOL) || token.equals(EOS)) {
        continue;
      }
      if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
        out.append(' ');
      }
      out.append(token);
      if (token.equals(";")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
