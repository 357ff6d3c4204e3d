package io.delaywatch.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./delaywatch run}: the six steps of one year, in order, as the DAG runs them. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    header = "Runs the six steps for one year, each as its own process, as the DAG does.",
    description = {
      "Runs discover, download, transform, detect, plot and load for one year, each as its own",
      "process exactly as the DAG's local runner does, printing each step's manifest. Without",
      "--jdbc-url the rows go to an embedded PostgreSQL whose data persists under .delaywatch/pg.",
      "Exits with the first failing step's exit code (99: no raw file for the year).",
      "",
      "Example: ./delaywatch run --year 2015 --warehouse /tmp/x"
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, description = "The year to process.")
  int year;

  @Option(
      names = "--warehouse",
      defaultValue = "${env:DELAYWATCH_WAREHOUSE}",
      required = true,
      description =
          "Root of the data lake (s3://..., file://... or a path; env DELAYWATCH_WAREHOUSE).")
  String warehouse;

  @Option(
      names = "--jdbc-url",
      defaultValue = "${env:DELAYWATCH_JDBC_URL}",
      description =
          "PostgreSQL to load into (env DELAYWATCH_JDBC_URL); the password is read from env PGPASSWORD. Default: embedded.")
  String jdbcUrl;

  @Option(
      names = "--db-user",
      defaultValue = "${env:PGUSER}",
      description = "Database user (env PGUSER).")
  String user;

  @Option(
      names = "--detector",
      description = "Anomaly detector for the detect step (default: the task's default).")
  String detector;

  @Option(
      names = "--run-id",
      description = "Run id stored with the outputs (default: local-<time>).")
  String runId;

  @Override
  public Integer call() throws Exception {
    Path home = TaskProcess.findHome();
    String id = runId != null ? runId : "local-" + Instant.now();
    try (LocalPostgres db =
        jdbcUrl != null && !jdbcUrl.isBlank()
            ? LocalPostgres.external(jdbcUrl, user, System.getenv("PGPASSWORD"))
            : LocalPostgres.embedded(TaskProcess.stateDir().resolve("pg"))) {
      TaskProcess tasks = new TaskProcess(home, LocalJvm.options());
      Pipeline pipeline =
          new Pipeline(
              tasks,
              warehouse,
              db,
              detector,
              true,
              new ConsoleProgress(warehouse.contains("://") ? null : Path.of(warehouse)));
      List<StepResult> results = pipeline.run(year, id);
      StepResult last = results.get(results.size() - 1);
      return last.exitCode();
    }
  }
}
