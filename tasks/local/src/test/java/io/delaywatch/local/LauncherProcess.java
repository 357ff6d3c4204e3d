package io.delaywatch.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./delaywatch} launcher as a user would, without its build check. */
final class LauncherProcess {
  record Outcome(int exit, List<String> stdout, String stderr) {}

  private LauncherProcess() {}

  static Path home() {
    return TaskProcess.findHome();
  }

  static Outcome run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home().resolve("delaywatch").toString());
    command.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("delaywatch-out", ".txt");
    Path err = Files.createTempFile("delaywatch-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("DELAYWATCH_NO_BUILD", "1");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("./delaywatch " + String.join(" ", args) + " did not finish");
    }
    Outcome outcome =
        new Outcome(
            process.exitValue(),
            Files.readAllLines(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return outcome;
  }
}
