package io.delaywatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Progress lines on stderr: which step of which year runs, how it ended, with its counts. */
final class ConsoleProgress implements Pipeline.Listener {
  @Override
  public void started(int year, String task) {
    System.err.printf("[%d] %-9s ...%n", year, task);
  }

  @Override
  public void finished(int year, StepResult r) {
    String outcome =
        switch (r.exitCode()) {
          case 0 -> "done";
          case 99 -> "skipped (no raw file)";
          default -> "FAILED (exit " + r.exitCode() + ")";
        };
    StringBuilder counts = new StringBuilder();
    if (r.manifest() != null && r.manifest().has("counts")) {
      for (Map.Entry<String, JsonNode> e : r.manifest().get("counts").properties()) {
        counts
            .append(counts.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append('=')
            .append(e.getValue().asText());
      }
    }
    System.err.printf(
        "[%d] %-9s %s in %.1f s%s%n",
        year, r.task(), outcome, r.seconds(), counts.length() == 0 ? "" : " (" + counts + ")");
    if (r.exitCode() != 0 && r.manifest() != null && r.manifest().has("error")) {
      System.err.printf("[%d] %-9s %s%n", year, r.task(), r.manifest().get("error").asText());
    }
  }
}
