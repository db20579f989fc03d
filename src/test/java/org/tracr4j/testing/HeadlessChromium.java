package org.tracr4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Loads a local HTML file in headless Chromium (Debian's {@code chromium} package) and returns what a
 * test needs: the DOM after the page's scripts ran, the console messages and a screenshot, all from one
 * browser start (about a second).
 *
 * <p>The browser runs with a fresh profile directory, without sandbox, GPU, background networking,
 * component updates or sync, and with every host name unresolvable, so a page that tried to fetch
 * anything would fail visibly. {@link #forTests()} skips the calling test when Chromium is missing, unless
 * the environment variable {@value #REQUIRE} is {@code 1} (as in {@code .ci/run}), where it fails.
 */
public final class HeadlessChromium {
  /** Set to 1 to make a missing browser a test failure instead of a skip. */
  public static final String REQUIRE = "TRACR4J_REQUIRE_CHROMIUM";
  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome");
  private static final long TIMEOUT_SECONDS = 60;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The installed browser, or null. The {@code CHROMIUM} environment variable overrides the search. */
  public static HeadlessChromium find() {
    String override = System.getenv("CHROMIUM");
    if (override != null && Files.isExecutable(Path.of(override))) {
      return new HeadlessChromium(Path.of(override));
    }
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst()
        .map(HeadlessChromium::new).orElse(null);
  }

  /** The browser for a test: skips the test when there is none, fails it if {@value #REQUIRE} is 1. */
  public static HeadlessChromium forTests() {
    HeadlessChromium chromium = find();
    if (chromium == null && "1".equals(System.getenv(REQUIRE))) {
      fail("headless Chromium is required (" + REQUIRE + "=1) but none of " + CANDIDATES + " exists; "
          + "install Debian's chromium package");
    }
    assumeTrue(chromium != null, "headless Chromium is not installed (apt-get install chromium)");
    return chromium;
  }

  /**
   * What the browser saw.
   *
   * @param dom the serialised DOM after the load event
   * @param console every console message (errors and uncaught exceptions included), one per entry
   * @param screenshot the viewport, or null if none was written
   */
  public record Page(String dom, List<String> console, BufferedImage screenshot) {

    /** Distinct pixel colours in the screenshot (1 for a blank page). */
    public int distinctColours() {
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < screenshot.getHeight(); y++) {
        for (int x = 0; x < screenshot.getWidth(); x++) {
          colours.add(screenshot.getRGB(x, y));
        }
      }
      return colours.size();
    }
  }

  /**
   * Opens {@code file} (plus {@code fragment}, such as {@code #selftest}, when not empty) in a window of
   * the given size, then returns its DOM, console and screenshot.
   *
   * @throws AssertionError if the browser fails, or takes over a minute
   */
  public Page load(Path file, String fragment, int width, int height) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("tracr4j-chromium");
      Path screenshot = profile.resolve("screenshot.png");
      Path dom = profile.resolve("dom.html");
      Path log = profile.resolve("stderr.txt");
      String url = file.toAbsolutePath().toUri() + fragment;
      Process process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox",
          "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--user-data-dir=" + profile.resolve("profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
          "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--window-size=" + width + "," + height,
          "--screenshot=" + screenshot, "--dump-dom", url)
          .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("chromium did not finish loading " + url + " within " + TIMEOUT_SECONDS + " s");
      }
      String errors = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        fail("chromium exited with " + process.exitValue() + " on " + url + ":\n" + errors);
      }
      List<String> console = errors.lines().filter(line -> line.contains(":CONSOLE")).toList();
      BufferedImage image = Files.exists(screenshot) ? ImageIO.read(screenshot.toFile()) : null;
      return new Page(Files.readString(dom, StandardCharsets.UTF_8), console, image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while chromium ran", e);
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}
