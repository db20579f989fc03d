package org.tracr4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tracr4j} command. Each subcommand is its own class, registered in {@link #SUBCOMMANDS}
 * (add yours there); options several commands share are mixins: {@link InputOptions}, {@link
 * VocabularyOptions}, {@link JsonOption}. Errors are handled in one place, {@link ErrorHandler}.
 */
@Command(name = "tracr4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Compiles RASP programs into transformer weights.",
    subcommands = {EvalCommand.class, CompileCommand.class, RunCommand.class, InfoCommand.class,
        CheckCommand.class, BenchCommand.class, FuzzCommand.class, VizCommand.class, CompressCommand.class,
        DecompileCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  /** Shown by the help; inherited so that it may follow the subcommand name. */
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** {@code --version}: the project version from the pom. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tracr4j " + org.tracr4j.compiler.Compiler.VERSION};
    }
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    ErrorHandler handler = new ErrorHandler(Arrays.asList(args).contains("--debug"));
    CommandLine commandLine = new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(handler)
        .setParameterExceptionHandler(handler);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** {@code tracr4j} alone: usage on stderr, usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CliException.USAGE;
  }
}
