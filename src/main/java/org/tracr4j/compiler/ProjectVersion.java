package org.tracr4j.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, read from {@code version.properties}, which Maven fills in from the pom. */
final class ProjectVersion {
  private static final String RESOURCE = "version.properties";

  private ProjectVersion() {}

  static String read() {
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      if (version == null || version.isBlank() || version.startsWith("$")) {
        throw new IllegalStateException(RESOURCE + " holds no filtered version: build with Maven");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
