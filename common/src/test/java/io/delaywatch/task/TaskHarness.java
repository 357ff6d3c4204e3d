package io.delaywatch.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
