package io.delaywatch.local;

import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./delaywatch demo}: two generated years through the whole pipeline, then a summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    header = "Two generated years through the whole pipeline, then where to look at the results.",
    description = {
      "Generates two years of sample flights, runs the whole pipeline on each (embedded PostgreSQL,",
      "a local lake under .delaywatch/demo), then prints where the charts and the report are and",
      "the top anomalies of each year."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--years",
      split = ",",
      defaultValue = "2017,2018",
      description = "Years to generate and run (default ${DEFAULT-VALUE}).")
  List<Integer> years;

  @Option(
      names = "--airports",
      defaultValue = "60",
      description = "Airports per year (default ${DEFAULT-VALUE}).")
  int airports;

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Rows per year (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--detector",
      description = "Detector for the detect step (default: the task's default).")
  String detector;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Anomalies to list per year (default ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws Exception {
    Path home = TaskProcess.findHome();
    Path lake = TaskProcess.stateDir().resolve("demo/lake");
    String runId = "demo-" + Instant.now();
    try (LocalPostgres db = LocalPostgres.embedded(TaskProcess.stateDir().resolve("pg"))) {
      Pipeline pipeline =
          new Pipeline(
              new TaskProcess(home, LocalJvm.options()),
              lake.toString(),
              db,
              detector,
              false,
              new ConsoleProgress(lake));
      for (int i = 0; i < years.size(); i++) {
        int year = years.get(i);
        System.err.printf(
            "[%d] generating %,d rows for %d airports (year %d of %d) ...%n",
            year, rows, airports, i + 1, years.size());
        GenerationResult generated =
            FlightGenerator.generate(
                new GeneratorConfig(
                    year, airports, rows, GeneratorConfig.DEFAULT_SEED + year, false, false),
                lake.resolve("raw/flights"));
        System.err.printf(
            "[%d] generated %,d rows, %d planted anomalies (%s)%n",
            year, generated.rows(), generated.anomalies(), generated.labels());
        List<StepResult> results = pipeline.run(year, runId);
        StepResult last = results.get(results.size() - 1);
        if (last.exitCode() != 0) {
          return last.exitCode();
        }
      }
      printSummary(db, lake);
    }
    System.out.println();
    System.out.println(
        "Look at the results: ./delaywatch sql \"select count(*) from airport_daily_summary\"");
    System.out.println("  or an interactive psql on the same database: ./delaywatch psql");
    return 0;
  }

  private void printSummary(LocalPostgres db, Path lake) throws Exception {
    System.out.println();
    System.out.println("DelayWatch demo: done.");
    System.out.println("  lake:   " + lake);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      for (int year : years) {
        System.out.println();
        System.out.printf("Year %d%n", year);
        System.out.println("  report: " + lake.resolve("plots/" + year + "/index.html").toUri());
        System.out.println(
            "  charts: "
                + lake.resolve("plots/" + year)
                + "/run-<HASH>/<AIRPORT>/{daily_flights,delay_vs_expected}.png");
        try (PreparedStatement count =
            c.prepareStatement(
                "select count(*), count(*) filter (where is_anomaly), count(distinct airport) from airport_daily_summary"
                    + " where flight_date >= make_date(?, 1, 1) and flight_date < make_date(? + 1, 1, 1)")) {
          count.setInt(1, year);
          count.setInt(2, year);
          try (ResultSet rs = count.executeQuery()) {
            rs.next();
            System.out.printf(
                "  table airport_daily_summary: %,d rows, %d airports, %d anomalous days%n",
                rs.getLong(1), rs.getLong(3), rs.getLong(2));
          }
        }
        System.out.printf("  top %d anomalies:%n", top);
        System.out.printf(
            "    %-7s %-10s %-13s %7s %9s %9s %9s %7s  %s%n",
            "airport",
            "date",
            "kind",
            "flights",
            "cancelled",
            "avg delay",
            "expected",
            "score",
            "main cause");
        try (PreparedStatement q =
            c.prepareStatement(
                "select airport, flight_date, flights, cancelled, avg_dep_delay, expected_dep_delay, anomaly_score, main_delay_cause, anomaly_kind"
                    + " from airport_daily_summary where is_anomaly and flight_date >= make_date(?, 1, 1) and flight_date < make_date(? + 1, 1, 1)"
                    // Signed scores: a low-delay day is as unusual as a high one of the same size.
                    + " order by abs(anomaly_score) desc nulls last, airport, flight_date limit ?")) {
          q.setInt(1, year);
          q.setInt(2, year);
          q.setInt(3, top);
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              System.out.printf(
                  "    %-7s %-10s %-13s %7d %9d %9s %9s %7s  %s%n",
                  rs.getString(1),
                  rs.getDate(2).toLocalDate(),
                  rs.getString(9),
                  rs.getInt(3),
                  rs.getInt(4),
                  minutes(rs.getObject(5)),
                  minutes(rs.getObject(6)),
                  minutes(rs.getObject(7)),
                  rs.getString(8) == null ? "-" : rs.getString(8));
            }
          }
        }
      }
    }
  }

  private static String minutes(Object value) {
    return value == null ? "-" : String.format("%.1f", ((Number) value).doubleValue());
  }
}
