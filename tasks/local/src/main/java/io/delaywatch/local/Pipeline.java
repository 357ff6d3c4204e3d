package io.delaywatch.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The six steps in the order and with the arguments the Airflow DAG gives them: discover, download,
 * transform, detect, then plot and load. Stops at the first step that does not end with exit 0;
 * discover's 99 (no raw file) ends the run as skipped.
 */
final class Pipeline {
  static final List<String> STEPS =
      List.of("discover", "download", "transform", "detect", "plot", "load");

  /** Told of each step as it starts and ends (progress on the console). */
  interface Listener {
    void started(int year, String task);

    void finished(int year, StepResult result);
  }

  private final TaskProcess tasks;
  private final String warehouse;
  private final LocalPostgres database;
  private final String detector;
  private final boolean echoManifests;
  private final Listener listener;

  Pipeline(
      TaskProcess tasks,
      String warehouse,
      LocalPostgres database,
      String detector,
      boolean echoManifests,
      Listener listener) {
    this.tasks = tasks;
    this.warehouse = warehouse;
    this.database = database;
    this.detector = detector;
    this.echoManifests = echoManifests;
    this.listener = listener;
  }

  /**
   * The arguments of {@code task} for {@code year}: the same for every runner; download reads the
   * raw object discover found ({@code discoveredEtag}, null when unknown).
   */
  List<String> arguments(String task, int year, String runId, String discoveredEtag) {
    List<String> args =
        new ArrayList<>(
            List.of("--warehouse", warehouse, "--year", String.valueOf(year), "--run-id", runId));
    if (task.equals("download") && discoveredEtag != null) {
      args.addAll(List.of("--expect-etag", discoveredEtag));
    }
    if (task.equals("detect") && detector != null) {
      args.addAll(List.of("--detector", detector));
    }
    return args;
  }

  /** Runs every step for {@code year}; the results of the steps that ran, in order. */
  List<StepResult> run(int year, String runId) throws IOException, InterruptedException {
    List<StepResult> results = new ArrayList<>();
    String etag = null;
    for (String task : STEPS) {
      listener.started(year, task);
      Map<String, String> env = task.equals("load") ? database.environment() : Map.of();
      StepResult result = tasks.run(task, arguments(task, year, runId, etag), env, echoManifests);
      if (task.equals("discover") && result.manifest() != null) {
        etag = result.manifest().path("details").path("etag").asText(null);
      }
      results.add(result);
      listener.finished(year, result);
      if (result.exitCode() != 0) {
        break;
      }
    }
    return results;
  }
}
