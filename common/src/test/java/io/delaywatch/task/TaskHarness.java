package io.delaywatch.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delaywatch.storage.LakePaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a task's {@code Main} in-process as its container would, capturing stdout. Not API. */
public final class TaskHarness {
  private TaskHarness() {}

  /** The exit code and what the task printed on stdout. */
  public record Outcome(int exit, String stdout) {
    /** The last stdout line, parsed: the manifest. */
    public JsonNode manifest() throws IOException {
      String[] lines = stdout.strip().split("\n");
      return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  /**
   * Writes the manifest with which {@code producer} would have committed the lake files {@code
   * keys} as they are now: how a test puts an upstream step's output in place.
   */
  public static void commit(Path lake, int year, String producer, String... keys)
      throws IOException {
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    manifest.put("task", producer).put("year", year).put("status", "done").put("exit_code", 0);
    ObjectNode prints = manifest.putObject("fingerprints");
    for (String key : keys) {
      prints.put(key, Fingerprints.of(lake.resolve(key)));
    }
    Path file = lake.resolve(LakePaths.manifest(year, producer));
    Files.createDirectories(file.getParent());
    Files.writeString(file, manifest.toString());
  }

  /** Runs {@code command} (a task's Main) with {@code args}. */
  public static synchronized Outcome run(Object command, String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = TaskCommandLine.of(command).execute(args);
      return new Outcome(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
