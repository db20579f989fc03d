package org.tracr4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of a long compile on stderr: the compiler names each stage as it starts; once the compile has run
 * for {@link #QUIET_MILLIS}, the current stage and every later one is printed as one line ({@code tracr4j:
 * compiling: inferring value sets (2.0 s)}), and the end as {@code tracr4j: compiled in 12.3 s} (or {@code compile stopped after}, before its error). A compile
 * that ends sooner prints nothing.
 */
final class StageProgress implements Consumer<String>, AutoCloseable {
  /** How long a compile runs before its stages are shown. */
  static final long QUIET_MILLIS = 2000;
  private static final long TICK_MILLIS = 200;
  /** Where progress goes: the command line's stderr ({@link Main#execute} sets it). */
  private static volatile PrintWriter sink = new PrintWriter(System.err, true);

  private final PrintWriter err;
  private final long quietMillis;
  private final long start = System.nanoTime();
  private final Thread ticker;
  private volatile String current = "starting";
  private String printed;
  private boolean any;
  private volatile boolean closed;
  private boolean succeeded;

  StageProgress(PrintWriter err, long quietMillis) {
    this.err = err;
    this.quietMillis = quietMillis;
    this.ticker = Thread.ofPlatform().daemon().name("tracr4j-progress").unstarted(this::tick);
    ticker.start();
  }

  /** Progress to the command line's stderr. */
  static StageProgress start() {
    return new StageProgress(sink, QUIET_MILLIS);
  }

  static void useStderr(PrintWriter err) {
    sink = err;
  }

  @Override
  public void accept(String stage) {
    current = stage;
    if (elapsedMillis() >= quietMillis) {
      show();
    }
  }

  private void tick() {
    while (!closed) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed && elapsedMillis() >= quietMillis) {
        show();
      }
    }
  }

  private synchronized void show() {
    String stage = current;
    if (!closed && !stage.equals(printed)) {
      printed = stage;
      any = true;
      err.println("tracr4j: compiling: " + stage + " (" + seconds() + ")");
      err.flush();
    }
  }

  private long elapsedMillis() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private String seconds() {
    return String.format(Locale.ROOT, "%.1f s", elapsedMillis() / 1000.0);
  }

  /** The compile succeeded: {@link #close} says "compiled in", not "stopped after". */
  synchronized void succeeded() {
    succeeded = true;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (any) {
        err.println("tracr4j: " + (succeeded ? "compiled in " : "compile stopped after ") + seconds());
        err.flush();
      }
    }
    ticker.interrupt();
  }
}
