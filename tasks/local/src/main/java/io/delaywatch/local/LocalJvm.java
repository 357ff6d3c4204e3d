package io.delaywatch.local;

import java.util.Arrays;
import java.util.List;

/** JVM options for the task processes the local runner starts. */
final class LocalJvm {
  private LocalJvm() {}

  /** {@code DELAYWATCH_JAVA_OPTS} split on blanks, else a 1 GB heap (the budget of a task). */
  static List<String> options() {
    String opts = System.getenv("DELAYWATCH_JAVA_OPTS");
    if (opts == null || opts.isBlank()) {
      return List.of("-Xmx1g");
    }
    return Arrays.stream(opts.trim().split("\\s+")).toList();
  }
}
