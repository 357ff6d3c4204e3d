package io.delaywatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one task as its own JVM with the class path its image has ({@code tasks/T/target/classes}
 * and {@code tasks/T/target/lib}), the same command the {@code ./delaywatch TASK} launcher runs.
 * Its stderr goes to ours; its stdout is echoed and its last line read as the manifest.
 */
final class TaskProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final List<String> jvmOptions;

  /**
   * @param home the repository root (where {@code tasks/} is)
   * @param jvmOptions options for each task JVM, e.g. {@code -Xmx1g}
   */
  TaskProcess(Path home, List<String> jvmOptions) {
    this.home = home;
    this.jvmOptions = jvmOptions;
  }

  /** The repository root: {@code -Ddelaywatch.home}, else the nearest folder above with tasks/. */
  static Path findHome() {
    String property = System.getProperty("delaywatch.home");
    if (property != null) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tasks/transform"))
          && Files.exists(dir.resolve("delaywatch"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the DelayWatch home; set -Ddelaywatch.home");
  }

  /**
   * Where the demo keeps its lake and its embedded PostgreSQL's data: {@code DELAYWATCH_STATE},
   * else {@code .delaywatch} in the repository (git-ignored).
   */
  static Path stateDir() {
    String state = System.getenv("DELAYWATCH_STATE");
    return state == null || state.isBlank() ? findHome().resolve(".delaywatch") : Path.of(state);
  }

  /**
   * Runs {@code task} with {@code args}; {@code env} is added to the inherited environment (how
   * secrets reach the task: never on its command line).
   */
  StepResult run(String task, List<String> args, Map<String, String> env, boolean echo)
      throws IOException, InterruptedException {
    Path classes = home.resolve("tasks").resolve(task).resolve("target");
    if (!Files.isDirectory(classes.resolve("lib"))) {
      throw new IllegalStateException(
          classes + "/lib is missing: build with ./delaywatch or mvn package");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(
        classes.resolve("classes") + java.io.File.pathSeparator + classes.resolve("lib") + "/*");
    command.add("io.delaywatch." + task + ".Main");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    String last = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (echo) {
          System.out.println(line);
        }
        if (!line.isBlank()) {
          last = line;
        }
      }
    }
    int exit = process.waitFor();
    JsonNode manifest = null;
    if (last != null && last.startsWith("{")) {
      manifest = JSON.readTree(last);
    }
    return new StepResult(task, exit, manifest, (System.nanoTime() - start) / 1e9);
  }
}
