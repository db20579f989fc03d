package org.tracr4j.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.tracr4j.cli.Main;

/**
 * One in-process run of the {@code tracr4j} command line ({@link Main#execute}) with captured streams.
 *
 * @param exitCode the command's exit code
 * @param out everything printed on stdout
 * @param err everything printed on stderr
 */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun of(List<String> args) {
    return of(args.toArray(String[]::new));
  }

  /** The non-empty lines of stdout. */
  public List<String> outLines() {
    return out.lines().filter(line -> !line.isBlank()).toList();
  }

  /** The non-empty lines of stderr. */
  public List<String> errLines() {
    return err.lines().filter(line -> !line.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
