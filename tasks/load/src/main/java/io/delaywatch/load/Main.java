package io.delaywatch.load;

import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.db.CheckedYear;
import io.delaywatch.db.Database;
import io.delaywatch.db.LoadResult;
import io.delaywatch.db.SummaryTable;
import io.delaywatch.db.YearLoader;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.InvalidInputException;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The load task: one scored year into PostgreSQL, replacing that year's rows. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Replaces the rows of --year in the PostgreSQL table airport_daily_summary with",
      "scored/airport_anomalies/year=YYYY/anomalies.parquet, in one transaction: a rerun",
      "gives the same rows. Applies the schema migrations (Flyway) first.",
      "Writes: the table, and its manifest (rows_loaded, rows_deleted, anomalies).",
      "The password comes from env PGPASSWORD (on ECS, injected from Secrets Manager);",
      "it is never logged.",
      "",
      "Example: PGPASSWORD=... load --warehouse s3://my-lake --year 2015 \\",
      "           --jdbc-url jdbc:postgresql://db:5432/delaywatch --db-user delaywatch"
    })
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LakeOptions lake;

  @Option(
      names = "--jdbc-url",
      defaultValue = "${env:DELAYWATCH_JDBC_URL}",
      description =
          "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/delaywatch "
              + "(env DELAYWATCH_JDBC_URL). Leave the password out of it.")
  String jdbcUrl;

  @Option(
      names = "--db-user",
      defaultValue = "${env:PGUSER}",
      description = "Database login (env PGUSER); overrides a user= in the URL.")
  String user;

  // No ${DEFAULT-VALUE} in the description: help must not print the environment's password.
  @Option(
      names = "--db-password",
      defaultValue = "${env:PGPASSWORD}",
      description =
          "Database password (env PGPASSWORD). Prefer the environment, where ECS puts the "
              + "Secrets Manager value: a command line is visible to other processes and to the "
              + "orchestrator's logs.")
  String password;

  @Option(
      names = "--db-schema",
      defaultValue = "public",
      description = "Schema of the table, created when missing (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(
      names = "--db-connect-attempts",
      defaultValue = "5",
      description =
          "Connection attempts while the database is unreachable or starting up, waiting 1 s, "
              + "2 s, 4 s... in between (default: ${DEFAULT-VALUE}).")
  int connectAttempts;

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int year = lake.year();
    Database database = database();
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("load", lake.runId(), year)) {
      // Its manifest is its only lake output: a killed run can leave that write's temporary file.
      run.sweepLeftovers(store);
      String scoredKey = LakePaths.scored(year);
      String source = store.uri(scoredKey);
      Path scored = run.fetchInput(store, scoredKey, "detect");
      List<ScoredDay> rows;
      try {
        rows = ParquetRowReader.readAll(scored, ScoredCodec.INSTANCE);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(source + ": " + e.getMessage(), e);
      }
      CheckedYear checked = CheckedYear.check(year, rows, source);

      LoadResult result;
      String version;
      try (Connection connection = database.connect(connectAttempts, Duration.ofSeconds(1))) {
        version = database.migrate();
        result = new YearLoader(database.schema()).load(connection, checked, run.runId());
      }
      run.output(database.address() + "#" + tableName(database))
          .count("rows_loaded", result.rowsLoaded())
          .count("rows_deleted", result.rowsDeleted())
          .count("anomalies", result.anomalies())
          .count("airports", rows.stream().map(r -> r.day().airport()).distinct().count())
          .detail("table", SummaryTable.qualifiedName(database.schema()))
          .detail("schema_version", version);
      return run.done(store);
    }
  }

  private Database database() {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing --jdbc-url (or env DELAYWATCH_JDBC_URL)");
    }
    try {
      return Database.of(jdbcUrl, user, password, schema);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String tableName(Database database) {
    return "public".equals(database.schema())
        ? SummaryTable.NAME
        : SummaryTable.qualifiedName(database.schema());
  }
}
