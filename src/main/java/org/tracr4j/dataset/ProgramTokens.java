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
    return of(program, provenance == null ? List.of() : provenance.expressions());
  }

  /**
   * {@link #of(GeneratedProgram, Provenance)} from the provenance's expressions alone, as
   * {@link org.tracr4j.compiler.Compiler#expressions} gives them before the program is compiled.
   */
  public static List<String> of(GeneratedProgram program, List<Provenance.Expression> expressions) {
    return ordered(program, expressions).tokens();
  }

  /**
   * A program's tokens and the name each statement has in them.
   *
   * @param tokens the tokens, as {@link #of} gives them
   * @param names each statement's generated name to its name in the tokens ({@code v1, v2, ...})
   */
  record Ordered(List<String> tokens, Map<String, String> names) {
    Ordered {
      tokens = List.copyOf(tokens);
      names = Map.copyOf(names);
    }
  }

  /** {@link #of(GeneratedProgram, List)}, with the names the statements got. */
  static Ordered ordered(GeneratedProgram program, List<Provenance.Expression> expressions) {
    Map<String, Provenance.Expression> byLabel = new HashMap<>();
    for (Provenance.Expression expression : expressions) {
      byLabel.putIfAbsent(expression.label(), expression);
    }
    return ordered(program, byLabel);
  }

  /**
   * The program's tokens ordered by a model compiled from {@code earlier}, an ordering of the same program:
   * {@code provenance} names the statements as {@code earlier}'s tokens do. This is the order a compile of
   * the program as generated gives, without that compile: the model of the renamed program has the same
   * layers (renaming and reordering statements does not move a block), and the stable order starts from the
   * generated statements, as {@link #of} does.
   */
  static Ordered reordered(GeneratedProgram program, Ordered earlier, Provenance provenance) {
    Map<String, Provenance.Expression> byRenamed = new HashMap<>();
    for (Provenance.Expression expression : provenance.expressions()) {
      byRenamed.putIfAbsent(expression.label(), expression);
    }
    Map<String, Provenance.Expression> byLabel = new HashMap<>();
    earlier.names().forEach((name, renamed) -> {
      Provenance.Expression expression = byRenamed.get(renamed);
      if (expression != null) {
        byLabel.put(name, expression);
      }
    });
    return ordered(program, byLabel);
  }

  private static Ordered ordered(GeneratedProgram program, Map<String, Provenance.Expression> byLabel) {
    List<String> names = new ArrayList<>();
    List<List<String>> lexed = new ArrayList<>();
    for (Statement statement : program.statements()) {
      names.add(statement.name());
      lexed.add(lex(statement.source()));
    }
    return order(names, lexed, program.output(), byLabel);
  }

  /**
   * True when {@code tokens} are already in the order {@link #of} gives for a model with this provenance:
   * ordering and renaming them again changes nothing. The dataset checks so the tokens of the program it
   * compiled, whose layers it knew before compiling.
   */
  public static boolean layerOrdered(List<String> tokens, Provenance provenance) {
    List<String> names = new ArrayList<>();
    List<List<String>> lexed = new ArrayList<>();
    String output = null;
    List<String> statement = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals(BOS) || token.equals(EOL) || token.equals(EOS)) {
        continue;
      }
      if (token.equals("return") && statement.isEmpty() && i + 1 < tokens.size()) {
        output = tokens.get(i + 1);
        break;
      }
      statement.add(token);
      if (token.equals(";")) {
        names.add(statement.get(0));
        lexed.add(List.copyOf(statement));
        statement.clear();
      }
    }
    if (output == null) {
      return false;
    }
    Map<String, Provenance.Expression> byLabel = new HashMap<>();
    for (Provenance.Expression expression : provenance.expressions()) {
      byLabel.putIfAbsent(expression.label(), expression);
    }
    return order(names, lexed, output, byLabel).tokens().equals(tokens);
  }

  private static Ordered order(List<String> names, List<List<String>> lexed, String output,
      Map<String, Provenance.Expression> byLabel) {
    int[] key = new int[names.size()];
    Map<String, Integer> keyOf = new HashMap<>();
    for (int s = 0; s < names.size(); s++) {
      List<String> tokens = lexed.get(s);
      Provenance.Expression e = byLabel.get(names.get(s));
      int own = e == null || e.layer() < 0 ? -1 : 2 * e.layer() + (e.kind().equals("aggregate") ? 0 : 1);
      int latest = 0;
      for (String token : tokens.subList(2, tokens.size())) {
        latest = Math.max(latest, keyOf.getOrDefault(token, 0));
      }
      key[s] = Math.max(own, latest);
      keyOf.put(names.get(s), key[s]);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Integer.compare(key[a], key[b]));
    Map<String, String> rename = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rename.put(names.get(order.get(i)), "v" + (i + 1));
    }
    List<String> out = new ArrayList<>();
    out.add(BOS);
    int layer = -1;
    for (int i : order) {
      int statementLayer = key[i] / 2;
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
    out.add(rename.getOrDefault(output, output));
    out.add(";");
    out.add(EOS);
    return new Ordered(out, rename);
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
