package io.delaywatch.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints for every task: the task, the project version and the git commit
 * the build was made from ({@code unknown} for a source tree without {@code .git}). Filled in at
 * build time (see {@code common/pom.xml}).
 */
public final class TaskVersion implements IVersionProvider {
  private final String task;

  public TaskVersion(String task) {
    this.task = task;
  }

  /** The project version, e.g. {@code 0.1.0}. */
  public static String projectVersion() {
    return properties().getProperty("version", "unknown");
  }

  /** The abbreviated git commit of the build, {@code unknown} when it was built without git. */
  public static String commit() {
    Properties p = properties();
    String commit = p.getProperty("commit", "");
    // An unfiltered placeholder means the build had no git information.
    if (commit.isBlank() || commit.startsWith("${")) {
      return "unknown";
    }
    return commit;
  }

  @Override
  public String[] getVersion() {
    return new String[] {task + " (DelayWatch) " + projectVersion() + ", commit " + commit()};
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = TaskVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
