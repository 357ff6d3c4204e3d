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

  /**
   * When to send SIGKILL: {@code afterMillis} after {@code trigger} first holds (polled every 10
   * ms), if the step is still running then.
   */
  record Kill(java.util.function.BooleanSupplier trigger, long afterMillis) {
    static Kill after(long millis) {
      return new Kill(() -> true, millis);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The longest a step may take: a hung step fails its case instead of stalling the suite. */
  private static final long STEP_LIMIT_SECONDS = 120;

  private static volatile Path tmpDir;

  private StepProcess() {}

  /**
   * Gives every step {@code dir} as its temporary folder: the scratch folders of killed steps are
   * then the suite's alone to check (other builds on the machine use the shared one).
   */
  static void tmpDir(Path dir) {
    tmpDir = dir;
  }

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
    if (tmpDir != null) {
      command.add("-Djava.io.tmpdir=" + tmpDir);
    }
    command.add("-cp");
    command.add(target.resolve("classes") + File.pathSeparator + target.resolve("lib") + "/*");
    command.add("io.delaywatch." + task + ".Main");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs {@code task} to its end (at most {@value #STEP_LIMIT_SECONDS} s). */
  static Outcome run(String task, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    return runOrKill(task, env, args, null);
  }

  /** Runs {@code task}, killed with SIGKILL as {@code kill} says (never when it is null). */
  static Outcome runOrKill(String task, Map<String, String> env, List<String> args, Kill kill)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("step-out", ".txt");
    Path err = Files.createTempFile("step-err", ".txt");
    try {
      Process process = start(task, env, out, err, args);
      if (kill != null) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_LIMIT_SECONDS);
        while (process.isAlive()
            && !kill.trigger().getAsBoolean()
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        if (!process.waitFor(kill.afterMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
        }
      }
      if (!process.waitFor(STEP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(task + " did not finish in " + STEP_LIMIT_SECONDS + " s");
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
