package io.delaywatch.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.NetworkEventDay;
import io.delaywatch.daily.ScoredDay;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view {@code network_event_days} and {@link NetworkEventDay#find} (what the report lists) are
 * one rule: on the same rows they give the same days, airports, kinds and main kind.
 */
class NetworkEventDaysIT {
  private static final AnomalyKind[] KINDS = AnomalyKind.values();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  /**
   * 120 airports over 60 days; each day flags a different share of them (0 to ~12%), so that days
   * fall on both sides of the count and the share thresholds, with ties in flights and kinds.
   */
  private static List<ScoredDay> rows() {
    Random random = new Random(7);
    List<ScoredDay> rows = new ArrayList<>();
    for (int day = 0; day < 60; day++) {
      LocalDate date = LocalDate.of(2015, 1, 1).plusDays(day);
      double share = (day % 13) / 100.0;
      // Some airports have no row that day: the share is of those reporting.
      int airports = 100 + random.nextInt(21);
      for (int a = 0; a < airports; a++) {
        int flights = 50 + random.nextInt(4) * 100;
        AnomalyKind kind =
            random.nextDouble() < share ? KINDS[random.nextInt(day % 3 == 0 ? 2 : 4)] : null;
        rows.add(
            new ScoredDay(
                new DailyAirportStats(
                    String.format("A%03d", a),
                    date,
                    flights,
                    flights - 5,
                    5,
                    0,
                    10.0,
                    0.2,
                    1,
                    1,
                    1,
                    0,
                    1),
                9.0,
                0.0,
                20.0,
                kind == null ? 0.5 : 6.0,
                kind,
                "robust"));
      }
    }
    return rows;
  }

  @Test
  void theViewAndTheReportListTheSameEventDays() throws SQLException {
    Database database =
        Database.of(postgres.getJdbcUrl("postgres", "postgres"), null, null, "public");
    database.migrate();
    List<ScoredDay> rows = rows();
    List<String> fromView = new ArrayList<>();
    try (Connection c = database.connect(1, Duration.ZERO)) {
      new YearLoader("public").load(c, CheckedYear.check(2015, rows, "test"), "r");
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT flight_date, year, airports_reporting, airports_anomalous, airports,"
                      + " kinds::text, main_kind FROM network_event_days ORDER BY flight_date")) {
        while (rs.next()) {
          Array airports = rs.getArray(5);
          fromView.add(
              rs.getObject(1, LocalDate.class)
                  + " "
                  + rs.getInt(2)
                  + " "
                  + rs.getInt(3)
                  + " "
                  + rs.getInt(4)
                  + " "
                  + Arrays.toString((String[]) airports.getArray())
                  + " "
                  + new TreeMap<>(parseKinds(rs.getString(6)))
                  + " "
                  + rs.getString(7));
        }
      }
    }
    List<String> fromJava =
        NetworkEventDay.find(rows).stream()
            .map(
                e -> {
                  TreeMap<String, Integer> kinds = new TreeMap<>();
                  e.kinds().forEach((k, n) -> kinds.put(k.name(), n));
                  return e.flightDate()
                      + " "
                      + e.flightDate().getYear()
                      + " "
                      + e.airportsReporting()
                      + " "
                      + e.airportsAnomalous()
                      + " "
                      + e.airports()
                      + " "
                      + kinds
                      + " "
                      + e.mainKind();
                })
            .toList();

    assertThat(fromJava).hasSizeBetween(10, 50);
    assertThat(fromView).containsExactlyElementsOf(fromJava);
  }

  /** {@code {"COLLAPSE": 2, "HIGH_DELAY": 5}} as a map. */
  private static TreeMap<String, Integer> parseKinds(String json) {
    TreeMap<String, Integer> kinds = new TreeMap<>();
    for (String pair : json.replaceAll("[{}\" ]", "").split(",")) {
      String[] kv = pair.split(":");
      kinds.put(kv[0], Integer.parseInt(kv[1]));
    }
    return kinds;
  }
}
