package org.tracr4j.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tracr4j.RaspSyntaxException;
import org.tracr4j.rasp.SOp;

/**
 * The entry points of the {@code .rasp} front end: source text to {@link Program} (scanner, parser,
 * resolver, stopping after the first stage that reports errors), and back ({@link #print}).
 */
public final class RaspLanguage {
  private RaspLanguage() {}

  /**
   * Parses and resolves a program.
   *
   * @param file the name used in error messages and expression origins
   * @throws RaspSyntaxException with every syntax, name and type error found, each {@code file:line:column:
   *     message}
   */
  public static Program parse(String source, String file) {
    Diagnostics diagnostics = new Diagnostics(file);
    List<Token> tokens = new Scanner(source, diagnostics).scanTokens();
    diagnostics.throwIfAny();
    List<Stmt> statements = new Parser(tokens, diagnostics).parse();
    diagnostics.throwIfAny();
    return new Resolver(diagnostics).resolve(statements, source);
  }

  /** Reads and parses a program file (UTF-8); errors name the file as given. */
  public static Program load(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /**
   * {@code .rasp} text computing the same as {@code output}: one statement per named or shared expression,
   * in dependency order. See {@link Printer}.
   *
   * @throws IllegalArgumentException if a function in the program has no {@code .rasp} source
   */
  public static String print(SOp output) {
    return new Printer().print(output);
  }
}
