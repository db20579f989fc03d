package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.tracr4j.CorruptModelException;
import org.tracr4j.EvaluationException;
import org.tracr4j.InvalidInputException;
import org.tracr4j.ModelTooLargeException;
import org.tracr4j.RaspSyntaxException;
import org.tracr4j.Tracr4jException;
import org.tracr4j.UndecompilableModelException;
import org.tracr4j.UnsupportedProgramException;
import picocli.CommandLine;

/**
 * Turns every failure into readable lines on stderr and an exit code (sysexits): usage errors 64, program
 * errors (syntax, unsupported) 65, input errors 66, evaluation errors and anything unexpected ("internal
 * error") 70, a model too large to build 69, corrupt model files 74. Stack traces only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  /** sysexits EX_DATAERR: the program is wrong (syntax, or not compilable). */
  static final int PROGRAM = 65;
  /** sysexits EX_NOINPUT: an input the program cannot take. */
  static final int INPUT = 66;
  /** sysexits EX_SOFTWARE: evaluation failed, or an internal error. */
  static final int INTERNAL = 70;
  /** sysexits EX_UNAVAILABLE: the model is too large for this JVM's heap, a Java array or an ONNX file. */
  static final int TOO_LARGE = 69;
  /** sysexits EX_IOERR: a model file is corrupt or unreadable. */
  static final int MODEL_FILE = 74;
  /** Syntax errors shown at most; a file of garbage has thousands, and the first few say enough. */
  static final int MAX_PROBLEMS_SHOWN = 30;

  private final boolean debug;

  ErrorHandler(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception exception, CommandLine command, CommandLine.ParseResult result) {
    PrintWriter err = command.getErr();
    int code = switch (exception) {
      case Tracr4jException e -> {
        lines(e).forEach(err::println);
        yield exitCode(e);
      }
      case CliException e -> {
        err.println("tracr4j: " + e.getMessage());
        yield e.exitCode();
      }
      default -> {
        err.println("tracr4j: internal error: " + exception);
        yield INTERNAL;
      }
    };
    if (debug) {
      exception.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException exception, String[] args) {
    CommandLine command = exception.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("tracr4j: " + exception.getMessage() + " (see `" + command.getCommandSpec().qualifiedName()
        + " --help`)");
    if (debug) {
      exception.printStackTrace(err);
    }
    err.flush();
    return CliException.USAGE;
  }

  /** The exit code of each kind of library error. */
  static int exitCode(Tracr4jException exception) {
    return switch (exception) {
      case RaspSyntaxException e -> PROGRAM;
      case UnsupportedProgramException e -> PROGRAM;
      case InvalidInputException e -> INPUT;
      case EvaluationException e -> INTERNAL;
      case CorruptModelException e -> MODEL_FILE;
      case UndecompilableModelException e -> PROGRAM;
      case ModelTooLargeException e -> TOO_LARGE;
    };
  }

  /** The lines to print: one per syntax problem or finding, else the message. */
  static List<String> lines(Tracr4jException exception) {
    return switch (exception) {
      case RaspSyntaxException e -> syntaxLines(e.problems());
      case UnsupportedProgramException e -> e.findings().isEmpty() ? List.of("tracr4j: " + e.getMessage())
          : e.findings().stream().map(f -> "unsupported: " + f).toList();
      case EvaluationException e -> List.of("tracr4j: evaluation failed: " + e.getMessage());
      case InvalidInputException e -> List.of("tracr4j: invalid input: " + e.getMessage());
      case CorruptModelException e -> List.of("tracr4j: corrupt model: " + e.getMessage());
      case UndecompilableModelException e -> List.of("tracr4j: cannot decompile: " + e.getMessage());
      case ModelTooLargeException e -> List.of("tracr4j: too large: " + e.getMessage());
    };
  }

  private static List<String> syntaxLines(List<RaspSyntaxException.Problem> problems) {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(MAX_PROBLEMS_SHOWN, problems.size()); i++) {
      lines.add(problems.get(i).toString());
    }
    if (problems.size() > MAX_PROBLEMS_SHOWN) {
      lines.add("tracr4j: " + problems.get(0).file() + ": " + (problems.size() - MAX_PROBLEMS_SHOWN)
          + " more errors not shown (" + problems.size() + " in all)");
    }
    return lines;
  }
}
