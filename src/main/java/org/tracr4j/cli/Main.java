package org.tracr4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
    description = "Compiles RASP programs into transformer weights.")
public final class Main implements Callable<Integer> {
  /**
   * The subcommands by name, in help order. Picocli reflects over a command's annotations when it is
   * registered (tens of milliseconds for all of them on a cold JVM), so a command line naming one subcommand
   * registers only that one; help, errors and suggestions get them all ({@link #execute}).
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("eval", EvalCommand::new);
    commands.put("compile", CompileCommand::new);
    commands.put("run", RunCommand::new);
    commands.put("info", InfoCommand::new);
    commands.put("check", CheckCommand::new);
    commands.put("bench", BenchCommand::new);
    commands.put("fuzz", FuzzCommand::new);
    commands.put("viz", VizCommand::new);
    commands.put("compress", CompressCommand::new);
    commands.put("decompile", DecompileCommand::new);
    commands.put("dataset", DatasetCommand::new);
    // A lambda, not a constructor reference: JDK 25 fails to write the start-up cache (tracr4j launcher) when a
    // static field holds a method handle of a class it cannot archive, as picocli's Java 5 classes are.
    commands.put("help", () -> new CommandLine.HelpCommand());
    return Collections.unmodifiableMap(commands);
  }

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
    CommandLine commandLine = new CommandLine(new Main());
    // Registered before the streams and handlers are set: picocli passes those on to existing subcommands only.
    String named = Arrays.stream(args).filter(arg -> !arg.equals("--debug")).findFirst().orElse("");
    if (SUBCOMMANDS.containsKey(named) && !named.equals("help")) {
      commandLine.addSubcommand(named, SUBCOMMANDS.get(named).get());
    } else if (!named.equals("--version") && !named.equals("-V")) {
      SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
    }
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(handler)
        .setParameterExceptionHandler(handler);
    StageProgress.useStderr(err);
    int code;
    try {
      code = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // The size estimate (model.ModelSize) refuses what it can foresee; anything else still gets one line.
      err.println("tracr4j: out of memory (the JVM's max heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MB); raise it, e.g. TRACR4J_JAVA_OPTS=-Xmx16g for the tracr4j launcher");
      code = ErrorHandler.TOO_LARGE;
    }
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
