package io.delaywatch.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.Flight;
import io.delaywatch.parquet.StagedBatches;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.TaskHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged and daily Parquet as another engine sees them: DuckDB reads both, types and all. */
class DuckDbReadsOurParquetIT {
  @TempDir Path lake;

  @Test
  void duckDbReadsTheStagedAndDailyParquetWithTheirTypesAndFigures() throws Exception {
    Path staged =
        Files.createDirectories(lake.resolve("staged/flights/year=2015"))
            .resolve("flights.parquet");
    // Written column-wise, as download writes it.
    int jan2 = (int) LocalDate.of(2015, 1, 2).toEpochDay();
    StagedBatches.write(
        staged,
        List.of(
            new Flight(jan2, "AA", "ATL", 20, false, false, 5, Double.NaN, 1, 0, 14),
            new Flight(jan2, "DL", "ATL", -4, false, true, 0, 0, 0, 0, 0),
            new Flight(
                jan2,
                "",
                "ATL",
                Double.NaN,
                true,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN)));
    TaskHarness.commit(lake, 2015, "download", LakePaths.staged(2015));
    assertThat(TaskHarness.run(new Main(), "--warehouse", lake.toString(), "--year", "2015").exit())
        .isZero();
    Path daily = lake.resolve("daily/airport_daily/year=2015/airport_daily.parquet");

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      assertThat(
              rows(
                  s,
                  "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                      + staged
                      + "'))"))
          .containsExactly(
              "flight_date DATE",
              "carrier VARCHAR",
              "origin VARCHAR",
              "dep_delay DOUBLE",
              "cancelled BOOLEAN",
              "diverted BOOLEAN",
              "carrier_delay DOUBLE",
              "weather_delay DOUBLE",
              "nas_delay DOUBLE",
              "security_delay DOUBLE",
              "late_aircraft_delay DOUBLE",
              // the Hive-style partition of the path, as the lake layout intends
              "year BIGINT");
      assertThat(
              rows(
                  s,
                  "SELECT count(*) || ' ' || count(dep_delay) || ' ' || sum(cancelled::int) FROM"
                      + " read_parquet('"
                      + staged
                      + "')"))
          .containsExactly("3 2 1");
      assertThat(
              rows(
                  s,
                  "SELECT concat_ws(' ', airport, flight_date, flights, departed, cancelled,"
                      + " diverted, avg_dep_delay, delayed_15_share, carrier_delay_min,"
                      + " late_aircraft_delay_min) FROM read_parquet('"
                      + daily
                      + "')"))
          .containsExactly("ATL 2015-01-02 3 2 1 1 8.0 0.5 5.0 14.0");
    }
  }

  private static List<String> rows(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
