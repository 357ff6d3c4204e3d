package io.delaywatch.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline step as its own JVM, with the class path its image has (tasks/T/target), as the
 * launcher runs it; can be killed with SIGKILL at a chosen moment. Not API.
 */
final class StepProcess {
  /** How a step ended: exit code, stdout lines, stderr, the parsed manifest (or null). */
  record Outcome(int exit, List<String> stdout, String stderr, JsonNode manifest, long pid) {
    String error() {
      return manifest == null ? null : manifest.path("error").asText(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private StepProcess() {}

  static Path home() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tasks/transform"))
          && Files.exists(dir.resolve("pom.xml"))
          && Files.exists(dir.resolve("delaywatch"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above the working directory");
  }

  static Process start(String task, Map<String, String> env, Path out, Path err, List<String> args)
      throws IOException {
    Path target = home().resolve("tasks").resolve(task).resolve("target");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(target.resolve("classes") + File.pathSeparator + target.resolve("lib") + "/*");
    command.add("io.delaywatch." + task + ".Main");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs {@code task} to its end (at most 3 minutes). */
  static Outcome run(String task, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    return runOrKill(task, env, args, -1);
  }

  /**
   * Runs {@code task}; when {@code killAfterMillis} is not negative, sends it SIGKILL after that
   * long (if it is still running).
   */
  static Outcome runOrKill(
      String task, Map<String, String> env, List<String> args, long killAfterMillis)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("step-out", ".txt");
    Path err = Files.createTempFile("step-err", ".txt");
    try {
      Process process = start(task, env, out, err, args);
      if (killAfterMillis >= 0 && !process.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
      }
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(task + " did not finish in 3 minutes");
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      JsonNode manifest = null;
      if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("{")) {
        manifest = JSON.readTree(lines.get(lines.size() - 1));
      }
      return new Outcome(
          process.exitValue(),
          lines,
          Files.readString(err, StandardCharsets.UTF_8),
          manifest,
          process.pid());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
